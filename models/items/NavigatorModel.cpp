#include "NavigatorModel.h"

#include "BackgroundQuery.h"
#include "store/Statement.h"
#include "triage/Verdict.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace tb {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("tb::NavigatorModel", text);
}

QString noneTitle(EventGroup group) {
    switch (group) {
    case EventGroup::Theme:
        return tr("(no explanation)");
    case EventGroup::Verdict:
        return tr("Unreviewed");
    default:
        return tr("(none)");
    }
}

const char *fieldColumn(EventGroup group) {
    switch (group) {
    case EventGroup::Rule:
        return "rule_name";
    case EventGroup::Host:
        return "host";
    case EventGroup::User:
        return "user";
    case EventGroup::TaskName:
        return "task_name";
    case EventGroup::TaskAction:
        return "task_action";
    case EventGroup::Parent:
        return "parent_name";
    default:
        return nullptr;
    }
}

void sortByCount(QList<NavigatorModel::Group> &groups) {
    std::stable_sort(
        groups.begin(), groups.end(),
        [](const NavigatorModel::Group &a, const NavigatorModel::Group &b) { return a.count > b.count; });
}

} // namespace

NavigatorModel::NavigatorModel(Database &db, QObject *parent)
    : QAbstractItemModel(parent)
    , m_path(db.path()) {
    for (EventGroup group : branches())
        m_branches.append({group, {}, false, false, 0});
}

const std::array<EventGroup, 8> &NavigatorModel::branches() {
    static const std::array<EventGroup, 8> order{EventGroup::Rule,     EventGroup::Host,   EventGroup::User,
                                                 EventGroup::TaskName, EventGroup::Parent, EventGroup::Theme,
                                                 EventGroup::Verdict,  EventGroup::Import};
    return order;
}

QString NavigatorModel::branchTitle(EventGroup group) {
    switch (group) {
    case EventGroup::Rule:
        return tr("Rules");
    case EventGroup::Host:
        return tr("Hosts");
    case EventGroup::User:
        return tr("Users");
    case EventGroup::TaskName:
        return tr("Task names");
    case EventGroup::TaskAction:
        return tr("Task actions");
    case EventGroup::Parent:
        return tr("Parent processes");
    case EventGroup::Theme:
        return tr("Explanation themes");
    case EventGroup::Verdict:
        return tr("Verdicts");
    case EventGroup::Events:
        return tr("Chosen events");
    case EventGroup::Import:
        break;
    }
    return tr("Import batches");
}

QList<NavigatorModel::Group> NavigatorModel::countGroups(Database &db, EventGroup group) {
    QList<Group> groups;
    if (const char *column = fieldColumn(group)) {
        // One pass over the column's NOCASE index; the NULL group is the events without a value.
        Statement query =
            db.prepare(QStringLiteral("SELECT %1, count(*) AS n FROM events GROUP BY %1 COLLATE NOCASE "
                                      "ORDER BY n DESC, %1 COLLATE NOCASE LIMIT %2")
                           .arg(QLatin1String(column))
                           .arg(MaxGroups));
        while (query.step()) {
            const QVariant value = query.columnValue(0);
            groups.append(
                {value, value.isNull() ? noneTitle(group) : value.toString(), query.columnInt64(1)});
        }
        return groups;
    }
    const qint64 total = db.queryInt(QStringLiteral("SELECT count(*) FROM events"));
    qint64 counted = 0;
    if (group == EventGroup::Theme) {
        // Counted per note on the explanations index, then folded into themes here (44 notes).
        QHash<QString, QString> themeOfNote, themeTitle;
        Statement notes = db.prepare(QStringLiteral("SELECT id, theme_id FROM notes"));
        while (notes.step())
            themeOfNote.insert(notes.columnText(0), notes.columnText(1));
        Statement themes = db.prepare(QStringLiteral("SELECT id, title FROM themes"));
        while (themes.step())
            themeTitle.insert(themes.columnText(0), themes.columnText(1));
        QHash<QString, qint64> perTheme;
        Statement query = db.prepare(QStringLiteral(
            "SELECT top_note_id, count(*) FROM event_assessments WHERE top_note_id IS NOT NULL GROUP BY 1"));
        while (query.step()) {
            perTheme[themeOfNote.value(query.columnText(0))] += query.columnInt64(1);
            counted += query.columnInt64(1);
        }
        for (auto it = perTheme.cbegin(); it != perTheme.cend(); ++it)
            groups.append({it.key(), themeTitle.value(it.key(), it.key()), it.value()});
    } else if (group == EventGroup::Verdict) {
        Statement query =
            db.prepare(QStringLiteral("SELECT verdict, count(*) FROM verdicts GROUP BY verdict"));
        while (query.step()) {
            const QString name = query.columnText(0);
            const auto verdict = verdictFromName(name);
            groups.append({name, verdict ? verdictTitle(*verdict) : name, query.columnInt64(1)});
            counted += query.columnInt64(1);
        }
    } else {
        QHash<qint64, QString> names;
        Statement imports = db.prepare(QStringLiteral("SELECT id, file_name, started_at FROM imports"));
        while (imports.step())
            names.insert(imports.columnInt64(0),
                         QStringLiteral("%1 · %2").arg(
                             imports.columnText(1),
                             imports.columnText(2).left(16).replace(QLatin1Char('T'), QLatin1Char(' '))));
        Statement query =
            db.prepare(QStringLiteral("SELECT import_id, count(*) FROM events GROUP BY import_id"));
        while (query.step()) {
            const qint64 id = query.columnInt64(0);
            groups.append({id, names.value(id, QString::number(id)), query.columnInt64(1)});
        }
        counted = total;
    }
    sortByCount(groups);
    if (total > counted)
        groups.append({QVariant(), noneTitle(group), total - counted});
    return groups;
}

std::optional<GroupFilter> NavigatorModel::filterAt(const QModelIndex &index) const {
    if (!index.isValid() || index.internalId() == 0)
        return std::nullopt;
    const Branch &branch = m_branches.at(int(index.internalId()) - 1);
    if (index.row() >= branch.groups.size())
        return std::nullopt;
    return GroupFilter{branch.group, branch.groups.at(index.row()).value};
}

QModelIndex NavigatorModel::branchIndex(EventGroup group) const {
    for (int b = 0; b < m_branches.size(); ++b) {
        if (m_branches[b].group == group)
            return index(b, 0);
    }
    return {};
}

QModelIndex NavigatorModel::groupIndex(const GroupFilter &filter) const {
    const QModelIndex branch = branchIndex(filter.group);
    if (!branch.isValid())
        return {};
    const QList<Group> &groups = m_branches[branch.row()].groups;
    for (int row = 0; row < groups.size(); ++row) {
        const QVariant &value = groups[row].value;
        if (value.isNull() == filter.value.isNull() &&
            (value.isNull() || value.toString().compare(filter.value.toString(), Qt::CaseInsensitive) == 0))
            return index(row, 0, branch);
    }
    return {};
}

bool NavigatorModel::isLoaded(EventGroup group) const {
    const QModelIndex branch = branchIndex(group);
    return branch.isValid() && m_branches[branch.row()].loaded;
}

void NavigatorModel::refresh(EventGroup group) {
    const QModelIndex branch = branchIndex(group);
    if (branch.isValid() && (m_branches[branch.row()].loaded || m_branches[branch.row()].loading))
        load(branch.row());
}

void NavigatorModel::refreshAll() {
    for (EventGroup group : branches())
        refresh(group);
}

void NavigatorModel::load(int b) {
    Branch &branch = m_branches[b];
    branch.loading = true;
    const quint64 generation = ++branch.generation;
    const EventGroup group = branch.group;
    runInBackground<QList<Group>>(
        m_path, this, [group](Database &db) { return countGroups(db, group); },
        [this, b, generation](const BackgroundResult<QList<Group>> &result) {
            Branch &branch = m_branches[b];
            if (generation != branch.generation)
                return; // a newer count is on its way
            const QModelIndex parent = index(b, 0);
            if (!branch.groups.isEmpty()) {
                beginRemoveRows(parent, 0, int(branch.groups.size()) - 1);
                branch.groups.clear();
                endRemoveRows();
            }
            if (!result.value.isEmpty()) {
                beginInsertRows(parent, 0, int(result.value.size()) - 1);
                branch.groups = result.value;
                endInsertRows();
            }
            branch.loaded = true;
            branch.loading = false;
            emit dataChanged(index(b, 0), index(b, ColumnCount - 1));
            emit branchLoaded(branch.group);
        });
}

QModelIndex NavigatorModel::index(int row, int column, const QModelIndex &parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex NavigatorModel::parent(const QModelIndex &child) const {
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int NavigatorModel::rowCount(const QModelIndex &parent) const {
    if (!parent.isValid())
        return int(m_branches.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_branches[parent.row()].groups.size());
}

int NavigatorModel::columnCount(const QModelIndex &) const {
    return ColumnCount;
}

bool NavigatorModel::hasChildren(const QModelIndex &parent) const {
    if (!parent.isValid())
        return !m_branches.isEmpty();
    if (parent.internalId() != 0 || parent.column() != 0)
        return false;
    const Branch &branch = m_branches[parent.row()];
    return !branch.loaded || !branch.groups.isEmpty();
}

bool NavigatorModel::canFetchMore(const QModelIndex &parent) const {
    if (!parent.isValid() || parent.internalId() != 0 || parent.column() != 0)
        return false;
    const Branch &branch = m_branches[parent.row()];
    return !branch.loaded && !branch.loading;
}

void NavigatorModel::fetchMore(const QModelIndex &parent) {
    if (canFetchMore(parent))
        load(parent.row());
}

QVariant NavigatorModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::TextAlignmentRole && index.column() == CountColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (index.internalId() == 0) {
        const Branch &branch = m_branches[index.row()];
        if (index.column() == NameColumn)
            return branchTitle(branch.group);
        if (branch.loading && !branch.loaded)
            return tr("counting…");
        return branch.loaded ? QVariant(QStringLiteral("%L1").arg(branch.groups.size())) : QVariant();
    }
    const Group &group = m_branches[int(index.internalId()) - 1].groups[index.row()];
    if (index.column() == NameColumn)
        return group.title;
    return QStringLiteral("%L1").arg(group.count);
}

QVariant NavigatorModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Group") : tr("Events");
}

} // namespace tb
