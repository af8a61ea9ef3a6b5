#pragma once

#include "condition/Condition.h"

#include <QList>
#include <QString>

namespace tb {

// One predicate value as a sequence of literal text and wildcards, independent of any target's
// quoting: every exporter writes its own escaping from this, so a literal '*' never becomes a
// wildcard by accident and a wildcard never becomes a literal.
struct ValuePattern {
    struct Part {
        enum class Kind { Literal, AnyRun, AnyOne };
        Kind kind = Kind::Literal;
        QString text; // Literal only
    };
    QList<Part> parts;      // adjacent literals are merged
    bool openStart = false; // contains / endswith: anything may come before
    bool openEnd = false;   // contains / startswith: anything may come after

    // How the condition language reads a value of this predicate kind (resources/knowledge/README.md):
    // for equals, contains, startswith and endswith, '*' and '?' are wildcards and '\*', '\?' are
    // literal; every other backslash is literal. A future Wildcard kind reads values the same way
    // with both ends closed; a literal-only kind would use `literal()`.
    static ValuePattern fromCondition(FieldPredicate::Kind kind, const QString &value);
    static ValuePattern literal(const QString &text, bool openStart = false, bool openEnd = false);

    bool hasWildcard() const;
    bool hasAnyOne() const;
    bool matchesEmpty() const; // only '*' parts, or none: an empty field would match
    // The literal text when there is no wildcard inside (the open ends do not count).
    QString literalText() const;
    // Leading/trailing AnyRun parts folded into the open ends: "*abc*" equals is "abc" contains.
    ValuePattern simplified() const;
    // A regular expression (PCRE/RE2/ECMAScript subset) matching the whole field, without flags.
    QString toRegex() const;
    // A user's regular expression with raw control characters written as escapes (\n, \x{01}), so
    // that it fits on one line of a query or a .conf file and still means the same.
    static QString regexWithoutControls(const QString &regex);
};

} // namespace tb
