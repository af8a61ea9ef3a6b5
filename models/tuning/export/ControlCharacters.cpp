#include "ControlCharacters.h"

#include <algorithm>

namespace tb {

bool isControl(QChar c) {
    return c.unicode() < 0x20 || c.unicode() == 0x7f;
}

bool hasControl(const QString &text) {
    return std::any_of(text.cbegin(), text.cend(), isControl);
}

QString controlEscape(QChar c, bool bracedHex) {
    if (c == QLatin1Char('\n'))
        return QStringLiteral("\\n");
    if (c == QLatin1Char('\r'))
        return QStringLiteral("\\r");
    if (c == QLatin1Char('\t'))
        return QStringLiteral("\\t");
    const QString hex = QStringLiteral("%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
    if (bracedHex)
        return QStringLiteral("\\x{") + hex + QLatin1Char('}');
    return QStringLiteral("\\x") + hex;
}

QString backslashEscaped(const QString &text, const QString &special, bool bracedHex) {
    QString out;
    for (const QChar c : text) {
        if (special.contains(c))
            out += QLatin1Char('\\') + c;
        else if (isControl(c))
            out += controlEscape(c, bracedHex);
        else
            out += c;
    }
    return out;
}

QString singleLine(const QString &text) {
    QString line = text;
    for (QChar &c : line)
        if (isControl(c))
            c = QLatin1Char(' ');
    return line.simplified();
}

} // namespace tb
