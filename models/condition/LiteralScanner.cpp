#include "LiteralScanner.h"

#include <deque>

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
    m_next = std::move(next);
    m_outputIndex.assign(states, -1);
    m_outputs.clear();
    for (size_t s = 0; s < states; ++s) {
        if (output[s].any()) {
            m_outputIndex[s] = int(m_outputs.size());
            m_outputs.push_back(output[s]);
        }
    }
}

bool LiteralScanner::scan(std::string_view utf8, Groups &groups) const {
    if (m_next.empty()) {
        for (unsigned char c : utf8) {
            if (c >= Alphabet)
                return false;
        }
        return true;
    }
    int state = 0;
    for (unsigned char c : utf8) {
        if (c >= Alphabet)
            return false;
        if (c >= 'A' && c <= 'Z')
            c = static_cast<unsigned char>(c + ('a' - 'A'));
        state = m_next[size_t(state) * Alphabet + c];
        if (const int out = m_outputIndex[size_t(state)]; out >= 0)
            groups |= m_outputs[size_t(out)];
    }
    return true;
}

} // namespace tb
