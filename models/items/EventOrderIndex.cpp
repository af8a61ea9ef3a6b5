#include "EventOrderIndex.h"

#include "EventQuerySql.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <algorithm>
#include <bit>

namespace tb {

std::optional<EventOrderIndex> EventOrderIndex::build(Database &db, const EventColumn &sortColumn,
                                                      const std::function<bool()> &keepGoing) {
    EventQuery query;
    query.sortColumn = sortColumn;
    query.sortOrder = Qt::AscendingOrder;
    EventOrderIndex index;
    index.m_column = sortColumn;
    // Ids are dense (events are only added): the largest is about the number of rows to read.
    index.m_idAt.reserve(
        size_t(std::max<qint64>(0, db.queryInt(QStringLiteral("SELECT max(id) FROM events")))));
    qint64 maxId = -1;
    for (const EventOrderPart &part : EventQuerySql::orderParts(query)) {
        // The same order as the page loader's (key, then id), read from the sort's index.
        Statement walk = db.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4 ASC, %1 ASC")
                                        .arg(part.id, part.from, part.where, part.key));
        int parameter = 0;
        for (const QVariant &value : part.parameters)
            walk.bind(++parameter, value);
        while (walk.step()) {
            const qint64 id = walk.columnInt64(0);
            if (id < 0 || id >= qint64(NoPosition))
                return std::nullopt; // ids this large do not fit; the loader reads such workspaces by SQL
            index.m_idAt.push_back(quint32(id));
            maxId = std::max(maxId, id);
            if (index.m_idAt.size() % 4096 == 0 && !keepGoing())
                return std::nullopt;
        }
        index.m_partEnds.push_back(quint32(index.m_idAt.size()));
    }
    index.m_positionOf.assign(size_t(maxId + 1), NoPosition);
    for (size_t position = 0; position < index.m_idAt.size(); ++position)
        index.m_positionOf[index.m_idAt[position]] = quint32(position);
    return index;
}

std::optional<std::vector<qint64>> EventOrderIndex::arrange(const std::vector<qint64> &ids,
                                                            Qt::SortOrder order) const {
    // Mark the matches' positions in a bit set, then read it in order: linear in the workspace's size
    // divided by 64, plus the matches. Plain pointers: the loops run once per match.
    std::vector<quint64> marked((m_idAt.size() + 63) / 64, 0);
    quint64 *const bits = marked.data();
    const quint32 *const positionOf = m_positionOf.data();
    const qint64 known = qint64(m_positionOf.size());
    for (const qint64 id : ids) {
        if (id < 0 || id >= known || positionOf[id] == NoPosition)
            return std::nullopt;
        const quint32 position = positionOf[id];
        bits[position / 64] |= quint64(1) << (position % 64);
    }
    std::vector<qint64> arranged(ids.size());
    qint64 *out = arranged.data();
    const quint32 *const idAt = m_idAt.data();
    std::vector<size_t> partStarts{0};
    size_t part = 0;
    const size_t words = marked.size();
    for (size_t word = 0; word < words; ++word) {
        for (quint64 set = bits[word]; set != 0; set &= set - 1) {
            const quint32 position = quint32(word * 64 + size_t(std::countr_zero(set)));
            while (part < m_partEnds.size() && position >= m_partEnds[part]) {
                ++part;
                partStarts.push_back(size_t(out - arranged.data()));
            }
            *out++ = idAt[position];
        }
    }
    arranged.resize(size_t(out - arranged.data())); // an id given twice is there once
    if (order == Qt::DescendingOrder) {
        // Each part is walked backwards; the parts keep their order (events without a conclusion last).
        partStarts.push_back(arranged.size());
        for (size_t p = 0; p + 1 < partStarts.size(); ++p)
            std::reverse(arranged.begin() + qsizetype(partStarts[p]),
                         arranged.begin() + qsizetype(partStarts[p + 1]));
    }
    return arranged;
}

} // namespace tb
