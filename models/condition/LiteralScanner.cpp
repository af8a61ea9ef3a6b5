#include "LiteralScanner.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace tb {

void LiteralScanner::add(const QString &literal, size_t group) {
    if (literal.isEmpty() || group >= MaxGroups)
        return;
    m_patterns.emplace_back(literal.toLower().toStdString(), group);
}

void LiteralScanner::build() {
    // The trie, with -1 for a missing edge.
    std::vector<int> next(Alphabet, -1);
    std::vector<Groups> output(1);
    for (const auto &[text, group] : m_patterns) {
        int state = 0;
        for (unsigned char c : text) {
            if (c >= Alphabet)
                break; // not ASCII: add() callers filter these; never a false "absent"
            const size_t slot = size_t(state) * Alphabet + c;
            if (next[slot] < 0) {
                next[slot] = int(output.size());
                output.emplace_back();
                next.resize(next.size() + Alphabet, -1);
            }
            state = next[slot];
        }
        output[size_t(state)].set(group);
    }
    // Breadth-first: failure links turn the trie into a complete automaton, outputs merge.
    const size_t states = output.size();
    std::vector<int> fail(states, 0);
    std::deque<int> queue;
    for (int c = 0; c < Alphabet; ++c) {
        int &edge = next[size_t(c)];
        if (edge < 0) {
            edge = 0;
        } else {
            fail[size_t(edge)] = 0;
            queue.push_back(edge);
        }
    }
    while (!queue.empty()) {
        const int state = queue.front();
        queue.pop_front();
        output[size_t(state)] |= output[size_t(fail[size_t(state)])];
        for (int c = 0; c < Alphabet; ++c) {
            int &edge = next[size_t(state) * Alphabet + size_t(c)];
            const int viaFail = next[size_t(fail[size_t(state)]) * Alphabet + size_t(c)];
            if (edge < 0) {
                edge = viaFail;
            } else {
                fail[size_t(edge)] = viaFail;
                queue.push_back(edge);
            }
        }
    }
    m_longest = 1;
    for (const auto &[text, group] : m_patterns)
        m_longest = std::max(m_longest, text.size());
    // Byte classes: one per character some literal has (literals are lower case), 0 for the rest.
    m_classOf.fill(0);
    m_classes = 1;
    for (const auto &[text, group] : m_patterns) {
        for (unsigned char c : text) {
            if (c < Alphabet && m_classOf[c] == 0)
                m_classOf[c] = quint8(m_classes++);
        }
    }
    for (int c = 'A'; c <= 'Z'; ++c)
        m_classOf[size_t(c)] = m_classOf[size_t(c + ('a' - 'A'))];
    for (size_t c = Alphabet; c < m_classOf.size(); ++c)
        m_classOf[c] = NotAscii;
    if (m_classes >= NotAscii || states * m_classes > std::numeric_limits<quint32>::max()) {
        m_next.clear(); // more than the compact table holds: scan() then gives no answer
        m_tooBig = true;
        return;
    }
    // Upper case is looked up as lower case; the bytes of class 0 all lead back to the start state,
    // as one of them does.
    auto upper = [](int c) { return c >= 'A' && c <= 'Z'; };
    int other = 0;
    while (other < Alphabet && (m_classOf[size_t(other)] != 0 || upper(other)))
        ++other;
    // States that complete no literal first (the start state stays 0: no literal is empty).
    std::vector<quint32> number(states);
    quint32 n = 0;
    for (size_t s = 0; s < states; ++s) {
        if (output[s].none())
            number[s] = n++;
    }
    m_firstOutput = n * quint32(m_classes);
    m_outputs.clear();
    for (size_t s = 0; s < states; ++s) {
        if (output[s].any()) {
            number[s] = n++;
            m_outputs.push_back(output[s]);
        }
    }
    m_next.assign(states * m_classes, 0);
    for (size_t s = 0; s < states; ++s) {
        const size_t row = size_t(number[s]) * m_classes;
        for (int c = 0; c < Alphabet; ++c) {
            if (!upper(c) && (m_classOf[size_t(c)] != 0 || c == other))
                m_next[row + m_classOf[size_t(c)]] =
                    number[size_t(next[s * Alphabet + size_t(c)])] * quint32(m_classes);
        }
    }
}

bool LiteralScanner::scan(std::string_view utf8, Groups &groups) const {
    if (m_tooBig)
        return false;
    if (m_next.empty()) {
        for (unsigned char c : utf8) {
            if (c >= Alphabet)
                return false;
        }
        return true;
    }
    // Each step waits for the state the step before looked up: a long text is scanned as two
    // halves at once, two independent chains of look-ups. The first half runs on past the middle by
    // the longest literal less one byte, so that a literal across the middle is found whole in it.
    const auto *text = reinterpret_cast<const unsigned char *>(utf8.data());
    const size_t n = utf8.size();
    size_t firstEnd = n, second = n;
    if (n >= 4 * m_longest) {
        second = n / 2;
        firstEnd = second + m_longest - 1;
    }
    quint32 a = 0, b = 0; // states, times m_classes
    size_t i = 0, j = second;
    for (; i < firstEnd && j < n; ++i, ++j) {
        const quint8 ca = m_classOf[text[i]], cb = m_classOf[text[j]];
        if (ca == NotAscii || cb == NotAscii)
            return false;
        a = m_next[a + ca];
        b = m_next[b + cb];
        if (a >= m_firstOutput)
            groups |= m_outputs[(a - m_firstOutput) / m_classes];
        if (b >= m_firstOutput)
            groups |= m_outputs[(b - m_firstOutput) / m_classes];
    }
    for (; i < firstEnd; ++i) {
        const quint8 ca = m_classOf[text[i]];
        if (ca == NotAscii)
            return false;
        a = m_next[a + ca];
        if (a >= m_firstOutput)
            groups |= m_outputs[(a - m_firstOutput) / m_classes];
    }
    for (; j < n; ++j) {
        const quint8 cb = m_classOf[text[j]];
        if (cb == NotAscii)
            return false;
        b = m_next[b + cb];
        if (b >= m_firstOutput)
            groups |= m_outputs[(b - m_firstOutput) / m_classes];
    }
    return true;
}

} // namespace tb
