#pragma once

#include "EventColumn.h"

#include <QtGlobal>

#include <functional>
#include <optional>
#include <vector>

namespace tb {

class Database;

// Every event's position in one unfiltered order of the table (a sort column, ascending), read once
// from the sort's index. A search's matches are then put in that order from their ids alone: no event
// row is read, however late in the order the matches sit (a walk of the sort index that tests each
// entry against the match set costs up to a million tests; this costs one per match).
class EventOrderIndex final {
public:
    // Walks the order of `sortColumn` (each part of it, as EventQuerySql::orderParts gives them).
    // `keepGoing` is asked every few thousand rows; when it says no, the walk is abandoned (nullopt).
    // Throws StoreError.
    static std::optional<EventOrderIndex> build(Database &db, const EventColumn &sortColumn,
                                                const std::function<bool()> &keepGoing);

    const EventColumn &column() const { return m_column; }
    // `ids` (no duplicates) in the order, ascending or descending as the SQL order would give them:
    // parts in their order, each part's rows reversed when descending. nullopt when an id is not in the
    // index (an event newer than it): the index is then out of date.
    std::optional<std::vector<qint64>> arrange(const std::vector<qint64> &ids, Qt::SortOrder order) const;

private:
    static constexpr quint32 NoPosition = 0xffffffffu;

    EventColumn m_column;
    std::vector<quint32> m_positionOf; // by event id
    std::vector<quint32> m_idAt;       // by position
    std::vector<quint32> m_partEnds;   // the position after each part's last row
};

} // namespace tb
