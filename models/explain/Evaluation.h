#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace tb {

class Database;
class KnowledgeBase;

// Measures the stored explanations against a ground-truth file
// (source_file,record_no,verdict,notes[,scenario]; verdict benign|malicious; notes ';'-joined ids),
// beside the rule-only baseline the LoFP site gives: every note of the fired rule, in the rule's
// order, and every event called likely false positive.
struct EvaluationFigures {
    int labelled = 0, benign = 0, malicious = 0, benignWithNotes = 0;
    double top1 = 0, top3 = 0;  // share of benign events with notes whose true note ranks 1st / in the top 3
    double benignLikely = 0;    // share of benign events with likelihood >= 50
    double maliciousLikely = 0; // share of malicious events with likelihood >= 50
    double auc = 0;             // ROC AUC of the likelihood (benign = positive class)
    QMap<QString, QMap<QString, int>> themeConfusion; // true theme → predicted top-1 theme → count
};

struct EvaluationReport {
    bool ok = false;
    QString error;
    int unmatchedLabels = 0; // labels naming no event of the workspace
    EvaluationFigures engine;
    EvaluationFigures baseline;
    QString toJson() const;
    QString toText() const;
};

class Evaluation final {
public:
    static EvaluationReport run(Database &db, const KnowledgeBase &kb, const QString &labelsPath);
};

} // namespace tb
