#pragma once

#include "Condition.h"

#include <QRegularExpression>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace tb {

struct NormalizedEvent;

// The case folding of the condition language. ASCII letters fold as SQLite's LIKE and NOCASE fold
// them; other characters fold by their simple (one-to-one) lower-case mapping, except where that
// mapping lands on ASCII (U+0130, U+212A KELVIN SIGN): an ASCII needle compiled to LIKE then selects
// exactly the events the C++ matcher accepts. The length in code points never changes.
QString foldCase(const QString &text);
// True when folding `text` needs more than ASCII (SQL then compares through tb_fold()).
bool needsUnicodeFold(const QString &text);

// An event's fields case-folded once, so that many predicates compare without folding case again.
struct LoweredEvent {
    std::array<QString, eventFieldCount> values;
    static LoweredEvent from(const NormalizedEvent &event);
    const QString &value(EventField field) const { return values[size_t(field)]; }
};

// One `field|modifier…: values` predicate compiled for evaluation in C++ against one event at a time: needles
// case-folded, wildcards and regexes compiled once, settings expanded.
class FieldMatcher final {
public:
    // `missingSetting` is set when the predicate expands a setting that is empty.
    FieldMatcher(const FieldPredicate &predicate, const ConditionSettings &settings, bool *missingSetting);

    EventField field() const { return m_field; }
    bool matches(const QString &loweredValue) const;
    // For `exists`: whether a value must be present; nullopt for every other kind.
    std::optional<bool> exists() const;
    // Lower-case ASCII strings of which a pure-ASCII value must contain one to match (a literal
    // prefilter); nullopt when the predicate must always be evaluated (exists, CIDR, a regex
    // outside the analysed subset).
    const std::optional<QStringList> &requiredLiterals() const { return m_literals; }

private:
    struct Needle {
        QString text;             // case-folded literal for the plain kinds
        QRegularExpression regex; // wildcard or |re patterns
        bool useRegex = false;
        std::optional<FieldPredicate::Kind> simpleKind; // a glob reduced to a plain search
        quint8 cidrBytes[16] = {};
        int cidrBits = -1; // -1: not a CIDR
        bool cidrV6 = false;
    };
    bool matchesOne(const Needle &needle, const QString &value) const;

    EventField m_field;
    FieldPredicate::Kind m_kind;
    bool m_all;
    bool m_exists = true; // for Kind::Exists
    std::vector<Needle> m_needles;
    std::optional<QStringList> m_literals;
};

// A Condition compiled for evaluation in C++ against one event at a time.
class ConditionMatcher final {
public:
    ConditionMatcher(const Condition &condition, const ConditionSettings &settings);

    bool matches(const LoweredEvent &event) const;
    // A predicate with |expand whose setting is empty can never match.
    bool dependsOnMissingSetting() const { return m_missingSetting; }
    // The compiled parts: the event must match every `match` predicate, and not every `filter` one.
    const std::vector<FieldMatcher> &matchPredicates() const { return m_match; }
    const std::vector<FieldMatcher> &filterPredicates() const { return m_filter; }

private:
    std::vector<FieldMatcher> m_match;
    std::vector<FieldMatcher> m_filter;
    bool m_missingSetting = false;
};

// Why a condition cannot be evaluated as written (an invalid |re pattern or |cidr network, an
// |expand naming no known setting), naming the predicate; empty when it can.
QString conditionProblem(const Condition &condition, const QStringList &settingNames);

// Sigma wildcards: '*' any run, '?' one character, '\*' and '\?' literal; other backslashes are literal.
bool hasWildcard(const QString &value);
QString wildcardToRegex(const QString &value, bool anchorStart, bool anchorEnd);

} // namespace tb
