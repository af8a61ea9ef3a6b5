#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace tb {

// Literal prefilters for regular expressions, as code search engines do: a set of lower-case
// strings of which every match must contain at least one. A value that contains none of them
// cannot match, so the regex need not run (most events contain no "powershell", "curl", "/tmp/").
//
// Understands the regex subset of the condition language (groups, alternation, classes, escapes,
// quantifiers, anchors); returns nullopt for anything else, or when the pattern requires nothing
// usable (".*", "\d+"). The set is meant for values that are pure ASCII: a caller must evaluate
// the regex on any value with other characters, whose case folding can differ.
std::optional<QStringList> requiredLiterals(const QString &pattern);

// The same for a Sigma glob ('*' any run, '?' one character, '\*' and '\?' literal): the longest
// literal run between wildcards; nullopt when every run is empty.
std::optional<QStringList> requiredGlobLiterals(const QString &glob);

} // namespace tb
