#include "ExportInput.h"

#include "knowledge/KnowledgeBase.h"

namespace tb {

const KnowledgeBase &ExportInput::knowledgeBase() const {
    return knowledge ? *knowledge : KnowledgeBase::builtIn();
}

QString ExportInput::siemState(const Decision &decision) const {
    if (decision.status != DecisionStatus::Approved)
        return QStringLiteral("not exported: status %1").arg(decisionStatusName(decision.status));
    if (decision.action != DecisionAction::Suppress)
        return QStringLiteral("not exported: action %1 is not a suppression")
            .arg(decisionActionName(decision.action));
    if (decision.expiresAt && today.isValid() && *decision.expiresAt < today)
        return QStringLiteral("not exported: expired on %1").arg(decision.expiresAt->toString(Qt::ISODate));
    return QStringLiteral("exported");
}

QList<const Decision *> ExportInput::siemDecisions() const {
    QList<const Decision *> out;
    for (const Decision &d : decisions)
        if (siemState(d) == QLatin1String("exported"))
            out << &d;
    return out;
}

QStringList ExportInput::rulesOf(const Decision &decision, const QString &source) const {
    QStringList ids;
    if (decision.scope.ruleIds.isEmpty()) {
        for (const Rule &rule : knowledgeBase().rules())
            if (rule.source == source)
                ids << rule.id;
        return ids;
    }
    const QString prefix = source + QLatin1Char(':');
    for (const QString &id : decision.scope.ruleIds)
        if (id.startsWith(prefix) && !ids.contains(id))
            ids << id;
    return ids;
}

QString decisionLabel(const Decision &decision) {
    QString title = decision.title.simplified();
    if (title.size() > 60)
        title = title.left(59) + QChar(0x2026);
    return title.isEmpty() ? QStringLiteral("decision %1").arg(decision.id)
                           : QStringLiteral("decision %1 (%2)").arg(QString::number(decision.id), title);
}

} // namespace tb
