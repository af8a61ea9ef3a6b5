#include "DecisionValidator.h"

#include "condition/ConditionMatcher.h"
#include "knowledge/KnowledgeBase.h"
#include "workspace/WorkspaceSettings.h"

namespace tb {

DecisionValidator::DecisionValidator(const KnowledgeBase &kb)
    : m_kb(kb) {}

QString DecisionValidator::problem(const Decision &d, const QDate &today) const {
    if (d.condition.isEmpty())
        return QStringLiteral(
            "the condition is empty: add at least one field predicate (field|modifier=value)");
    if (const QString problem = conditionProblem(d.condition, WorkspaceSettings::names()); !problem.isEmpty())
        return problem;
    if (!d.noteId.isEmpty() && !m_kb.note(d.noteId))
        return QStringLiteral("unknown note \"%1\": notes are t1053-01 to t1053-%2")
            .arg(d.noteId)
            .arg(m_kb.notes().size(), 2, 10, QLatin1Char('0'));
    if (d.noteId.isEmpty() && d.rationale.trimmed().isEmpty())
        return QStringLiteral(
            "say why the events are benign: name the LoFP note that explains them or write a "
            "rationale");
    for (const QString &rule : d.scope.ruleIds) {
        if (!m_kb.rule(rule))
            return QStringLiteral(
                       "unknown rule \"%1\": name a rule of the catalog by its id (sigma:…, splunk:…, "
                       "elastic:…)")
                .arg(rule);
    }
    for (const QString &host : d.scope.hosts) {
        if (host.trimmed().isEmpty())
            return QStringLiteral("an empty host name in the scope");
    }
    if ((d.expiresAt && !d.expiresAt->isValid()) || (d.reviewAt && !d.reviewAt->isValid()))
        return QStringLiteral("an expiry or review date that is not a valid date");
    if (d.expiresAt && *d.expiresAt < today)
        return QStringLiteral("the expiry date %1 is in the past (today is %2)")
            .arg(d.expiresAt->toString(Qt::ISODate), today.toString(Qt::ISODate));
    if (d.reviewAt && *d.reviewAt < today)
        return QStringLiteral("the review date %1 is in the past (today is %2)")
            .arg(d.reviewAt->toString(Qt::ISODate), today.toString(Qt::ISODate));
    return {};
}

} // namespace tb
