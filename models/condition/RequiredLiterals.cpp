#include "RequiredLiterals.h"

#include <climits>

namespace tb {

namespace {

constexpr qsizetype MaxStrings = 64; // beyond this an exact set is given up for a requirement
constexpr qsizetype MaxClassChars = 10;

// What a regex node can match: either every string it can match (exact, finite and small), or a
// set of which each match contains one (a requirement; empty = nothing required).
struct Info {
    bool exact = false;
    QStringList strings;
    // x+ and x{n,} with n >= 1: every match starts and ends with one of the exact strings of x
    // (the first and the last repetition), with anything between.
    bool repeated = false;
};

Info anything() {
    return {};
}
Info exactly(const QStringList &strings) {
    return {true, strings};
}

QStringList requirementOf(const Info &info) {
    if (info.exact && info.strings.contains(QString()))
        return {};
    return info.strings;
}

// A requirement is better when its shortest string is longer (fewer false candidates), then when
// it has fewer strings.
bool better(const QStringList &candidate, const QStringList &best) {
    if (candidate.isEmpty())
        return false;
    if (best.isEmpty())
        return true;
    auto shortest = [](const QStringList &list) {
        qsizetype n = LLONG_MAX;
        for (const QString &s : list)
            n = std::min(n, s.size());
        return n;
    };
    const qsizetype a = shortest(candidate), b = shortest(best);
    return a != b ? a > b : candidate.size() < best.size();
}

QStringList cross(const QStringList &left, const QStringList &right) {
    QStringList out;
    for (const QString &l : left) {
        for (const QString &r : right) {
            if (!out.contains(l + r))
                out << l + r;
        }
    }
    return out;
}

// \d and \s on ASCII text (PCRE2 without Unicode properties, as QRegularExpression compiles).
QStringList digits() {
    return {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
            QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6"), QStringLiteral("7"),
            QStringLiteral("8"), QStringLiteral("9")};
}
QStringList spaces() {
    return {QStringLiteral(" "),    QStringLiteral("\t"), QStringLiteral("\n"),
            QStringLiteral("\x0b"), QStringLiteral("\f"), QStringLiteral("\r")};
}

class RegexLiteralParser final {
public:
    explicit RegexLiteralParser(const QString &pattern)
        : m_p(pattern) {}

    std::optional<QStringList> run() {
        const Info info = alternation();
        if (m_failed || m_i != m_p.size())
            return std::nullopt;
        const QStringList required = requirementOf(info);
        if (required.isEmpty())
            return std::nullopt;
        return required;
    }

private:
    bool atEnd() const { return m_i >= m_p.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_p[m_i]; }

    Info fail() {
        m_failed = true;
        return anything();
    }

    Info alternation() {
        QList<Info> branches{concatenation()};
        while (!m_failed && peek() == QLatin1Char('|')) {
            ++m_i;
            branches << concatenation();
        }
        if (m_failed || branches.size() == 1)
            return branches.first();
        bool allExact = true;
        QStringList strings;
        for (const Info &b : branches) {
            allExact = allExact && b.exact;
            strings << b.strings;
        }
        strings.removeDuplicates();
        if (allExact && strings.size() <= MaxStrings)
            return exactly(strings);
        QStringList required;
        for (const Info &b : branches) {
            const QStringList r = requirementOf(b);
            if (r.isEmpty())
                return anything(); // this branch matches without any literal
            required << r;
        }
        required.removeDuplicates();
        return {false, required};
    }

    Info concatenation() {
        QStringList accumulated{QString()}; // exact strings of the run of exact atoms so far
        bool allExact = true;
        QStringList best;
        auto consider = [&best](const QStringList &requirement) {
            if (better(requirement, best))
                best = requirement;
        };
        while (!atEnd() && peek() != QLatin1Char('|') && peek() != QLatin1Char(')')) {
            const Info atom = quantified();
            if (m_failed)
                return anything();
            if (atom.repeated) {
                // What precedes joins the first repetition; what follows, the last one.
                allExact = false;
                if (accumulated.size() * atom.strings.size() <= MaxStrings)
                    consider(requirementOf(exactly(cross(accumulated, atom.strings))));
                else
                    consider(requirementOf(exactly(accumulated)));
                accumulated = atom.strings;
                continue;
            }
            if (atom.exact && accumulated.size() * atom.strings.size() <= MaxStrings) {
                accumulated = cross(accumulated, atom.strings);
                continue;
            }
            allExact = false;
            consider(requirementOf(exactly(accumulated)));
            if (atom.exact) {
                accumulated = atom.strings; // too many combinations: start a new run
            } else {
                consider(atom.strings);
                accumulated = QStringList{QString()};
            }
        }
        if (allExact)
            return exactly(accumulated);
        consider(requirementOf(exactly(accumulated)));
        return {false, best};
    }

    Info quantified() {
        const Info atom = single();
        if (m_failed || atEnd())
            return atom;
        const QChar c = peek();
        auto skipModifier = [this] {
            if (peek() == QLatin1Char('?') || peek() == QLatin1Char('+'))
                ++m_i; // lazy or possessive: same strings
        };
        if (c == QLatin1Char('*')) {
            ++m_i;
            skipModifier();
            return anything();
        }
        auto repeated = [](const Info &x) {
            if (x.exact && !x.strings.contains(QString()))
                return Info{false, x.strings, true};
            return Info{false, requirementOf(x), false};
        };
        if (c == QLatin1Char('+')) {
            ++m_i;
            skipModifier();
            return repeated(atom);
        }
        if (c == QLatin1Char('?')) {
            ++m_i;
            skipModifier();
            if (atom.exact && atom.strings.size() < MaxStrings) {
                QStringList strings = atom.strings;
                if (!strings.contains(QString()))
                    strings << QString();
                return exactly(strings);
            }
            return anything();
        }
        if (c == QLatin1Char('{')) {
            const qsizetype close = m_p.indexOf(QLatin1Char('}'), m_i);
            if (close < 0)
                return fail();
            const QString body = m_p.mid(m_i + 1, close - m_i - 1);
            bool ok = false;
            const int minimum = body.section(QLatin1Char(','), 0, 0).toInt(&ok);
            if (!ok)
                return fail();
            m_i = close + 1;
            skipModifier();
            return minimum == 0 ? anything() : repeated(atom);
        }
        return atom;
    }

    Info single() {
        const QChar c = peek();
        ++m_i;
        switch (c.unicode()) {
        case '(': {
            if (peek() == QLatin1Char('?')) {
                if (m_i + 1 >= m_p.size() || m_p[m_i + 1] != QLatin1Char(':'))
                    return fail(); // lookaround, named groups, inline flags: not in the subset
                m_i += 2;
            }
            const Info inner = alternation();
            if (m_failed || peek() != QLatin1Char(')'))
                return fail();
            ++m_i;
            return inner;
        }
        case '[':
            return characterClass();
        case '.':
            return anything();
        case '^':
        case '$':
            return exactly({QString()});
        case '\\':
            return escape();
        case '*':
        case '+':
        case '?':
        case '{':
        case ')':
        case '|':
            return fail();
        default:
            return literal(c);
        }
    }

    Info literal(QChar c) {
        if (c.unicode() >= 128)
            return fail(); // case folding beyond ASCII is not modelled
        return exactly({QString(c.toLower())});
    }

    Info escape() {
        if (atEnd())
            return fail();
        const QChar e = m_p[m_i++];
        switch (e.unicode()) {
        case 'd':
            return exactly(digits());
        case 's':
            return exactly(spaces());
        case 'D':
        case 'w':
        case 'W':
        case 'S':
        case 'h':
        case 'H':
        case 'v':
        case 'V':
            return anything();
        case 'b':
        case 'B':
        case 'A':
        case 'z':
        case 'Z':
        case 'G':
            return exactly({QString()});
        case 'n':
            return exactly({QStringLiteral("\n")});
        case 't':
            return exactly({QStringLiteral("\t")});
        case 'r':
            return exactly({QStringLiteral("\r")});
        default:
            if (e.unicode() < 128 && !e.isLetterOrNumber())
                return literal(e);
            return fail(); // backreferences, \x, \p, \Q...: not in the subset
        }
    }

    // A small class of plain characters ("[/-]", "[23]") is an exact set; anything else matches
    // one unknown character.
    Info characterClass() {
        QStringList chars;
        bool enumerable = true;
        if (peek() == QLatin1Char('^')) {
            enumerable = false;
            ++m_i;
        }
        bool first = true;
        while (!atEnd()) {
            QChar c = m_p[m_i];
            if (c == QLatin1Char(']') && !first) {
                ++m_i;
                chars.removeDuplicates();
                if (enumerable && !chars.isEmpty() && chars.size() <= MaxClassChars)
                    return exactly(chars);
                return anything();
            }
            first = false;
            ++m_i;
            if (c == QLatin1Char('[') && peek() == QLatin1Char(':'))
                return fail(); // POSIX classes are not in the subset
            if (c == QLatin1Char('\\')) {
                if (atEnd())
                    return fail();
                c = m_p[m_i++];
                if (c == QLatin1Char('d') || c == QLatin1Char('s')) {
                    chars << (c == QLatin1Char('d') ? digits() : spaces());
                    continue;
                }
                if (c.isLetterOrNumber()) {
                    enumerable = false; // \w, \S...
                    continue;
                }
            }
            if (peek() == QLatin1Char('-') && m_i + 1 < m_p.size() && m_p[m_i + 1] != QLatin1Char(']')) {
                QChar to = m_p[m_i + 1];
                m_i += 2;
                if (to == QLatin1Char('\\')) {
                    if (atEnd())
                        return fail();
                    to = m_p[m_i++];
                }
                if (to.unicode() < c.unicode())
                    return fail();
                if (to.unicode() - c.unicode() >= MaxClassChars) {
                    enumerable = false;
                    continue;
                }
                for (char16_t u = c.unicode(); u <= to.unicode(); ++u)
                    chars << QString(QChar(u));
            } else {
                chars << QString(c);
            }
        }
        return fail(); // unterminated
    }

    const QString &m_p;
    qsizetype m_i = 0;
    bool m_failed = false;
};

} // namespace

std::optional<QStringList> requiredLiterals(const QString &pattern) {
    std::optional<QStringList> found = RegexLiteralParser(pattern).run();
    if (!found)
        return std::nullopt;
    QStringList lowered;
    for (const QString &s : *found) {
        for (QChar c : s) {
            if (c.unicode() >= 128)
                return std::nullopt;
        }
        lowered << s.toLower();
    }
    lowered.removeDuplicates();
    return lowered;
}

std::optional<QStringList> requiredGlobLiterals(const QString &glob) {
    QString best, run;
    auto flush = [&] {
        if (run.size() > best.size())
            best = run;
        run.clear();
    };
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob[i];
        if (c == QLatin1Char('\\') && i + 1 < glob.size() &&
            (glob[i + 1] == QLatin1Char('*') || glob[i + 1] == QLatin1Char('?'))) {
            run += glob[++i];
        } else if (c == QLatin1Char('*') || c == QLatin1Char('?')) {
            flush();
        } else {
            if (c.unicode() >= 128)
                return std::nullopt;
            run += c;
        }
    }
    flush();
    if (best.isEmpty())
        return std::nullopt;
    return QStringList{best.toLower()};
}

} // namespace tb
