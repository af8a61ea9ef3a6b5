#pragma once

#include "EventColumn.h"
#include "EventPageLoader.h"
#include "EventQuery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QVariant>

#include <memory>
#include <optional>
#include <vector>

namespace tb {

class Database;

// The events of a workspace as a lazy table for a million rows and more. rowCount() is known once
// the query is counted; data() reads only the page cache, and a miss asks the EventPageLoader (its own
// thread and connection) for that page, so the UI thread never waits on SQLite. Sorting and filtering
// happen in SQL; each new query or refresh raises the generation, and anything loaded for an older
// one is dropped.
class EventTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int PageSize = EventPageLoader::PageSize;
    static constexpr int MaxCachedPages = 48;
    enum Role {
        EventIdRole = Qt::UserRole + 1, // qint64; invalid until the row's page is loaded
        VerdictRole,                    // the verdict's database name; empty when unreviewed
        LoadedRole,                     // bool: the row's page is in the cache
    };

    // Opens a second connection to `db`'s file for the loader; `db` itself is not used after that.
    explicit EventTableModel(Database &db, QObject *parent = nullptr);
    ~EventTableModel() override;

    void setColumns(const std::vector<EventColumn> &columns);
    const std::vector<EventColumn> &columns() const { return m_columns; }
    static std::vector<EventColumn> defaultColumns();
    int columnOf(const EventColumn &column) const;
    int columnOf(EventField field) const { return columnOf(EventColumn::of(field)); }
    int likelihoodColumn() const { return columnOf(EventColumn::likelihood()); }
    int topExplanationColumn() const { return columnOf(EventColumn::topExplanation()); }

    const EventQuery &query() const { return m_query; }
    void setQuery(const EventQuery &query);
    void setSearch(const QString &words);
    void setGroups(const QList<GroupFilter> &groups);
    void setHideSuppressed(bool hide);
    void setColumnFilter(const EventColumn &column, const QString &text);
    QString columnFilter(const EventColumn &column) const;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The data changed (a verdict, an import, explanations): reload what is shown, keep the rows'
    // positions and the view's selection; the count may grow or shrink at the end.
    void refresh();
    void reload() { refresh(); }

    // Shows new verdicts in the cached rows at once (the refresh that follows confirms them).
    void patchVerdicts(const QHash<qint64, QString> &verdictByEvent);
    // Looks for the nearest unreviewed row after (or before) `from`, loading pages as it goes; answers
    // with unreviewedFound(row) or unreviewedNotFound(). A new search replaces one under way.
    void findUnreviewed(int from, bool forward);
    static constexpr int MaxSearchPages = 200;
    // The row findUnreviewed() would answer, if the pages up to it are in the cache (no page is
    // asked for); for highlighting that row ahead of time.
    std::optional<int> cachedUnreviewedRow(int from, bool forward) const;

    // True from a new query or refresh until its count and first pages are in.
    bool isLoading() const { return m_loading; }
    quint64 generation() const { return m_generation; }
    std::optional<qint64> eventIdAt(int row) const;
    std::optional<int> cachedRowOf(qint64 eventId) const;
    QString verdictAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString columnTitle(EventField field) { return EventColumn::of(field).title(); }

signals:
    void loadingChanged(bool loading);
    // A query or refresh was applied: rowCount() is now that of the current query.
    void queryApplied();
    void pageArrived(int page);
    void loadFailed(const QString &error);
    void unreviewedFound(int row);
    void unreviewedNotFound();

private:
    struct CachedPage {
        std::vector<EventRow> rows;
        quint64 generation = 0; // older than m_generation: shown until its reload arrives
        quint64 lastUse = 0;
    };

    void start(bool refresh, const QList<int> &pages);
    const EventRow *rowAt(int row) const;
    void requestPage(int page) const;
    PageNeighbour neighbour(int page, bool last) const;
    void applyQuery(const EventQueryResult &result);
    void applyPage(quint64 generation, const EventPage &page);
    void markPartialPages(const QList<EventPage> &pages);
    void evictPages() const;
    QVariant display(const EventColumn &column, const QVariant &value, int role) const;
    void continueSearch();

    struct Search {
        bool active = false;
        bool forward = true;
        int row = 0;   // the next row to look at
        int pages = 0; // pages looked through so far
    };

    std::unique_ptr<EventPageLoader> m_loader;
    std::vector<EventColumn> m_columns;
    EventQuery m_query;
    quint64 m_generation = 0;
    int m_rowCount = 0;
    bool m_loading = false;
    mutable QHash<int, CachedPage> m_pages;
    mutable QList<int> m_requested; // pages asked for in this generation, oldest first
    mutable quint64 m_useClock = 0;
    Search m_search;
};

} // namespace tb
