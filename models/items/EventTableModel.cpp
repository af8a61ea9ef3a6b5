#include "EventTableModel.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

namespace tb {

EventTableModel::EventTableModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_columns(defaultColumns()) {
    reload();
}

std::vector<EventField> EventTableModel::defaultColumns() {
    using F = EventField;
    return {F::TimeUtc,       F::Host,       F::User,        F::RuleName,    F::TaskName,
            F::TaskOperation, F::ParentName, F::ProcessName, F::CommandLine, F::Severity};
}

QString EventTableModel::columnTitle(EventField field) {
    switch (field) {
    case EventField::TimeUtc:
        return tr("Time (UTC)");
    case EventField::Host:
        return tr("Host");
    case EventField::User:
        return tr("User");
    case EventField::RuleName:
        return tr("Rule");
    case EventField::TaskName:
        return tr("Task");
    case EventField::TaskOperation:
        return tr("Operation");
    case EventField::ParentName:
        return tr("Parent");
    case EventField::ProcessName:
        return tr("Process");
    case EventField::CommandLine:
        return tr("Command line");
    case EventField::Severity:
        return tr("Severity");
    default:
        return eventFieldColumn(field);
    }
}

void EventTableModel::setColumns(const std::vector<EventField> &columns) {
    beginResetModel();
    m_columns = columns;
    m_pages.clear();
    endResetModel();
}

void EventTableModel::reload() {
    beginResetModel();
    m_pages.clear();
    try {
        m_rowCount = int(m_db.queryInt(QStringLiteral("SELECT count(*) FROM events")));
    } catch (const StoreError &) {
        m_rowCount = 0;
    }
    endResetModel();
}

int EventTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : m_rowCount;
}

int EventTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_columns.size()) + 2;
}

int EventTableModel::columnOf(EventField field) const {
    const auto it = std::find(m_columns.begin(), m_columns.end(), field);
    return it == m_columns.end() ? -1 : int(it - m_columns.begin()) + 1;
}

const EventTableModel::Row *EventTableModel::rowAt(int row) const {
    const int page = row / PageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        QString columns = QStringLiteral("e.id, a.fp_likelihood");
        for (EventField field : m_columns)
            columns += QStringLiteral(", e.") + eventFieldColumn(field);
        columns +=
            QStringLiteral(", (SELECT n.text FROM event_explanations x JOIN notes n ON n.id = x.note_id "
                           "WHERE x.event_id = e.id AND x.rank = 1)");
        std::vector<Row> rows;
        rows.reserve(PageSize);
        try {
            Statement query = m_db.prepare(
                QStringLiteral("SELECT %1 FROM events e LEFT JOIN event_assessments a ON a.event_id = e.id "
                               "ORDER BY e.time_utc, e.id LIMIT ?1 OFFSET ?2")
                    .arg(columns));
            query.bind(1, qint64(PageSize));
            query.bind(2, qint64(page) * PageSize);
            while (query.step()) {
                Row r;
                r.id = query.columnInt64(0);
                for (int c = 1; c < query.columnCount(); ++c)
                    r.values.append(query.columnValue(c));
                rows.push_back(std::move(r));
            }
        } catch (const StoreError &) {
            // A page that cannot be read shows empty; the status bar reports workspace errors.
        }
        if (m_pages.size() > 64)
            m_pages.clear(); // bounded memory however far the user scrolls
        it = m_pages.insert(page, std::move(rows));
    }
    const qsizetype offset = row % PageSize;
    return offset < qsizetype(it->size()) ? &(*it)[size_t(offset)] : nullptr;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != EventIdRole)
        return {};
    const Row *row = rowAt(index.row());
    if (!row)
        return {};
    if (role == EventIdRole)
        return row->id;
    const QVariant &value = row->values.value(index.column());
    if (index.column() == LikelihoodColumn)
        return value.isNull() ? QVariant() : QVariant(value.toString() + QLatin1Char('%'));
    if (role == Qt::DisplayRole && index.column() == columnOf(EventField::TimeUtc)) {
        // "2025-03-04T09:41:17.402000Z" reads better as "2025-03-04 09:41:17.402"; the tooltip keeps it all.
        QString text = value.toString().left(23);
        if (text.size() > 10)
            text[10] = QLatin1Char(' ');
        return text;
    }
    if (role == Qt::DisplayRole && value.typeId() == QMetaType::QString) {
        QString text = value.toString();
        // One line per row: multivalue cells and multi-line command lines are joined.
        if (text.contains(QLatin1Char('\n')))
            text.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
        return text;
    }
    return value;
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == LikelihoodColumn)
        return tr("FP");
    if (section == topExplanationColumn())
        return tr("Top explanation");
    return columnTitle(m_columns[size_t(section - 1)]);
}

} // namespace tb
