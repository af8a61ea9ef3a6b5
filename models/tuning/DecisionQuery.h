#pragma once

#include "Decision.h"

#include <QString>
#include <QVariantList>

namespace tb {

// The SQL expression that selects a decision's events from `events`: its condition (ConditionSql)
// within its scope. Scope rules are catalog ids looked up in `event_keys` (EventKeyIndex must be
// current); scope hosts are host names or globs, compared like condition values. '?' parameters are
// appended to `parameters` in order. The connection needs ConditionSql::registerFunctions.
class DecisionQuery final {
public:
    // `keysAlias`: the alias under which the query already joins `event_keys` to `events`; the rule
    // scope then reads it there (kept from driving the search: the condition's indexes do) instead of
    // probing it in a correlated EXISTS.
    static QString where(const Condition &condition, const DecisionScope &scope,
                         const ConditionSettings &settings, QVariantList &parameters,
                         const QString &keysAlias = {});
    // The condition with the scope's hosts added as a `host` predicate: what the C++ matcher checks.
    static Condition withHostScope(const Condition &condition, const DecisionScope &scope);
};

} // namespace tb
