#include "StackingModel.h"

#include "BackgroundQuery.h"
#include "store/Statement.h"

namespace tb {

StackingModel::StackingModel(Database &db, EventGroup group, QObject *parent)
    : QAbstractTableModel(parent)
    , m_path(db.path())
    , m_group(group) {
    refresh();
}

void StackingModel::setGroup(EventGroup group) {
    if (group == m_group)
        return;
    m_group = group;
    refresh();
}

QList<StackingModel::Stack> StackingModel::count(Database &db, EventGroup group) {
    const QString column =
        group == EventGroup::TaskAction ? QStringLiteral("task_action") : QStringLiteral("task_name");
    // The (value, host) index answers both counts without touching the events themselves.
    Statement query =
        db.prepare(QStringLiteral("SELECT %1, count(*) AS n, count(DISTINCT host COLLATE NOCASE) AS h "
                                  "FROM events WHERE %1 IS NOT NULL GROUP BY %1 COLLATE NOCASE "
                                  "ORDER BY n, h, %1 COLLATE NOCASE LIMIT %2")
                       .arg(column)
                       .arg(MaxRows));
    QList<Stack> rows;
    while (query.step())
        rows.append({query.columnText(0), query.columnInt64(1), query.columnInt64(2)});
    return rows;
}

void StackingModel::refresh() {
    m_loading = true;
    const quint64 generation = ++m_generation;
    const EventGroup group = m_group;
    runInBackground<QList<Stack>>(
        m_path, this, [group](Database &db) { return count(db, group); },
        [this, generation](const BackgroundResult<QList<Stack>> &result) {
            if (generation != m_generation)
                return;
            beginResetModel();
            m_rows = result.value;
            m_loading = false;
            endResetModel();
            emit loaded();
        });
}

std::optional<GroupFilter> StackingModel::filterAt(int row) const {
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return GroupFilter{m_group, m_rows[row].value};
}

int StackingModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StackingModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StackingModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Stack &stack = m_rows[index.row()];
    if (role == Qt::TextAlignmentRole && index.column() != ValueColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case ValueColumn:
        return stack.value;
    case EventsColumn:
        return QStringLiteral("%L1").arg(stack.events);
    default:
        return QStringLiteral("%L1").arg(stack.hosts);
    }
}

QVariant StackingModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ValueColumn:
        return m_group == EventGroup::TaskAction ? tr("Task action") : tr("Task name");
    case EventsColumn:
        return tr("Events");
    default:
        return tr("Hosts");
    }
}

} // namespace tb
