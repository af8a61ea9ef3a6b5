#pragma once

#include "ConditionTestSupport.h"
#include "tuning/Decision.h"

// A decision for the tests of what is built on DecisionStore (the decisions list, suppressed events,
// exports): `where` in the CLI form, note t1053-15 unless told otherwise, author "tester".
inline tb::Decision testDecision(const QString &title, const QStringList &where,
                                 const QStringList &rules = {},
                                 const QString &note = QStringLiteral("t1053-15")) {
    tb::Decision d;
    d.title = title;
    d.condition = parseCondition(where);
    d.scope.ruleIds = rules;
    d.noteId = note;
    d.rationale = QStringLiteral("written by a test: ") + title;
    d.author = QStringLiteral("tester");
    return d;
}
