#pragma once

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

namespace tb {

class Database;

// The overview charts' figures: alerts per day by verdict, the most frequent task names and parents,
// review progress. Read through indexes; meant for a background thread on a large workspace.
struct OverviewStats {
    struct Day {
        QString day; // YYYY-MM-DD (UTC)
        qint64 total = 0;
        QMap<QString, qint64> byVerdict; // verdict name → events of that day with it
    };
    QList<Day> days; // in order
    QList<QPair<QString, qint64>> topTaskNames;
    QList<QPair<QString, qint64>> topParents;
    qint64 total = 0;
    qint64 reviewed = 0;

    static constexpr int TopCount = 8;
    static OverviewStats compute(Database &db); // throws StoreError
};

} // namespace tb
