#include "ValuePattern.h"

#include "ControlCharacters.h"

namespace tb {

namespace {

// Only the metacharacters, so that the result reads the same in PCRE (Splunk), RE2 (KQL) and
// ECMAScript: RE2 rejects escapes of letters, digits, spaces and non-ASCII characters.
QString escapeRegex(const QString &text) {
    static const QString meta = QStringLiteral("\\.^$|?*+()[]{}");
    return backslashEscaped(text, meta, true);
}

void appendLiteral(QList<ValuePattern::Part> &parts, QChar c) {
    using K = ValuePattern::Part::Kind;
    if (parts.isEmpty() || parts.last().kind != K::Literal)
        parts.append({K::Literal, QString()});
    parts.last().text += c;
}

} // namespace

ValuePattern ValuePattern::fromCondition(FieldPredicate::Kind kind, const QString &value) {
    using PK = FieldPredicate::Kind;
    ValuePattern pattern;
    pattern.openStart = kind == PK::Contains || kind == PK::EndsWith;
    pattern.openEnd = kind == PK::Contains || kind == PK::StartsWith;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == QLatin1Char('\\') && i + 1 < value.size() &&
            (value[i + 1] == QLatin1Char('*') || value[i + 1] == QLatin1Char('?'))) {
            appendLiteral(pattern.parts, value[++i]);
        } else if (c == QLatin1Char('*')) {
            pattern.parts.append({Part::Kind::AnyRun, QString()});
        } else if (c == QLatin1Char('?')) {
            pattern.parts.append({Part::Kind::AnyOne, QString()});
        } else {
            appendLiteral(pattern.parts, c);
        }
    }
    return pattern;
}

ValuePattern ValuePattern::literal(const QString &text, bool openStart, bool openEnd) {
    ValuePattern pattern;
    pattern.openStart = openStart;
    pattern.openEnd = openEnd;
    if (!text.isEmpty())
        pattern.parts.append({Part::Kind::Literal, text});
    return pattern;
}

bool ValuePattern::hasWildcard() const {
    for (const Part &part : parts)
        if (part.kind != Part::Kind::Literal)
            return true;
    return false;
}

bool ValuePattern::hasAnyOne() const {
    for (const Part &part : parts)
        if (part.kind == Part::Kind::AnyOne)
            return true;
    return false;
}

bool ValuePattern::matchesEmpty() const {
    for (const Part &part : parts)
        if (part.kind != Part::Kind::AnyRun)
            return false;
    return true;
}

QString ValuePattern::literalText() const {
    QString text;
    for (const Part &part : parts)
        if (part.kind == Part::Kind::Literal)
            text += part.text;
    return text;
}

ValuePattern ValuePattern::simplified() const {
    ValuePattern out = *this;
    while (!out.parts.isEmpty() && out.parts.first().kind == Part::Kind::AnyRun) {
        out.parts.removeFirst();
        out.openStart = true;
    }
    while (!out.parts.isEmpty() && out.parts.last().kind == Part::Kind::AnyRun) {
        out.parts.removeLast();
        out.openEnd = true;
    }
    return out;
}

QString ValuePattern::regexWithoutControls(const QString &regex) {
    return backslashEscaped(regex, QString(), true);
}

QString ValuePattern::toRegex() const {
    QString regex = openStart ? QString() : QStringLiteral("^");
    for (const Part &part : parts) {
        switch (part.kind) {
        case Part::Kind::Literal:
            regex += escapeRegex(part.text);
            break;
        case Part::Kind::AnyRun:
            regex += QStringLiteral("[\\s\\S]*");
            break;
        case Part::Kind::AnyOne:
            regex += QStringLiteral("[\\s\\S]");
            break;
        }
    }
    if (!openEnd)
        regex += QLatin1Char('$');
    return regex;
}

} // namespace tb
