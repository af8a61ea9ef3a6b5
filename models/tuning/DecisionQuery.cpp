#include "DecisionQuery.h"

#include "condition/ConditionSql.h"

namespace tb {

Condition DecisionQuery::withHostScope(const Condition &condition, const DecisionScope &scope) {
    Condition scoped = condition;
    if (!scope.hosts.isEmpty()) {
        FieldPredicate hosts;
        hosts.field = EventField::Host;
        hosts.values = scope.hosts;
        scoped.match.append(hosts);
    }
    return scoped;
}

QString DecisionQuery::where(const Condition &condition, const DecisionScope &scope,
                             const ConditionSettings &settings, QVariantList &parameters) {
    QString sql = ConditionSql::compile(withHostScope(condition, scope), settings, parameters);
    if (!scope.ruleIds.isEmpty()) {
        // Correlated on the event's primary key, so that an indexed predicate of the condition
        // drives the search and the scope is one lookup per candidate event.
        QStringList marks;
        for (const QString &rule : scope.ruleIds) {
            marks << QStringLiteral("?");
            parameters << rule;
        }
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM event_rules r WHERE r.event_id = events.id AND "
                              "r.rule_id IN (%1))")
                   .arg(marks.join(QStringLiteral(", ")));
    }
    return sql;
}

} // namespace tb
