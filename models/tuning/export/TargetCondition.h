#pragma once

#include "FieldNameMap.h"
#include "ValuePattern.h"

#include <QList>
#include <QString>

#include <optional>

namespace tb {

struct Decision;
struct ExportInput;

// One test of one target field.
struct TargetTest {
    enum class Op { Match, Regex, Cidr, Exists, Absent, NumberEquals };
    Op op = Op::Match;
    ValuePattern pattern; // Match
    QString text;         // Regex: the expression; Cidr: the network; NumberEquals: the number
};

// A target field and the tests of which any one must hold.
struct TargetPredicate {
    QString field;
    QList<TargetTest> anyOf;
};

// A decision's condition in one field dialect: settings expanded, host scope added as a predicate,
// `|all` spread into one predicate per value, and each field's form applied (FieldNameMap). Every
// exporter renders this; none of them reads FieldPredicate itself.
struct TargetCondition {
    QList<TargetPredicate> match;  // AND
    QList<TargetPredicate> filter; // AND; an event that also matches all of these is not suppressed

    // Nullopt plus an error naming the decision and the field when the dialect cannot say it.
    static std::optional<TargetCondition> lower(const Decision &decision, FieldDialect dialect,
                                                const ExportInput &input, QString *error);
};

} // namespace tb
