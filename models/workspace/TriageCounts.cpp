#include "TriageCounts.h"

#include "store/Database.h"
#include "store/Statement.h"

namespace tb {

TriageCounts TriageCounts::compute(Database &db) {
    TriageCounts counts;
    counts.total = db.queryInt(QStringLiteral("SELECT count(*) FROM events"));
    QHash<QString, qint64> perVerdict;
    Statement verdicts =
        db.prepare(QStringLiteral("SELECT verdict, count(*) FROM verdicts GROUP BY verdict"));
    while (verdicts.step()) {
        perVerdict.insert(verdicts.columnText(0), verdicts.columnInt64(1));
        counts.reviewed += verdicts.columnInt64(1);
    }
    for (Verdict verdict : allVerdicts)
        counts.byVerdict.append({verdict, perVerdict.value(verdictName(verdict))});
    counts.suppressed = countSuppressed(db);
    return counts;
}

qint64 TriageCounts::countSuppressed(Database &db) {
    // SuppressionIndex keeps one mark per event and approved suppress decision that selects it.
    return db.queryInt(QStringLiteral("SELECT count(DISTINCT event_id) FROM event_suppressions"));
}

} // namespace tb
