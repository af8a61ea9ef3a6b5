#pragma once

#include "triage/Verdict.h"

#include <QList>
#include <QPair>

namespace tb {

class Database;

// The status bar's counts: events, reviewed, by verdict, and suppressed (matched by an approved,
// unexpired "suppress" decision).
struct TriageCounts {
    qint64 total = 0;
    qint64 reviewed = 0;
    qint64 suppressed = 0;
    QList<QPair<Verdict, qint64>> byVerdict; // in allVerdicts order

    static TriageCounts compute(Database &db); // throws StoreError
    // The events an approved suppress decision matches, over the decisions tables.
    static qint64 countSuppressed(Database &db);
};

} // namespace tb
