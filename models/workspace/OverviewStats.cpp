#include "OverviewStats.h"

#include "store/Database.h"
#include "store/Statement.h"

#include <QHash>

namespace tb {

namespace {
QList<QPair<QString, qint64>> top(Database &db, const char *column) {
    QList<QPair<QString, qint64>> result;
    Statement query =
        db.prepare(QStringLiteral("SELECT %1, count(*) AS n FROM events WHERE %1 IS NOT NULL GROUP BY %1 "
                                  "COLLATE NOCASE ORDER BY n DESC LIMIT %2")
                       .arg(QLatin1String(column))
                       .arg(OverviewStats::TopCount));
    while (query.step())
        result.append({query.columnText(0), query.columnInt64(1)});
    return result;
}
} // namespace

OverviewStats OverviewStats::compute(Database &db) {
    OverviewStats stats;
    // Events per day from the time index; the verdicts per day from the (smaller) verdicts table.
    QHash<QString, int> position;
    Statement perDay =
        db.prepare(QStringLiteral("SELECT substr(time_utc, 1, 10) AS day, count(*) FROM events WHERE "
                                  "time_utc IS NOT NULL GROUP BY day ORDER BY day"));
    while (perDay.step()) {
        position.insert(perDay.columnText(0), int(stats.days.size()));
        stats.days.append({perDay.columnText(0), perDay.columnInt64(1), {}});
        stats.total += perDay.columnInt64(1);
    }
    Statement verdicts =
        db.prepare(QStringLiteral("SELECT substr(e.time_utc, 1, 10) AS day, v.verdict, count(*) FROM "
                                  "verdicts v JOIN events e ON e.id = v.event_id "
                                  "GROUP BY day, v.verdict"));
    while (verdicts.step()) {
        stats.reviewed += verdicts.columnInt64(2);
        const auto it = position.constFind(verdicts.columnText(0));
        if (it != position.cend())
            stats.days[*it].byVerdict.insert(verdicts.columnText(1), verdicts.columnInt64(2));
    }
    stats.topTaskNames = top(db, "task_name");
    stats.topParents = top(db, "parent_name");
    return stats;
}

} // namespace tb
