#include "EventPageLoader.h"

#include "EventOrderIndex.h"
#include "EventQuerySql.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <QHash>

#include <algorithm>
#include <atomic>
#include <future>

namespace tb {

// The worker's side: its connection, the parts of the current order and how many rows each holds.
class EventPageLoader::Reader final {
public:
    // `orderBuilt` is called on another thread when an order index read in the background is done.
    Reader(Database &db, std::function<void()> orderBuilt)
        : m_db(db)
        , m_orderBuilt(std::move(orderBuilt)) {}

    qint64 prepare(const QueryJob &job) {
        m_columns = job.columns;
        m_descending = job.query.sortOrder == Qt::DescendingOrder;
        m_parts.clear();
        m_rowStatement.reset();
        m_ranked.reset();
        // Another connection wrote (an import's file, a search-index batch, the CLI): data_version
        // moves even when nobody asked for a refresh, and the cached totals may no longer hold.
        const qint64 dataVersion = m_db.queryInt(QStringLiteral("PRAGMA data_version"));
        if (job.refresh || dataVersion != m_dataVersion) {
            m_counts.clear(); // the order indexes (fields only) notice new events themselves
            m_unbuildable.reset();
            m_dataVersion = dataVersion;
        }
        m_wantedOrder = job.query.sortColumn;
        const QList<FilterTerm> terms = EventQuerySql::terms(job.query);
        qint64 matches = -1;
        if (std::optional<std::vector<qint64>> ranked = rankedMatches(job.query, terms, &matches)) {
            m_ranked = std::move(*ranked);
            m_total = qint64(m_ranked->size());
            return m_total;
        }
        const qint64 total = matches >= 0 ? matches : countFiltered(terms);
        // Few rows: let SQLite read them through the filter's sets and sort them; many: walk the sort
        // index and test each row (sorting a large set means reading every one of its event rows).
        const bool scanDriven = total > ListDrivenLimit;
        const QList<EventOrderPart> counted = EventQuerySql::orderParts(job.query, false);
        const QList<EventOrderPart> paged = EventQuerySql::orderParts(job.query, scanDriven);
        for (const EventOrderPart &part : paged)
            m_parts.push_back({part, 0});
        if (m_parts.size() == 1) {
            m_parts[0].count = total;
        } else {
            // Two parts: the events with a conclusion, and the rest (total minus those).
            const int keyed = 0; // the conclusion's part comes first, the events without one after
            const EventOrderPart &part = counted[keyed];
            m_parts[size_t(keyed)].count =
                count(QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(part.from, part.where),
                      part.parameters);
            m_parts[size_t(1 - keyed)].count = total - m_parts[size_t(keyed)].count;
        }
        m_total = total;
        return total;
    }

    EventPage load(int page, const PageNeighbour &before, const PageNeighbour &after) {
        const qint64 start = qint64(page) * PageSize;
        return {page, loadRange(start, std::min(start + PageSize, m_total), before, after)};
    }

    // The rows [start, end) of the order: by keyset from a loaded neighbour row when there is one
    // right before `start` (after) or right at `end` (before), else by OFFSET.
    std::vector<EventRow> loadRange(qint64 start, qint64 end, const PageNeighbour &before,
                                    const PageNeighbour &after) {
        if (m_ranked) {
            // A search put in order by the order index: its rows are known by position.
            std::vector<EventRow> rows;
            for (qint64 i = start; i < std::min(end, qint64(m_ranked->size())); ++i)
                rows.push_back(row(0, {(*m_ranked)[size_t(i)], QVariant(i)}));
            return rows;
        }
        std::vector<std::pair<int, IdKey>> ids; // (part, id + key)
        qint64 partStart = 0;
        for (int p = 0; p < int(m_parts.size()); ++p) {
            const Part &part = m_parts[size_t(p)];
            const qint64 from = std::max(start, partStart), to = std::min(end, partStart + part.count);
            if (from < to) {
                const int limit = int(to - from);
                std::vector<IdKey> segment;
                if (from == start && after.row == start - 1 && after.part == p && !after.key.isNull()) {
                    segment = seek(part.sql, after.key, after.id, !m_descending, limit);
                } else if (to == end && before.row == end && before.part == p && !before.key.isNull()) {
                    segment = seek(part.sql, before.key, before.id, m_descending, limit);
                    std::reverse(segment.begin(), segment.end());
                } else {
                    segment = byOffset(part.sql, from - partStart, limit);
                }
                for (IdKey &idKey : segment)
                    ids.emplace_back(p, std::move(idKey));
            }
            partStart += part.count;
        }
        std::vector<EventRow> rows;
        rows.reserve(ids.size());
        for (auto &[part, idKey] : ids)
            rows.push_back(row(part, idKey));
        return rows;
    }

    qint64 total() const { return m_total; }

    // Starts reading the current sort's order index on a thread and connection of its own, unless it is
    // there or under way: page loads never wait for it, and a search in this order finds it ready.
    void startWantedOrder() {
        // A finished build is kept for when the table is sorted that way again. One that failed (ids
        // too large, no connection) is not tried again until the data changes: a search reads it itself.
        if (m_building && m_building->result.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            const EventColumn column = m_building->column;
            if (!takeBuilt(column))
                m_unbuildable = column;
        }
        // One at a time, each run to its end (a quick change of sort would otherwise leave every order
        // unread); the next starts when the loader is told the last one is done. A conclusion's order is
        // not read ahead: it changes with each verdict, and its walk reads every event.
        if (m_building || !m_wantedOrder || m_wantedOrder->kind != EventColumn::Kind::Field ||
            findOrder(*m_wantedOrder) || m_wantedOrder == m_unbuildable)
            return;
        m_building = std::make_unique<OrderBuild>(m_db.path(), *m_wantedOrder, m_orderBuilt);
    }

private:
    struct Part {
        EventOrderPart sql;
        qint64 count = 0;
    };
    struct IdKey {
        qint64 id = 0;
        QVariant key;
    };

    static constexpr qint64 ListDrivenLimit = 4096;
    static constexpr size_t MaxOrders = 3; // 8 bytes an event each

    // An order index read in the background; cancelled (its statement interrupted) and waited for when
    // dropped.
    struct OrderBuild {
        EventColumn column;
        std::atomic_bool cancel{false};
        std::optional<Database> db; // opened here, used by the build's thread only
        std::future<std::optional<EventOrderIndex>> result;

        OrderBuild(const QString &path, const EventColumn &c, const std::function<void()> &done)
            : column(c) {
            try {
                db.emplace(Workspace::connect(path));
                db->exec(QStringLiteral("PRAGMA query_only = ON"));
            } catch (const StoreError &) {
                db.reset();
            }
            result = std::async(std::launch::async, [this, done]() -> std::optional<EventOrderIndex> {
                std::optional<EventOrderIndex> built;
                try {
                    if (db)
                        built = EventOrderIndex::build(*db, column, [this] { return !cancel; });
                } catch (const StoreError &) {
                    // interrupted, or a search reads it itself and reports the error
                }
                if (!cancel)
                    done(); // the loader keeps it and reads the next order wanted
                return built;
            });
        }
        ~OrderBuild() {
            cancel = true;
            if (db)
                db->interrupt();
            if (result.valid())
                result.wait();
        }
    };

    // The background build of `column`'s order, waited for and kept; null when there is none.
    const EventOrderIndex *takeBuilt(const EventColumn &column) {
        if (!m_building || !(m_building->column == column))
            return nullptr;
        std::optional<EventOrderIndex> built = m_building->result.get();
        m_building.reset();
        return built ? &keepOrder(std::move(*built)) : nullptr;
    }

    const EventOrderIndex *findOrder(const EventColumn &column) const {
        const auto it =
            std::find_if(m_orders.cbegin(), m_orders.cend(),
                         [&column](const EventOrderIndex &order) { return order.column() == column; });
        return it == m_orders.cend() ? nullptr : &*it;
    }

    const EventOrderIndex &keepOrder(EventOrderIndex order) {
        std::erase_if(m_orders, [&order](const EventOrderIndex &o) { return o.column() == order.column(); });
        if (m_orders.size() >= MaxOrders)
            m_orders.erase(m_orders.begin()); // the least recently built
        m_orders.push_back(std::move(order));
        return m_orders.back();
    }

    // A quick search (with other filters on id sets only) sorted by a field: its matches' ids from the
    // search index, put in the table's order by the order index of the sort column. nullopt when the SQL
    // order serves as well: other filters, or few matches and no order index yet (reading it costs a walk of
    // the sort). `matches` is set to their number when the matches were read.
    std::optional<std::vector<qint64>> rankedMatches(const EventQuery &query, const QList<FilterTerm> &terms,
                                                     qint64 *matches) {
        if (query.sortColumn.kind != EventColumn::Kind::Field ||
            EventQuerySql::searchMatch(query.search).isEmpty() ||
            !std::all_of(terms.cbegin(), terms.cend(),
                         [](const FilterTerm &t) { return !t.idSet.isEmpty(); }))
            return std::nullopt;
        QStringList sets;
        QVariantList parameters;
        for (const FilterTerm &term : terms) {
            sets << term.idSet;
            parameters << term.parameters;
        }
        Statement select = m_db.prepare(sets.join(QStringLiteral(" INTERSECT ")));
        bindAll(select, parameters);
        std::vector<qint64> ids;
        while (select.step())
            ids.push_back(select.columnInt64(0));
        const EventOrderIndex *order = findOrder(query.sortColumn);
        if (!order)
            order = takeBuilt(query.sortColumn);
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (!order && qint64(ids.size()) <= ListDrivenLimit)
                break;
            if (!order) {
                m_building.reset(); // another sort's: it would compete with this one for the CPU
                std::optional<EventOrderIndex> built =
                    EventOrderIndex::build(m_db, query.sortColumn, [] { return true; });
                if (!built)
                    break;
                order = &keepOrder(std::move(*built));
            }
            if (std::optional<std::vector<qint64>> arranged = order->arrange(ids, query.sortOrder))
                return arranged;
            order = nullptr; // events newer than the index: read it again
        }
        *matches = qint64(ids.size());
        return std::nullopt;
    }

    // The number of events the filters keep. Without filters, the narrowest index is counted; with
    // only sets of ids (search, verdicts, conclusions), their intersection, without reading events.
    qint64 countFiltered(const QList<FilterTerm> &terms) {
        if (terms.isEmpty())
            return count(QStringLiteral("SELECT count(*) FROM events INDEXED BY events_import"), {});
        QVariantList parameters;
        if (std::all_of(terms.cbegin(), terms.cend(),
                        [](const FilterTerm &t) { return !t.idSet.isEmpty(); })) {
            QStringList sets;
            for (const FilterTerm &term : terms) {
                sets << term.idSet;
                parameters << term.parameters;
            }
            return count(
                QStringLiteral("SELECT count(*) FROM (%1)").arg(sets.join(QStringLiteral(" INTERSECT "))),
                parameters);
        }
        const QString where = EventQuerySql::where(terms, parameters);
        return count(QStringLiteral("SELECT count(*) FROM events e WHERE %1").arg(where), parameters);
    }

    // Counts are kept until the data changes: a new sort of the same filters counts nothing again.
    qint64 count(const QString &sql, const QVariantList &parameters) {
        QString key = sql;
        for (const QVariant &value : parameters)
            key += QLatin1Char('\x1f') + value.toString();
        if (const auto it = m_counts.constFind(key); it != m_counts.cend())
            return *it;
        Statement query = m_db.prepare(sql);
        bindAll(query, parameters);
        const qint64 n = query.step() ? query.columnInt64(0) : 0;
        m_counts.insert(key, n);
        return n;
    }

    static int bindAll(Statement &query, const QVariantList &parameters) {
        int index = 0;
        for (const QVariant &value : parameters)
            query.bind(++index, value);
        return index;
    }

    QString direction(bool increasing) const {
        return increasing ? QStringLiteral("ASC") : QStringLiteral("DESC");
    }

    static std::vector<IdKey> collect(Statement &query) {
        std::vector<IdKey> ids;
        while (query.step())
            ids.push_back({query.columnInt64(0), query.columnValue(1)});
        return ids;
    }

    std::vector<IdKey> byOffset(const EventOrderPart &part, qint64 offset, int limit) {
        const QString dir = direction(!m_descending);
        Statement query = m_db.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4 ORDER BY %2 %5, %1 %5 "
                                                      "LIMIT ? OFFSET ?")
                                           .arg(part.id, part.key, part.from, part.where, dir));
        int index = bindAll(query, part.parameters);
        query.bind(++index, qint64(limit));
        query.bind(++index, offset);
        return collect(query);
    }

    // Rows next to (key, id) in the part's storage order, `increasing` or not. Two seeks: the rest of
    // the run of equal keys, then the keys beyond; each is one index search however deep the position.
    std::vector<IdKey> seek(const EventOrderPart &part, const QVariant &key, qint64 id, bool increasing,
                            int limit) {
        const QString dir = direction(increasing);
        const QString beyond = increasing ? QStringLiteral(">") : QStringLiteral("<");
        Statement sameKey = m_db.prepare(
            QStringLiteral("SELECT %1, %2 FROM %3 WHERE (%4) AND %2 = ? AND %1 %5 ? ORDER BY %1 %6 LIMIT ?")
                .arg(part.id, part.key, part.from, part.where, beyond, dir));
        int index = bindAll(sameKey, part.parameters);
        sameKey.bind(++index, key);
        sameKey.bind(++index, id);
        sameKey.bind(++index, qint64(limit));
        std::vector<IdKey> ids = collect(sameKey);
        if (int(ids.size()) < limit) {
            Statement next = m_db.prepare(
                QStringLiteral("SELECT %1, %2 FROM %3 WHERE (%4) AND %2 %5 ? ORDER BY %2 %6, %1 %6 LIMIT ?")
                    .arg(part.id, part.key, part.from, part.where, beyond, dir));
            index = bindAll(next, part.parameters);
            next.bind(++index, key);
            next.bind(++index, qint64(limit - int(ids.size())));
            std::vector<IdKey> more = collect(next);
            std::move(more.begin(), more.end(), std::back_inserter(ids));
        }
        if (int(ids.size()) < limit && !increasing) {
            // NULL keys sort first and compare with nothing: walking down, they follow the smallest key.
            Statement nulls = m_db.prepare(
                QStringLiteral("SELECT %1, %2 FROM %3 WHERE (%4) AND %2 IS NULL ORDER BY %1 DESC LIMIT ?")
                    .arg(part.id, part.key, part.from, part.where));
            index = bindAll(nulls, part.parameters);
            nulls.bind(++index, qint64(limit - int(ids.size())));
            std::vector<IdKey> more = collect(nulls);
            std::move(more.begin(), more.end(), std::back_inserter(ids));
        }
        return ids;
    }

    EventRow row(int part, const IdKey &idKey) {
        if (!m_rowStatement) {
            QString cells = QStringLiteral("v.verdict");
            for (const EventColumn &column : m_columns)
                cells += QStringLiteral(", ") + EventQuerySql::cellExpression(column);
            m_rowStatement = std::make_unique<Statement>(m_db.prepare(
                QStringLiteral("SELECT %1 FROM events e LEFT JOIN event_assessments a ON a.event_id = "
                               "e.id LEFT JOIN verdicts v ON v.event_id = e.id WHERE e.id = ?")
                    .arg(cells)));
        }
        Statement &query = *m_rowStatement;
        EventRow row;
        row.id = idKey.id;
        row.part = part;
        row.key = idKey.key;
        query.bind(1, idKey.id);
        if (query.step()) {
            row.verdict = query.columnText(0);
            row.cells.reserve(query.columnCount() - 1);
            for (int c = 1; c < query.columnCount(); ++c)
                row.cells.append(query.columnValue(c));
        }
        query.reset();
        return row;
    }

    Database &m_db;
    std::function<void()> m_orderBuilt;
    std::vector<EventColumn> m_columns;
    std::vector<Part> m_parts;
    bool m_descending = false;
    qint64 m_total = 0;
    std::unique_ptr<Statement> m_rowStatement;
    QHash<QString, qint64> m_counts; // totals by SQL, while m_dataVersion holds
    qint64 m_dataVersion = -1;
    std::optional<std::vector<qint64>> m_ranked; // the current query's ids in order, when ranked
    std::vector<EventOrderIndex> m_orders;       // the most recently built last
    std::optional<EventColumn> m_wantedOrder;    // the current query's sort
    std::optional<EventColumn> m_unbuildable;    // its background read failed
    std::unique_ptr<OrderBuild> m_building;      // declared last: destroyed (and waited for) first
};

EventPageLoader::EventPageLoader(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath) {
    m_thread = std::thread([this] { run(); });
}

EventPageLoader::~EventPageLoader() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        if (m_db)
            m_db->interrupt();
    }
    m_wake.notify_all();
    m_thread.join();
}

void EventPageLoader::setQuery(quint64 generation, const EventQuery &query,
                               const std::vector<EventColumn> &columns, const QList<int> &pages,
                               bool refresh) {
    {
        std::lock_guard lock(m_mutex);
        m_latestGeneration = generation;
        m_pendingQuery = QueryJob{generation, query, columns, pages, refresh};
        m_pendingPages.clear();
        // A page or count of an older query still running is of no use any more.
        if (m_db && m_runningGeneration != 0 && m_runningGeneration < generation)
            m_db->interrupt();
    }
    m_wake.notify_one();
}

void EventPageLoader::requestPage(quint64 generation, int page, const PageNeighbour &before,
                                  const PageNeighbour &after) {
    {
        std::lock_guard lock(m_mutex);
        if (generation != m_latestGeneration)
            return;
        m_pendingPages.push_back({generation, page, before, after});
        // Fast scrolling asks for many pages; the newest ones are on screen, the oldest are dropped
        // (the model asks again if they come back into view).
        constexpr size_t maxPending = 12;
        while (m_pendingPages.size() > maxPending)
            m_pendingPages.pop_front();
    }
    m_wake.notify_one();
}

template <typename IsStale>
void EventPageLoader::completeFirstPage(Reader &reader, quint64 generation, const EventPage &first,
                                        const IsStale &isStale) {
    const qint64 start = qint64(first.page) * PageSize;
    const qint64 end = std::min(start + PageSize, reader.total());
    if (first.rows.empty() || start + qint64(first.rows.size()) >= end || isStale(generation))
        return;
    const EventRow &last = first.rows.back();
    const PageNeighbour after{int(start) + int(first.rows.size()) - 1, last.part, last.key, last.id};
    try {
        EventPage page = first;
        std::vector<EventRow> rest = reader.loadRange(start + qint64(first.rows.size()), end, {}, after);
        std::move(rest.begin(), rest.end(), std::back_inserter(page.rows));
        if (!isStale(generation))
            emit pageLoaded(generation, page);
    } catch (const StoreError &error) {
        if (!isStale(generation))
            emit pageFailed(generation, first.page, error.message());
    }
}

void EventPageLoader::run() {
    std::unique_ptr<Database> db;
    std::unique_ptr<Reader> reader;
    QString openError;
    try {
        db = std::make_unique<Database>(Workspace::connect(m_path));
        db->exec(QStringLiteral("PRAGMA query_only = ON"));
        // Pages of the sort indexes and of the rows just shown stay in memory between page loads.
        db->exec(QStringLiteral("PRAGMA cache_size = -32768"));
        reader = std::make_unique<Reader>(*db, [this] {
            {
                std::lock_guard lock(m_mutex);
                m_orderBuilt = true;
            }
            m_wake.notify_one();
        });
    } catch (const StoreError &error) {
        openError = error.message();
    }
    {
        std::lock_guard lock(m_mutex);
        m_db = db.get();
    }
    auto isStale = [this](quint64 generation) {
        std::lock_guard lock(m_mutex);
        return m_stop || generation != m_latestGeneration;
    };
    quint64 preparedGeneration = 0;
    for (;;) {
        if (preparedGeneration != 0)
            reader->startWantedOrder();
        std::unique_lock lock(m_mutex);
        m_runningGeneration = 0;
        m_wake.wait(lock,
                    [this] { return m_stop || m_pendingQuery || !m_pendingPages.empty() || m_orderBuilt; });
        if (m_orderBuilt && !m_stop && !m_pendingQuery && m_pendingPages.empty()) {
            m_orderBuilt = false;
            continue; // keep it, and read the next one wanted
        }
        m_orderBuilt = false;
        if (m_stop)
            break;
        if (m_pendingQuery) {
            QueryJob job = std::move(*m_pendingQuery);
            m_pendingQuery.reset();
            m_runningGeneration = job.generation;
            lock.unlock();
            EventQueryResult result;
            result.generation = job.generation;
            result.refresh = job.refresh;
            preparedGeneration = 0;
            for (int attempt = 0; attempt < 2; ++attempt) {
                result.error = openError;
                result.pages.clear();
                if (!reader)
                    break;
                try {
                    result.total = reader->prepare(job);
                    for (int page : job.pages) {
                        if (page < 0 || qint64(page) * PageSize >= result.total)
                            continue;
                        // The first page shows its first screenful at once; the rest of it follows.
                        const qint64 start = qint64(page) * PageSize;
                        const qint64 end =
                            std::min(start + (result.pages.isEmpty() ? FirstRows : PageSize), result.total);
                        result.pages.append({page, reader->loadRange(start, end, {}, {})});
                    }
                    preparedGeneration = job.generation;
                    break;
                } catch (const StoreError &error) {
                    // An interrupt meant for the previous query can hit this one: try once more.
                    result.error = error.message();
                }
                if (isStale(job.generation))
                    break;
            }
            if (isStale(job.generation))
                continue;
            emit queryLoaded(result);
            if (!result.pages.isEmpty() && result.error.isEmpty())
                completeFirstPage(*reader, job.generation, result.pages.first(), isStale);
            continue;
        }
        const PageJob job = m_pendingPages.back();
        m_pendingPages.pop_back();
        if (job.generation != preparedGeneration || job.generation != m_latestGeneration)
            continue;
        m_runningGeneration = job.generation;
        lock.unlock();
        try {
            EventPage page = reader->load(job.page, job.before, job.after);
            if (!isStale(job.generation))
                emit pageLoaded(job.generation, page);
        } catch (const StoreError &error) {
            if (!isStale(job.generation))
                emit pageFailed(job.generation, job.page, error.message());
        }
    }
    std::lock_guard lock(m_mutex);
    m_db = nullptr;
}

} // namespace tb
