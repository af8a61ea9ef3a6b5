#pragma once

#include "condition/Condition.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace tb {

enum class DecisionAction { Suppress, LowerSeverity };
enum class DecisionStatus { Proposed, Approved, Rejected, Expired, Retired };
// What the decided events are: benign activity the rule was not meant to catch, or the activity it
// was meant to catch, done legitimately (authorized admin work). A true positive is never tuned away.
enum class DecisionVerdict { FalsePositive, BenignTruePositive };

// What a decision tunes: catalog rule ids of the knowledge base ("splunk:…", "sigma:…",
// "elastic:…"), and optionally only some hosts. An empty rule list means every rule.
struct DecisionScope {
    QStringList ruleIds;
    QStringList hosts;
};

// One tuning decision: "events of these rules matching this condition are benign, because of
// this LoFP note". The store keeps it in `decisions`, `decision_conditions` and `decision_scope`.
struct Decision {
    qint64 id = 0;
    QString title;
    Condition condition; // AND over fields, OR inside one field; `filter` excludes
    DecisionScope scope;
    DecisionAction action = DecisionAction::Suppress;
    QString noteId;    // the LoFP note that justifies it, e.g. "t1053-07"
    QString rationale; // the analyst's own words
    QString author;
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC
    std::optional<QDate> expiresAt;
    std::optional<QDate> reviewAt;
    DecisionStatus status = DecisionStatus::Proposed;
    DecisionVerdict verdict = DecisionVerdict::FalsePositive;
};

// The database and export spelling: "suppress", "lower_severity"; "proposed", "approved", …
QString decisionActionName(DecisionAction action);
std::optional<DecisionAction> decisionActionFromName(const QString &name);
QString decisionStatusName(DecisionStatus status);
std::optional<DecisionStatus> decisionStatusFromName(const QString &name);
// "false_positive", "benign_true_positive" (the `verdicts` spelling); FromName also takes "fp", "btp".
QString decisionVerdictName(DecisionVerdict verdict);
std::optional<DecisionVerdict> decisionVerdictFromName(const QString &name);

} // namespace tb
