#pragma once

#include "condition/Condition.h"
#include "tuning/Decision.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tb {

class KnowledgeBase;

// Everything an exporter reads. The caller loads the decisions, counts their impact and fixes the
// date, so that an export is a pure function of its input (and golden files stay stable).
struct ExportInput {
    QList<Decision> decisions;
    QHash<qint64, qint64> impact;             // decision id → events it suppresses (reports only)
    const KnowledgeBase *knowledge = nullptr; // rule catalog; the built-in one when null
    ConditionSettings settings;               // values of |expand placeholders
    QDate today; // decides which decisions have expired (an invalid date: none has)

    const KnowledgeBase &knowledgeBase() const;
    // The decisions a SIEM artefact carries: approved, suppressing, and not expired on `today`.
    // Reports list every decision instead.
    QList<const Decision *> siemDecisions() const;
    // Why a decision is or is not in the SIEM artefacts ("exported", "status proposed", …).
    QString siemState(const Decision &decision) const;
    // The decision's catalog rules of one source ("splunk", "sigma", "elastic"), in catalog order
    // when the scope is every rule. Ids the catalog does not know are kept.
    QStringList rulesOf(const Decision &decision, const QString &source) const;
};

// "decision 7 (Zoom installer from Temp)": how every export error names a decision.
QString decisionLabel(const Decision &decision);

} // namespace tb
