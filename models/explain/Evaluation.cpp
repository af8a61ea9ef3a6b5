#include "Evaluation.h"

#include "ingest/CsvRowReader.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace tb {

namespace {

struct Labelled {
    bool benign = false;
    QStringList trueNotes;
    QStringList ranked;   // engine ranking
    QStringList baseline; // rule order
    int likelihood = 0;
};

// Mann–Whitney form of the ROC AUC; ties count half.
double rocAuc(const QList<QPair<double, bool>> &scored) {
    double positives = 0, negatives = 0, sum = 0;
    for (const auto &[score, positive] : scored)
        positive ? ++positives : ++negatives;
    if (positives == 0 || negatives == 0)
        return 0.5;
    for (const auto &[score, positive] : scored) {
        if (!positive)
            continue;
        for (const auto &[other, otherPositive] : scored) {
            if (otherPositive)
                continue;
            sum += score > other ? 1.0 : (score == other ? 0.5 : 0.0);
        }
    }
    return sum / (positives * negatives);
}

EvaluationFigures figures(const QList<Labelled> &items, const KnowledgeBase &kb, bool useBaseline) {
    EvaluationFigures f;
    int top1 = 0, top3 = 0, benignLikely = 0, maliciousLikely = 0;
    QList<QPair<double, bool>> scored;
    for (const Labelled &l : items) {
        ++f.labelled;
        const int likelihood = useBaseline ? 100 : l.likelihood;
        scored.append({double(likelihood), l.benign});
        if (!l.benign) {
            ++f.malicious;
            maliciousLikely += likelihood >= 50;
            continue;
        }
        ++f.benign;
        benignLikely += likelihood >= 50;
        if (l.trueNotes.isEmpty())
            continue;
        ++f.benignWithNotes;
        const QStringList &ranked = useBaseline ? l.baseline : l.ranked;
        const bool hit1 = !ranked.isEmpty() && l.trueNotes.contains(ranked.first());
        bool hit3 = false;
        for (int i = 0; i < 3 && i < ranked.size(); ++i)
            hit3 = hit3 || l.trueNotes.contains(ranked[i]);
        top1 += hit1;
        top3 += hit3;
        const Note *truth = kb.note(l.trueNotes.first());
        const Note *predicted = ranked.isEmpty() ? nullptr : kb.note(ranked.first());
        f.themeConfusion[truth ? truth->theme : QStringLiteral("?")]
                        [predicted ? predicted->theme : QStringLiteral("(none)")]++;
    }
    f.top1 = f.benignWithNotes ? double(top1) / f.benignWithNotes : 0;
    f.top3 = f.benignWithNotes ? double(top3) / f.benignWithNotes : 0;
    f.benignLikely = f.benign ? double(benignLikely) / f.benign : 0;
    f.maliciousLikely = f.malicious ? double(maliciousLikely) / f.malicious : 0;
    f.auc = rocAuc(scored);
    return f;
}

QJsonObject toJsonObject(const EvaluationFigures &f) {
    QJsonObject confusion;
    for (auto it = f.themeConfusion.cbegin(); it != f.themeConfusion.cend(); ++it) {
        QJsonObject row;
        for (auto c = it->cbegin(); c != it->cend(); ++c)
            row.insert(c.key(), *c);
        confusion.insert(it.key(), row);
    }
    return {{QStringLiteral("labelled"), f.labelled},
            {QStringLiteral("benign"), f.benign},
            {QStringLiteral("malicious"), f.malicious},
            {QStringLiteral("benign_with_notes"), f.benignWithNotes},
            {QStringLiteral("top1"), f.top1},
            {QStringLiteral("top3"), f.top3},
            {QStringLiteral("benign_likely_fp"), f.benignLikely},
            {QStringLiteral("malicious_likely_fp"), f.maliciousLikely},
            {QStringLiteral("roc_auc"), f.auc},
            {QStringLiteral("theme_confusion"), confusion}};
}

} // namespace

EvaluationReport Evaluation::run(Database &db, const KnowledgeBase &kb, const QString &labelsPath) {
    EvaluationReport report;
    QFile file(labelsPath);
    if (!file.open(QIODevice::ReadOnly)) {
        report.error = QStringLiteral("%1: cannot open: %2").arg(labelsPath, file.errorString());
        return report;
    }
    try {
        CsvRowReader csv(&file);
        QStringList header, row;
        if (!csv.next(header) || !header.contains(QStringLiteral("verdict"))) {
            report.error = QStringLiteral("%1: expected a header with source_file,record_no,verdict,notes")
                               .arg(labelsPath);
            return report;
        }
        const qsizetype fileColumn = header.indexOf(QStringLiteral("source_file"));
        const qsizetype recordColumn = header.indexOf(QStringLiteral("record_no"));
        const qsizetype verdictColumn = header.indexOf(QStringLiteral("verdict"));
        const qsizetype notesColumn = header.indexOf(QStringLiteral("notes"));
        Statement event = db.prepare(QStringLiteral(
            "SELECT e.id, e.rule_name, e.rule_ref_id, e.rule_id, a.fp_likelihood FROM events e "
            "LEFT JOIN event_assessments a ON a.event_id = e.id WHERE e.source_file = ?1 AND e.record_no = "
            "?2"));
        Statement ranked = db.prepare(
            QStringLiteral("SELECT note_id FROM event_explanations WHERE event_id = ?1 ORDER BY rank"));
        QList<Labelled> items;
        while (csv.next(row)) {
            event.bind(1, row.value(fileColumn));
            event.bind(2, row.value(recordColumn).toLongLong());
            if (!event.step()) {
                ++report.unmatchedLabels;
                event.reset();
                continue;
            }
            Labelled l;
            l.benign = row.value(verdictColumn) == QLatin1String("benign");
            l.trueNotes = row.value(notesColumn).split(QLatin1Char(';'), Qt::SkipEmptyParts);
            l.likelihood = int(event.columnInt64(4));
            if (const Rule *rule =
                    kb.resolveRule(event.columnText(1), event.columnText(2), event.columnText(3)))
                l.baseline = rule->notes;
            ranked.bind(1, event.columnInt64(0));
            while (ranked.step())
                l.ranked << ranked.columnText(0);
            ranked.reset();
            event.reset();
            items.append(l);
        }
        report.engine = figures(items, kb, false);
        report.baseline = figures(items, kb, true);
        report.ok = true;
    } catch (const StoreError &error) {
        report.error = error.message();
    }
    return report;
}

QString EvaluationReport::toJson() const {
    const QJsonObject object{{QStringLiteral("engine"), toJsonObject(engine)},
                             {QStringLiteral("baseline_rule_only"), toJsonObject(baseline)},
                             {QStringLiteral("unmatched_labels"), unmatchedLabels}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString EvaluationReport::toText() const {
    auto pct = [](double v) { return QStringLiteral("%1 %").arg(v * 100, 5, 'f', 1); };
    QString out =
        QStringLiteral(
            "%1 labelled events (%2 benign, %3 with notes; %4 malicious); %5 labels matched no event\n")
            .arg(engine.labelled)
            .arg(engine.benign)
            .arg(engine.benignWithNotes)
            .arg(engine.malicious)
            .arg(unmatchedLabels);
    out += QStringLiteral("%1 %2 %3\n")
               .arg(QStringLiteral("figure"), -36)
               .arg(QStringLiteral("engine"), 9)
               .arg(QStringLiteral("rule-only"), 10);
    auto line = [&](const QString &name, const QString &a, const QString &b) {
        out += QStringLiteral("%1 %2 %3\n").arg(name, -36).arg(a, 9).arg(b, 10);
    };
    line(QStringLiteral("top-1 note (benign)"), pct(engine.top1), pct(baseline.top1));
    line(QStringLiteral("top-3 notes (benign)"), pct(engine.top3), pct(baseline.top3));
    line(QStringLiteral("benign with likelihood >= 50"), pct(engine.benignLikely),
         pct(baseline.benignLikely));
    line(QStringLiteral("malicious with likelihood >= 50"), pct(engine.maliciousLikely),
         pct(baseline.maliciousLikely));
    line(QStringLiteral("ROC AUC of the likelihood"), QString::number(engine.auc, 'f', 3),
         QString::number(baseline.auc, 'f', 3));
    out += QStringLiteral("theme confusion (true → engine top-1):\n");
    for (auto it = engine.themeConfusion.cbegin(); it != engine.themeConfusion.cend(); ++it) {
        QStringList cells;
        for (auto c = it->cbegin(); c != it->cend(); ++c)
            cells << QStringLiteral("%1 %2").arg(c.key()).arg(*c);
        out += QStringLiteral("  %1 → %2\n").arg(it.key(), cells.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace tb
