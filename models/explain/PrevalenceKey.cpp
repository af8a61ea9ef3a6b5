#include "PrevalenceKey.h"

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

// Global replacement, leftmost match first, as QString::replace(QRegularExpression) does.
template <typename Ch, typename MatchEnd>
void replaceMatches(std::basic_string<Ch> &s, MatchEnd matchEnd, std::string_view replacement) {
    std::basic_string<Ch> out;
    const Text<Ch> t{s.data(), qsizetype(s.size())};
    qsizetype copied = 0;
    bool replaced = false;
    for (qsizetype p = 0; p < t.n;) {
        const qsizetype end = matchEnd(t, p);
        if (end < 0) {
            ++p;
            continue;
        }
        if (!replaced)
            out.reserve(s.size());
        replaced = true;
        out.append(s, size_t(copied), size_t(p - copied));
        for (char c : replacement)
            out.push_back(Ch(c));
        copied = p = end;
    }
    if (!replaced)
        return;
    out.append(s, size_t(copied), std::basic_string<Ch>::npos);
    s = std::move(out);
}

template <typename Ch> void fold(std::basic_string<Ch> &key) {
    // Lambdas rather than function pointers, so that each scanner is inlined into its loop.
    replaceMatches(
        key, [](Text<Ch> t, qsizetype p) { return guidEnd(t, p); }, "{guid}");
    replaceMatches(
        key, [](Text<Ch> t, qsizetype p) { return sidEnd(t, p); }, "sid");
    replaceMatches(
        key, [](Text<Ch> t, qsizetype p) { return versionEnd(t, p); }, "v");
    replaceMatches(
        key, [](Text<Ch> t, qsizetype p) { return userFolderEnd(t, p); }, "\\users\\*\\");
}

} // namespace

QString prevalenceKey(const QString &value) {
    const QString lowered = value.toLower();
    std::u16string key(reinterpret_cast<const char16_t *>(lowered.utf16()), size_t(lowered.size()));
    fold(key);
    return QString::fromStdU16String(key);
}

std::string prevalenceKeyUtf8(std::string_view utf8) {
    std::string key(utf8);
    for (char &c : key) {
        if (static_cast<unsigned char>(c) >= 0x80) // Unicode case folding: the QString way
            return prevalenceKey(QString::fromUtf8(utf8.data(), qsizetype(utf8.size()))).toStdString();
        if (c >= 'A' && c <= 'Z')
            c = char(c + ('a' - 'A'));
    }
    fold(key);
    return key;
}

} // namespace tb
