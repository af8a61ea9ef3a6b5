#include "PrevalenceKey.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace tb {

namespace {

// The folding, written as scanners over code units (char for ASCII UTF-8, char16_t for UTF-16):
// four regex replacements per distinct task name and command line were a large part of
// explaining a workspace. Each returns the end of a match starting at `p`, or -1;
// tst_explanationengine checks the result against the regular expressions they stand for.
template <typename Ch> struct Text {
    const Ch *s;
    qsizetype n;
    char16_t at(qsizetype i) const { return char16_t(std::make_unsigned_t<Ch>(s[i])); }
};

bool isDigit(char16_t c) {
    return c >= u'0' && c <= u'9';
}
bool isHex(char16_t c) {
    return isDigit(c) || (c >= u'a' && c <= u'f');
}
template <typename Ch> qsizetype digitsEnd(Text<Ch> t, qsizetype p) {
    while (p < t.n && isDigit(t.at(p)))
        ++p;
    return p;
}
template <typename Ch> bool startsWith(Text<Ch> t, qsizetype p, std::u16string_view prefix) {
    if (t.n - p < qsizetype(prefix.size()))
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        if (t.at(p + qsizetype(i)) != prefix[i])
            return false;
    }
    return true;
}

// \{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?
template <typename Ch> qsizetype guidEnd(Text<Ch> t, qsizetype p) {
    if (t.at(p) != u'{' && !isHex(t.at(p)))
        return -1;
    auto bare = [&t](qsizetype q) -> qsizetype {
        for (int run : {8, 4, 4, 4, 12}) {
            if (run != 8) {
                if (q >= t.n || t.at(q) != u'-')
                    return -1;
                ++q;
            }
            for (int i = 0; i < run; ++i, ++q) {
                if (q >= t.n || !isHex(t.at(q)))
                    return -1;
            }
        }
        return q < t.n && t.at(q) == u'}' ? q + 1 : q;
    };
    if (t.at(p) == u'{' && p + 1 < t.n)
        return bare(p + 1);
    return bare(p);
}

// (<separator>\d+)+ from q: the end of the last repetition, or -1 when there is none.
template <typename Ch> qsizetype repeatedDigitsEnd(Text<Ch> t, qsizetype q, char16_t separator) {
    qsizetype end = -1;
    while (q + 1 < t.n && t.at(q) == separator && isDigit(t.at(q + 1)))
        end = q = digitsEnd(t, q + 1);
    return end;
}

// s-1-\d+(-\d+)+
template <typename Ch> qsizetype sidEnd(Text<Ch> t, qsizetype p) {
    if (t.at(p) != u's' || !startsWith(t, p, u"s-1-"))
        return -1;
    const qsizetype q = digitsEnd(t, p + 4);
    return q == p + 4 ? -1 : repeatedDigitsEnd(t, q, u'-');
}

// \d+(\.\d+)+
template <typename Ch> qsizetype versionEnd(Text<Ch> t, qsizetype p) {
    const qsizetype q = digitsEnd(t, p);
    return q == p ? -1 : repeatedDigitsEnd(t, q, u'.');
}

// \\users\\[^\\]+\\ (a backslash, "users", a backslash, a folder name, a backslash)
template <typename Ch> qsizetype userFolderEnd(Text<Ch> t, qsizetype p) {
    if (t.at(p) != u'\\' || !startsWith(t, p, u"\\users\\"))
        return -1;
    qsizetype next = p + 7;
    while (next < t.n && t.at(next) != u'\\')
        ++next;
    return next < t.n && next > p + 7 ? next + 1 : -1;
}

// The first position at or after `from` where `needle` (ASCII) starts, or -1.
template <typename Ch>
qsizetype find(const std::basic_string<Ch> &s, std::string_view needle, qsizetype from) {
    if constexpr (std::is_same_v<Ch, char>) {
        const size_t at = s.find(needle, size_t(from));
        return at == s.npos ? -1 : qsizetype(at);
    } else {
        const auto at = std::search(s.begin() + from, s.end(), needle.begin(), needle.end(),
                                    [](Ch a, char b) { return a == Ch(b); });
        return at == s.end() ? -1 : qsizetype(at - s.begin());
    }
}

// Global replacement, leftmost match first, as QString::replace(QRegularExpression) does.
// `candidate(t, from)` gives the first position at or after `from` where a match can start (-1:
// none), so that the scanner runs only there, not at every position: each pattern has a
// character or word every match holds at a known place (found with memchr and the like).
// In place: every replacement is no longer than the shortest text its scanner matches, so the text
// written never reaches the position scanned next, and no string is allocated per value.
template <typename Ch, typename Candidate, typename MatchEnd>
void replaceMatches(std::basic_string<Ch> &s, Candidate candidate, MatchEnd matchEnd,
                    std::string_view replacement) {
    const Text<Ch> t{s.data(), qsizetype(s.size())};
    Ch *out = s.data();
    qsizetype written = 0, copied = 0;
    for (qsizetype p = candidate(s, 0); p >= 0;) {
        const qsizetype end = matchEnd(t, p);
        if (end < 0) {
            p = candidate(s, p + 1);
            continue;
        }
        Q_ASSERT(end - p >= qsizetype(replacement.size()));
        std::char_traits<Ch>::move(out + written, out + copied, size_t(p - copied));
        written += p - copied;
        for (char c : replacement)
            out[written++] = Ch(c);
        copied = end;
        p = end < t.n ? candidate(s, end) : -1;
    }
    if (copied == 0)
        return;
    std::char_traits<Ch>::move(out + written, out + copied, size_t(t.n - copied));
    s.resize(size_t(written + t.n - copied));
}

// A GUID has a hyphen 8 code units after its start, 9 after an opening brace.
template <typename Ch> qsizetype guidCandidate(const std::basic_string<Ch> &s, qsizetype from) {
    const size_t hyphen = s.find(Ch('-'), size_t(from + 8));
    if (hyphen == s.npos)
        return -1;
    return qsizetype(hyphen) - 9 >= from ? qsizetype(hyphen) - 9 : qsizetype(hyphen) - 8;
}

// A version is the digit run before the first ".<digit>" that follows one.
template <typename Ch> qsizetype versionCandidate(const std::basic_string<Ch> &s, qsizetype from) {
    const Text<Ch> t{s.data(), qsizetype(s.size())};
    for (size_t dot = s.find(Ch('.'), size_t(from + 1)); dot != s.npos; dot = s.find(Ch('.'), dot + 1)) {
        qsizetype p = qsizetype(dot);
        if (p + 1 >= t.n || !isDigit(t.at(p + 1)) || !isDigit(t.at(p - 1)))
            continue;
        while (p > from && isDigit(t.at(p - 1)))
            --p;
        return p;
    }
    return -1;
}

template <typename Ch> void fold(std::basic_string<Ch> &key) {
    // Lambdas rather than function pointers, so that each scanner is inlined into its loop.
    using S = const std::basic_string<Ch> &;
    replaceMatches(
        key, [](S s, qsizetype from) { return guidCandidate(s, from); },
        [](Text<Ch> t, qsizetype p) { return guidEnd(t, p); }, "{guid}");
    replaceMatches(
        key, [](S s, qsizetype from) { return find(s, "s-1-", from); },
        [](Text<Ch> t, qsizetype p) { return sidEnd(t, p); }, "sid");
    replaceMatches(
        key, [](S s, qsizetype from) { return versionCandidate(s, from); },
        [](Text<Ch> t, qsizetype p) { return versionEnd(t, p); }, "v");
    replaceMatches(
        key, [](S s, qsizetype from) { return find(s, "\\users\\", from); },
        [](Text<Ch> t, qsizetype p) { return userFolderEnd(t, p); }, "\\users\\*\\");
}

// Lower-cases ASCII letters eight bytes at a time; false when a byte is not ASCII.
bool lowerAscii(char *s, size_t n) {
    constexpr quint64 ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 w;
        std::memcpy(&w, s + i, 8);
        if (w & high)
            return false;
        // Per byte: the high bit of w + (0x80 - 'A') is set from 'A' on, of w + (0x7F - 'Z') past 'Z'.
        const quint64 upper = ((w + ones * (0x80 - 'A')) & ~(w + ones * (0x7F - 'Z'))) & high;
        w |= upper >> 2; // 0x80 >> 2 is the 0x20 between 'A' and 'a'
        std::memcpy(s + i, &w, 8);
    }
    for (; i < n; ++i) {
        if (static_cast<unsigned char>(s[i]) >= 0x80)
            return false;
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] = char(s[i] + ('a' - 'A'));
    }
    return true;
}

} // namespace

QString prevalenceKey(const QString &value) {
    const QString lowered = value.toLower();
    std::u16string key(reinterpret_cast<const char16_t *>(lowered.utf16()), size_t(lowered.size()));
    fold(key);
    return QString::fromStdU16String(key);
}

std::string prevalenceKeyUtf8(std::string_view utf8) {
    std::string key;
    prevalenceKeyUtf8(utf8, key);
    return key;
}

void prevalenceKeyUtf8(std::string_view utf8, std::string &key) {
    key.assign(utf8);
    if (!lowerAscii(key.data(), key.size())) { // Unicode case folding: the QString way
        key = prevalenceKey(QString::fromUtf8(utf8.data(), qsizetype(utf8.size()))).toStdString();
        return;
    }
    fold(key);
}

} // namespace tb
