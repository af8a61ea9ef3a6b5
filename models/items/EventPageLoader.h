#pragma once

#include "EventColumn.h"
#include "EventQuery.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QVariant>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace tb {

class Database;

// One table row as loaded: the cells of the requested columns, and where the row stands in the order.
struct EventRow {
    qint64 id = 0;
    int part = 0; // which EventOrderPart of the order it comes from
    QVariant key; // its sort key, so that a neighbouring page can be read by keyset
    QVariantList cells;
    QString verdict; // the verdict's database name, empty when unreviewed
};

struct EventPage {
    int page = -1;
    std::vector<EventRow> rows;
};

// A loaded row next to the page asked for: page N is read "after the last row of page N-1" (or
// "before the first row of page N+1") by a keyset seek instead of an OFFSET that steps over N pages.
struct PageNeighbour {
    int row = -1; // its row number; -1 when there is none
    int part = 0;
    QVariant key;
    qint64 id = 0;
};

struct EventQueryResult {
    quint64 generation = 0;
    qint64 total = 0;
    bool refresh = false; // same query, newer data (after a verdict): the model keeps its selection
    QList<EventPage> pages;
    QString error;
};

// Reads pages of the event table on a thread of its own with its own SQLite connection, so that the
// UI thread never waits for SQLite. Requests carry the model's generation; a request or a result of
// an older generation is dropped, and a newer query interrupts the statement still running.
class EventPageLoader final : public QObject {
    Q_OBJECT
public:
    static constexpr int PageSize = 256;
    static constexpr int FirstRows = 64; // of a new query: a screenful, delivered before the rest of its page

    explicit EventPageLoader(const QString &databasePath, QObject *parent = nullptr);
    ~EventPageLoader() override;

    // Counts the query's rows and loads `pages`; delivered by queryLoaded().
    void setQuery(quint64 generation, const EventQuery &query, const std::vector<EventColumn> &columns,
                  const QList<int> &pages, bool refresh);
    // Loads one page of the current query (the newest request first); delivered by pageLoaded().
    void requestPage(quint64 generation, int page, const PageNeighbour &before, const PageNeighbour &after);

signals:
    void queryLoaded(const tb::EventQueryResult &result);
    void pageLoaded(quint64 generation, const tb::EventPage &page);
    void pageFailed(quint64 generation, int page, const QString &error);

private:
    struct QueryJob {
        quint64 generation = 0;
        EventQuery query;
        std::vector<EventColumn> columns;
        QList<int> pages;
        bool refresh = false;
    };
    struct PageJob {
        quint64 generation = 0;
        int page = 0;
        PageNeighbour before, after;
    };
    class Reader; // the worker's connection and prepared order

    void run();
    template <typename IsStale>
    void completeFirstPage(Reader &reader, quint64 generation, const EventPage &first,
                           const IsStale &isStale);

    QString m_path;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<QueryJob> m_pendingQuery;
    std::deque<PageJob> m_pendingPages;
    quint64 m_latestGeneration = 0;
    quint64 m_runningGeneration = 0;
    bool m_stop = false;
    bool m_orderBuilt = false; // an order index read in the background is done (guarded by m_mutex)
    Database *m_db = nullptr;  // the worker's connection, for sqlite3_interrupt (guarded by m_mutex)
    std::thread m_thread;
};

} // namespace tb
