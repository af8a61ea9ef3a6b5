#pragma once

#include <QChar>
#include <QString>

namespace tb {

// Control characters (C0 and DEL) in exported text: the formats take them only as escapes.
bool isControl(QChar c);
bool hasControl(const QString &text);
// \n, \r, \t, else \x{hh} (regular expressions) or \xhh (YAML double-quoted strings).
QString controlEscape(QChar c, bool bracedHex);
// The text with every control character as its controlEscape() and every character of `special`
// behind a backslash.
QString backslashEscaped(const QString &text, const QString &special, bool bracedHex);
// The text on one line: control characters become spaces, runs of white space one space.
QString singleLine(const QString &text);

} // namespace tb
