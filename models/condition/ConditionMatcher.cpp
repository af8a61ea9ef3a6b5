#include "ConditionMatcher.h"

#include "ingest/NormalizedEvent.h"
#include "RequiredLiterals.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace tb {

QString foldCase(const QString &text) {
    const qsizetype size = text.size();
    qsizetype i = 0;
    for (; i < size; ++i) { // most values are lower-case ASCII already: no copy then
        const char16_t u = text[i].unicode();
        if (u >= 0x80 || (u >= u'A' && u <= u'Z'))
            break;
    }
    if (i == size)
        return text;
    QString out = text;
    QChar *data = out.data();
    for (; i < size; ++i) {
        const char16_t u = data[i].unicode();
        if (u < 0x80) {
            if (u >= u'A' && u <= u'Z')
                data[i] = QChar(char16_t(u + 32));
            continue;
        }
        if (QChar::isHighSurrogate(u) && i + 1 < size && data[i + 1].isLowSurrogate()) {
            const char32_t lower = QChar::toLower(QChar::surrogateToUcs4(u, data[i + 1].unicode()));
            if (QChar::requiresSurrogates(lower)) {
                data[i] = QChar(QChar::highSurrogate(lower));
                data[i + 1] = QChar(QChar::lowSurrogate(lower));
            }
            ++i;
            continue;
        }
        const char32_t lower = QChar::toLower(char32_t(u));
        if (lower >= 0x80 && !QChar::requiresSurrogates(lower))
            data[i] = QChar(char16_t(lower));
    }
    return out;
}

bool needsUnicodeFold(const QString &text) {
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x80; });
}

LoweredEvent LoweredEvent::from(const NormalizedEvent &event) {
    LoweredEvent lowered;
    for (size_t i = 0; i < lowered.values.size(); ++i)
        lowered.values[i] = foldCase(event.fields[i]);
    return lowered;
}

bool hasWildcard(const QString &value) {
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == QLatin1Char('\\') && i + 1 < value.size() &&
            (value[i + 1] == QLatin1Char('*') || value[i + 1] == QLatin1Char('?'))) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('*') || c == QLatin1Char('?'))
            return true;
    }
    return false;
}

QString wildcardToRegex(const QString &value, bool anchorStart, bool anchorEnd) {
    QString pattern = anchorStart ? QStringLiteral("^") : QString();
    QString literal;
    auto flush = [&] {
        pattern += QRegularExpression::escape(literal);
        literal.clear();
    };
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == QLatin1Char('\\') && i + 1 < value.size() &&
            (value[i + 1] == QLatin1Char('*') || value[i + 1] == QLatin1Char('?'))) {
            literal += value[++i];
        } else if (c == QLatin1Char('*')) {
            flush();
            pattern += QStringLiteral(".*");
        } else if (c == QLatin1Char('?')) {
            flush();
            pattern += QLatin1Char('.');
        } else {
            literal += c;
        }
    }
    flush();
    if (anchorEnd)
        pattern += QLatin1Char('$');
    return pattern;
}

namespace {

// Literal text of a value with no wildcards: "\*" and "\?" unescaped.
QString unescapeLiteral(const QString &value) {
    QString out = value;
    out.replace(QLatin1String("\\*"), QLatin1String("*"));
    out.replace(QLatin1String("\\?"), QLatin1String("?"));
    return out;
}

bool parseAddress(const QString &text, quint8 *bytes, bool *v6) {
    const QByteArray latin = text.trimmed().toLatin1();
    if (inet_pton(AF_INET, latin.constData(), bytes) == 1) {
        *v6 = false;
        return true;
    }
    if (inet_pton(AF_INET6, latin.constData(), bytes) == 1) {
        *v6 = true;
        return true;
    }
    return false;
}

bool inNetwork(const quint8 *address, const quint8 *network, int bits) {
    const int whole = bits / 8;
    if (std::memcmp(address, network, size_t(whole)) != 0)
        return false;
    const int rest = bits % 8;
    if (rest == 0)
        return true;
    const quint8 mask = quint8(0xFF << (8 - rest));
    return (address[whole] & mask) == (network[whole] & mask);
}

// A glob whose only wildcards are a leading and/or trailing '*' is a plain search: returns the
// literal and the search kind, or a null string when a regex is needed.
QString simplifyGlob(const QString &value, FieldPredicate::Kind kind, FieldPredicate::Kind *simpleKind) {
    if (!hasWildcard(value))
        return {};
    using K = FieldPredicate::Kind;
    QString core = value;
    bool leading = false, trailing = false;
    if (core.startsWith(QLatin1Char('*'))) {
        leading = true;
        core.remove(0, 1);
    }
    if (core.endsWith(QLatin1Char('*')) && !core.endsWith(QLatin1String("\\*"))) {
        trailing = true;
        core.chop(1);
    }
    if (core.isEmpty() || hasWildcard(core) || core.contains(QLatin1String("\\*")) ||
        core.contains(QLatin1String("\\?")))
        return {};
    // Combine the modifier with the stars: contains/startswith/endswith already open one side.
    const bool openStart = leading || kind == K::Contains || kind == K::EndsWith;
    const bool openEnd = trailing || kind == K::Contains || kind == K::StartsWith;
    *simpleKind = openStart && openEnd ? K::Contains
                  : openStart          ? K::EndsWith
                  : openEnd            ? K::StartsWith
                                       : K::Equals;
    return core;
}

} // namespace

QString conditionProblem(const Condition &condition, const QStringList &settingNames) {
    for (const QList<FieldPredicate> *part : {&condition.match, &condition.filter}) {
        for (const FieldPredicate &p : *part) {
            if (!p.settingName.isEmpty() && !settingNames.contains(p.settingName))
                return QStringLiteral("%1: unknown setting \"%2\" (%3)")
                    .arg(p.key(), p.settingName, settingNames.join(QStringLiteral(", ")));
            for (const QString &value : p.values) {
                if (!p.settingName.isEmpty() && value == p.placeholder())
                    continue; // the values come from the setting
                if (p.kind == FieldPredicate::Kind::Regex) {
                    const QRegularExpression regex(value);
                    if (!regex.isValid())
                        return QStringLiteral("%1: \"%2\" is not a valid regular expression: %3 at offset %4")
                            .arg(p.key(), value, regex.errorString())
                            .arg(regex.patternErrorOffset());
                } else if (p.kind == FieldPredicate::Kind::Cidr) {
                    quint8 bytes[16];
                    bool v6 = false;
                    const qsizetype slash = value.indexOf(QLatin1Char('/'));
                    bool bitsOk = true;
                    const int bits = slash < 0 ? 0 : value.mid(slash + 1).toInt(&bitsOk);
                    if (!parseAddress(slash < 0 ? value : value.left(slash), bytes, &v6) || !bitsOk ||
                        bits < 0 || bits > (v6 ? 128 : 32))
                        return QStringLiteral(
                                   "%1: \"%2\" is not an IPv4 or IPv6 network (10.0.0.0/8, fd00::/8)")
                            .arg(p.key(), value);
                }
            }
        }
    }
    return {};
}

FieldMatcher::FieldMatcher(const FieldPredicate &predicate, const ConditionSettings &settings,
                           bool *missingSetting)
    : m_field(predicate.field)
    , m_kind(predicate.kind)
    , m_all(predicate.all) {
    if (predicate.kind == FieldPredicate::Kind::Exists) {
        m_exists = predicate.values.value(0).compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
        return;
    }
    const QStringList values = predicateValues(predicate, settings);
    if (!predicate.settingName.isEmpty() && values.isEmpty())
        *missingSetting = true;
    using K = FieldPredicate::Kind;
    // The prefilter: one literal set per needle (any needle may match), or none known.
    std::vector<std::optional<QStringList>> needleLiterals;
    auto literalOf = [](const QString &text) -> std::optional<QStringList> {
        for (QChar c : text) {
            if (c.unicode() >= 128)
                return std::nullopt;
        }
        return text.isEmpty() ? std::nullopt : std::optional<QStringList>(QStringList{text});
    };
    for (const QString &raw : values) {
        Needle needle;
        if (predicate.kind == K::Regex) {
            needle.regex = QRegularExpression(raw, QRegularExpression::CaseInsensitiveOption);
            needle.useRegex = true;
            needleLiterals.push_back(tb::requiredLiterals(raw));
        } else if (predicate.kind == K::Cidr) {
            const qsizetype slash = raw.indexOf(QLatin1Char('/'));
            if (parseAddress(slash < 0 ? raw : raw.left(slash), needle.cidrBytes, &needle.cidrV6)) {
                const int maxBits = needle.cidrV6 ? 128 : 32;
                needle.cidrBits = slash < 0 ? maxBits : std::clamp(raw.mid(slash + 1).toInt(), 0, maxBits);
            }
            needleLiterals.push_back(std::nullopt);
        } else if (FieldPredicate::Kind simpleKind;
                   !simplifyGlob(foldCase(raw), predicate.kind, &simpleKind).isNull()) {
            // "*text*", "text*", "*text": plain string search, no regex.
            needle.text = simplifyGlob(foldCase(raw), predicate.kind, &simpleKind);
            needle.simpleKind = simpleKind;
            needleLiterals.push_back(literalOf(needle.text));
        } else if (hasWildcard(raw)) {
            const QString lowered = foldCase(raw);
            needle.regex = QRegularExpression(
                wildcardToRegex(lowered, predicate.kind == K::Equals || predicate.kind == K::StartsWith,
                                predicate.kind == K::Equals || predicate.kind == K::EndsWith),
                QRegularExpression::DotMatchesEverythingOption);
            needle.useRegex = true;
            needleLiterals.push_back(requiredGlobLiterals(lowered));
        } else {
            needle.text = foldCase(unescapeLiteral(raw));
            needleLiterals.push_back(literalOf(needle.text));
        }
        m_needles.push_back(std::move(needle));
    }
    if (!m_needles.empty()) {
        // |all: any one needle's literals are necessary; otherwise every needle's are needed.
        QStringList literals;
        bool known = true;
        for (const std::optional<QStringList> &l : needleLiterals) {
            if (m_all && l) {
                literals = *l;
                break;
            }
            if (!l) {
                known = m_all;
                continue;
            }
            literals << *l;
        }
        literals.removeDuplicates();
        if (known && !literals.isEmpty())
            m_literals = literals;
    }
    // One alternation instead of N regex matches per event: "any value" is what the OR means.
    const auto regexCount =
        std::count_if(m_needles.begin(), m_needles.end(), [](const Needle &n) { return n.useRegex; });
    if (!predicate.all && regexCount > 1) {
        QStringList patterns;
        std::vector<Needle> kept;
        for (Needle &n : m_needles) {
            if (n.useRegex)
                patterns << QStringLiteral("(?:") + n.regex.pattern() + QLatin1Char(')');
            else
                kept.push_back(std::move(n));
        }
        Needle merged;
        merged.useRegex = true;
        // Globs compare folded text exactly (as LIKE does); only |re is matched case-insensitively.
        merged.regex =
            QRegularExpression(patterns.join(QLatin1Char('|')),
                               predicate.kind == K::Regex ? QRegularExpression::CaseInsensitiveOption
                                                          : QRegularExpression::DotMatchesEverythingOption);
        kept.push_back(std::move(merged));
        m_needles = std::move(kept);
    }
}

std::optional<bool> FieldMatcher::exists() const {
    if (m_kind == FieldPredicate::Kind::Exists)
        return m_exists;
    return std::nullopt;
}

bool FieldMatcher::matchesOne(const Needle &needle, const QString &value) const {
    using K = FieldPredicate::Kind;
    if (m_kind == K::Cidr) {
        quint8 bytes[16];
        bool v6 = false;
        return needle.cidrBits >= 0 && parseAddress(value, bytes, &v6) && v6 == needle.cidrV6 &&
               inNetwork(bytes, needle.cidrBytes, needle.cidrBits);
    }
    if (needle.useRegex)
        return needle.regex.match(value).hasMatch();
    switch (needle.simpleKind ? *needle.simpleKind : m_kind) {
    case K::Contains:
        return value.contains(needle.text);
    case K::StartsWith:
        return value.startsWith(needle.text);
    case K::EndsWith:
        return value.endsWith(needle.text);
    default:
        return value == needle.text;
    }
}

bool FieldMatcher::matches(const QString &value) const {
    if (m_kind == FieldPredicate::Kind::Exists)
        return value.isEmpty() != m_exists;
    if (value.isEmpty() || m_needles.empty())
        return false;
    for (const Needle &needle : m_needles) {
        const bool hit = matchesOne(needle, value);
        if (m_all && !hit)
            return false;
        if (!m_all && hit)
            return true;
    }
    return m_all;
}

ConditionMatcher::ConditionMatcher(const Condition &condition, const ConditionSettings &settings) {
    for (const FieldPredicate &p : condition.match)
        m_match.emplace_back(p, settings, &m_missingSetting);
    bool filterMissing = false; // an empty setting in a filter just means nothing is excluded
    for (const FieldPredicate &p : condition.filter)
        m_filter.emplace_back(p, settings, &filterMissing);
}

bool ConditionMatcher::matches(const LoweredEvent &event) const {
    if (m_match.empty())
        return false;
    for (const FieldMatcher &p : m_match) {
        if (!p.matches(event.value(p.field())))
            return false;
    }
    if (m_filter.empty())
        return true;
    for (const FieldMatcher &p : m_filter) {
        if (!p.matches(event.value(p.field())))
            return true;
    }
    return false;
}

} // namespace tb
