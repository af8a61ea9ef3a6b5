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
                             const ConditionSettings &settings, QVariantList &parameters,
                             const QString &keysAlias) {
    QString sql = ConditionSql::compile(withHostScope(condition, scope), settings, parameters);
    if (scope.ruleIds.isEmpty())
        return sql;
    QStringList marks;
    for (const QString &rule : scope.ruleIds) {
        marks << QStringLiteral("?");
        parameters << rule;
    }
    const QString list = marks.join(QStringLiteral(", "));
    // Unary + keeps event_keys_rule from driving the search: without statistics SQLite would take
    // "every event of this rule" over the condition's own index.
    if (!keysAlias.isEmpty())
        return sql + QStringLiteral(" AND +%1.rule_id IN (%2)").arg(keysAlias, list);
    // Correlated on the event's primary key, so that an indexed predicate of the condition drives
    // the search and the scope is one probe per candidate event.
    return sql + QStringLiteral(" AND EXISTS (SELECT 1 FROM event_keys r WHERE r.event_id = events.id AND "
                                "r.rule_id IN (%1))")
                     .arg(list);
}

} // namespace tb
