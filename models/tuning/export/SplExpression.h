#pragma once

#include "TargetCondition.h"

#include <QList>
#include <QString>

namespace tb {

// SPL for decisions over CIM fields. A decision goes into a `search NOT (...)` when the search
// command can say all of it; otherwise into a `where NOT (...)` of eval functions. Two filters in a
// row suppress an event when either decision matches it, which is the OR between decisions.
class SplExpression final {
public:
    // True when every test fits the search command: it has no regular expressions, cannot
    // escape '*' (a literal star) and has no single-character wildcard or line break in a value.
    static bool searchable(const TargetCondition &condition);
    static QString searchTerm(const TargetCondition &condition);
    static QString whereTerm(const TargetCondition &condition);
    // "search NOT (A OR B) | where NOT (C)": the body of a filter macro, without a leading pipe.
    static QString filter(const QList<TargetCondition> &decisions);
    // A double-quoted SPL string: backslash and double quote escaped. Pipes and backticks need
    // nothing inside quotes (macros are not expanded in quoted values).
    static QString quoted(const QString &text);
};

} // namespace tb
