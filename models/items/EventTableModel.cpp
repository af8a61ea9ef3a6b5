#include "EventTableModel.h"

#include "store/Database.h"
#include "triage/Verdict.h"

#include <algorithm>
#include <limits>

namespace tb {

EventTableModel::EventTableModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_loader(std::make_unique<EventPageLoader>(db.path()))
    , m_columns(defaultColumns()) {
    connect(m_loader.get(), &EventPageLoader::queryLoaded, this, &EventTableModel::applyQuery);
    connect(m_loader.get(), &EventPageLoader::pageLoaded, this, &EventTableModel::applyPage);
    connect(m_loader.get(), &EventPageLoader::pageFailed, this,
            [this](quint64 generation, int page, const QString &error) {
                if (generation != m_generation)
                    return;
                m_requested.removeAll(page);
                emit loadFailed(error);
            });
    start(false, {0});
}

EventTableModel::~EventTableModel() = default;

std::vector<EventColumn> EventTableModel::defaultColumns() {
    using F = EventField;
    std::vector<EventColumn> columns{EventColumn::likelihood()};
    for (F field : {F::TimeUtc, F::Host, F::User, F::RuleName, F::TaskName})
        columns.push_back(EventColumn::of(field));
    columns.push_back(EventColumn::topExplanation());
    for (F field : {F::TaskOperation, F::ParentName, F::ProcessName, F::CommandLine, F::Severity})
        columns.push_back(EventColumn::of(field));
    columns.push_back(EventColumn::verdict());
    columns.push_back(EventColumn::suppressedBy());
    return columns;
}

int EventTableModel::columnOf(const EventColumn &column) const {
    const auto it = std::find(m_columns.begin(), m_columns.end(), column);
    return it == m_columns.end() ? -1 : int(it - m_columns.begin());
}

void EventTableModel::setColumns(const std::vector<EventColumn> &columns) {
    if (columns == m_columns || columns.empty())
        return;
    beginResetModel();
    m_columns = columns;
    m_pages.clear();
    endResetModel();
    start(true, {0});
}

void EventTableModel::setQuery(const EventQuery &query) {
    if (query == m_query)
        return;
    m_query = query;
    start(false, {0});
}

void EventTableModel::setSearch(const QString &words) {
    EventQuery query = m_query;
    query.search = words;
    setQuery(query);
}

void EventTableModel::setGroups(const QList<GroupFilter> &groups) {
    EventQuery query = m_query;
    query.groups = groups;
    setQuery(query);
}

void EventTableModel::setHideSuppressed(bool hide) {
    EventQuery query = m_query;
    query.hideSuppressed = hide;
    setQuery(query);
}

void EventTableModel::setColumnFilter(const EventColumn &column, const QString &text) {
    EventQuery query = m_query;
    query.columnFilters.erase(
        std::remove_if(query.columnFilters.begin(), query.columnFilters.end(),
                       [&column](const auto &filter) { return filter.first == column; }),
        query.columnFilters.end());
    if (!text.trimmed().isEmpty())
        query.columnFilters.append({column, text});
    setQuery(query);
}

QString EventTableModel::columnFilter(const EventColumn &column) const {
    for (const auto &[c, text] : m_query.columnFilters) {
        if (c == column)
            return text;
    }
    return {};
}

void EventTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= int(m_columns.size()))
        return;
    EventQuery query = m_query;
    query.sortColumn = m_columns[size_t(column)];
    query.sortOrder = order;
    setQuery(query);
}

void EventTableModel::refresh() {
    // Reload the pages most recently shown first: they are on screen.
    QList<int> pages = m_pages.keys();
    std::sort(pages.begin(), pages.end(),
              [this](int a, int b) { return m_pages.value(a).lastUse > m_pages.value(b).lastUse; });
    pages = pages.mid(0, 3);
    if (pages.isEmpty())
        pages = {0};
    start(true, pages);
}

void EventTableModel::start(bool refresh, const QList<int> &pages) {
    ++m_generation;
    if (!refresh)
        m_search.active = false;
    m_requested.clear();
    m_loader->setQuery(m_generation, m_query, m_columns, pages, refresh);
    if (!m_loading) {
        m_loading = true;
        emit loadingChanged(true);
    }
}

void EventTableModel::applyQuery(const EventQueryResult &result) {
    if (result.generation != m_generation)
        return; // a newer query or refresh is under way
    if (!result.error.isEmpty())
        emit loadFailed(result.error);
    const int total = int(std::min<qint64>(result.total, std::numeric_limits<int>::max()));
    if (!result.refresh) {
        beginResetModel();
        m_pages.clear();
        m_rowCount = total;
        for (const EventPage &page : result.pages)
            m_pages.insert(page.page, {page.rows, result.generation, ++m_useClock});
        markPartialPages(result.pages);
        endResetModel();
    } else {
        // Same rows in the same places (mostly): adjust the end, keep the older pages on screen until
        // their reload arrives, and repaint.
        if (total < m_rowCount) {
            beginRemoveRows({}, total, m_rowCount - 1);
            m_rowCount = total;
            endRemoveRows();
        } else if (total > m_rowCount) {
            beginInsertRows({}, m_rowCount, total - 1);
            m_rowCount = total;
            endInsertRows();
        }
        for (const EventPage &page : result.pages)
            m_pages.insert(page.page, {page.rows, result.generation, ++m_useClock});
        markPartialPages(result.pages);
        if (m_rowCount > 0)
            emit dataChanged(index(0, 0), index(m_rowCount - 1, columnCount() - 1));
    }
    m_loading = false;
    emit loadingChanged(false);
    emit queryApplied();
    for (const EventPage &page : result.pages)
        emit pageArrived(page.page);
    if (m_search.active)
        continueSearch();
}

void EventTableModel::markPartialPages(const QList<EventPage> &pages) {
    // The loader completes a query's first page by itself (its first screenful came first): count the
    // page as asked for, so that showing its other rows does not ask again.
    for (const EventPage &page : pages) {
        if (int(page.rows.size()) < std::min(PageSize, m_rowCount - page.page * PageSize))
            m_requested.append(page.page);
    }
}

void EventTableModel::patchVerdicts(const QHash<qint64, QString> &verdictByEvent) {
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        for (size_t i = 0; i < it->rows.size(); ++i) {
            EventRow &row = it->rows[i];
            const auto found = verdictByEvent.constFind(row.id);
            if (found == verdictByEvent.cend())
                continue;
            row.verdict = *found;
            const int verdictColumn = columnOf(EventColumn::verdict());
            if (verdictColumn >= 0 && verdictColumn < row.cells.size())
                row.cells[verdictColumn] = found->isEmpty() ? QVariant() : QVariant(*found);
            const int r = it.key() * PageSize + int(i);
            if (r < m_rowCount)
                emit dataChanged(index(r, 0), index(r, columnCount() - 1));
        }
    }
}

void EventTableModel::findUnreviewed(int from, bool forward) {
    m_search = {true, forward, forward ? from + 1 : from - 1, 0};
    continueSearch();
}

std::optional<int> EventTableModel::cachedUnreviewedRow(int from, bool forward) const {
    for (int row = forward ? from + 1 : from - 1; row >= 0 && row < m_rowCount; row += forward ? 1 : -1) {
        const auto it = m_pages.constFind(row / PageSize);
        if (it == m_pages.cend())
            return std::nullopt;
        const size_t offset = size_t(row % PageSize);
        if (offset >= it->rows.size())
            return std::nullopt;
        if (it->rows[offset].verdict.isEmpty())
            return row;
    }
    return std::nullopt;
}

void EventTableModel::continueSearch() {
    // Rows of a page being reloaded are looked at as cached: patchVerdicts() keeps them current.
    while (m_search.row >= 0 && m_search.row < m_rowCount) {
        const int page = m_search.row / PageSize;
        const auto it = m_pages.constFind(page);
        if (it == m_pages.cend()) {
            if (++m_search.pages > MaxSearchPages)
                break;
            requestPage(page);
            return; // resumed by applyPage()
        }
        const size_t offset = size_t(m_search.row % PageSize);
        if (offset < it->rows.size() && it->rows[offset].verdict.isEmpty()) {
            m_search.active = false;
            emit unreviewedFound(m_search.row);
            return;
        }
        m_search.row += m_search.forward ? 1 : -1;
    }
    m_search.active = false;
    emit unreviewedNotFound();
}

void EventTableModel::applyPage(quint64 generation, const EventPage &page) {
    if (generation != m_generation)
        return;
    m_requested.removeAll(page.page);
    m_pages.insert(page.page, {page.rows, generation, ++m_useClock});
    evictPages();
    const int first = page.page * PageSize;
    const int last = std::min(m_rowCount, first + int(page.rows.size())) - 1;
    if (last >= first)
        emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    emit pageArrived(page.page);
    if (m_search.active)
        continueSearch();
}

void EventTableModel::evictPages() const {
    while (m_pages.size() > MaxCachedPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_pages.erase(oldest);
    }
}

PageNeighbour EventTableModel::neighbour(int page, bool last) const {
    const auto it = m_pages.constFind(page);
    if (it == m_pages.cend() || it->generation != m_generation || it->rows.empty())
        return {};
    const EventRow &row = last ? it->rows.back() : it->rows.front();
    return {page * PageSize + (last ? int(it->rows.size()) - 1 : 0), row.part, row.key, row.id};
}

void EventTableModel::requestPage(int page) const {
    if (m_requested.contains(page))
        return;
    m_requested.append(page);
    // The loader keeps only its newest requests; forget ours in step so that they are asked again.
    while (m_requested.size() > 12)
        m_requested.removeFirst();
    m_loader->requestPage(m_generation, page, neighbour(page + 1, false), neighbour(page - 1, true));
}

const EventRow *EventTableModel::rowAt(int row) const {
    const int page = row / PageSize;
    const auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return nullptr;
    }
    it->lastUse = ++m_useClock;
    if (it->generation != m_generation)
        requestPage(page); // shown as it was until the reload arrives
    const size_t offset = size_t(row % PageSize);
    if (offset < it->rows.size())
        return &it->rows[offset];
    requestPage(page); // a first page whose other rows have not come (or failed to)
    return nullptr;
}

std::optional<qint64> EventTableModel::eventIdAt(int row) const {
    if (row < 0 || row >= m_rowCount)
        return std::nullopt;
    if (const EventRow *r = rowAt(row))
        return r->id;
    return std::nullopt;
}

std::optional<int> EventTableModel::cachedRowOf(qint64 eventId) const {
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (size_t i = 0; i < it->rows.size(); ++i) {
            if (it->rows[i].id == eventId)
                return it.key() * PageSize + int(i);
        }
    }
    return std::nullopt;
}

QString EventTableModel::verdictAt(int row) const {
    const EventRow *r = row >= 0 && row < m_rowCount ? rowAt(row) : nullptr;
    return r ? r->verdict : QString();
}

int EventTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : m_rowCount;
}

int EventTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const EventColumn &column = m_columns[size_t(index.column())];
    if (role == Qt::TextAlignmentRole && column.kind == EventColumn::Kind::Likelihood)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != EventIdRole && role != VerdictRole &&
        role != LoadedRole)
        return {};
    const EventRow *row = rowAt(index.row());
    if (role == LoadedRole)
        return row != nullptr;
    if (!row)
        return {};
    if (role == EventIdRole)
        return row->id;
    if (role == VerdictRole)
        return row->verdict;
    return display(column, row->cells.value(index.column()), role);
}

QVariant EventTableModel::display(const EventColumn &column, const QVariant &value, int role) const {
    if (value.isNull())
        return {};
    switch (column.kind) {
    case EventColumn::Kind::Likelihood:
        return QString(value.toString() + QLatin1Char('%'));
    case EventColumn::Kind::Verdict:
        if (const auto verdict = verdictFromName(value.toString()))
            return verdictTitle(*verdict);
        return value;
    case EventColumn::Kind::TopExplanation:
        return value;
    case EventColumn::Kind::SuppressedBy:
        return role == Qt::DisplayRole
                   ? QVariant(
                         tr("#%1").arg(value.toString().replace(QStringLiteral(","), QStringLiteral(", #"))))
                   : value;
    case EventColumn::Kind::Field:
        break;
    }
    if (role == Qt::DisplayRole && column.field == EventField::TimeUtc) {
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
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_columns[size_t(section)].title();
    if (role == Qt::ToolTipRole && m_columns[size_t(section)].kind == EventColumn::Kind::Likelihood)
        return tr("False-positive likelihood (0–100 %)");
    return {};
}

} // namespace tb
