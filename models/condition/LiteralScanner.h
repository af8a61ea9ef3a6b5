#pragma once

#include <QString>

#include <bitset>
#include <string_view>
#include <vector>

namespace tb {

// Finds which of many literals occur in a text in one pass (an Aho–Corasick automaton over
// ASCII, case-insensitive): the literal prefilter that spares most values every regex of a field.
class LiteralScanner final {
public:
    static constexpr size_t MaxGroups = 256;
    using Groups = std::bitset<MaxGroups>;

    // A lower-case ASCII literal whose presence marks `group`. Call build() after the last one.
    void add(const QString &literal, size_t group);
    void build();
    bool isEmpty() const { return m_patterns.empty(); }

    // Sets in `groups` the group of every literal found in the UTF-8 text. Returns false, with
    // `groups` unspecified, when the text is not pure ASCII: the literals say nothing about it.
    bool scan(std::string_view utf8, Groups &groups) const;

private:
    static constexpr int Alphabet = 128;
    std::vector<std::pair<std::string, size_t>> m_patterns;
    std::vector<int> m_next;        // state * Alphabet + byte → state (complete automaton)
    std::vector<int> m_outputIndex; // state → index into m_outputs, or -1
    std::vector<Groups> m_outputs;  // the groups a state completes (its suffix states' included)
};

} // namespace tb
