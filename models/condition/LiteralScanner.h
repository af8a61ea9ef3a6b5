#pragma once

#include <QString>

#include <array>
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
    static constexpr quint8 NotAscii = 0xFF;
    std::vector<std::pair<std::string, size_t>> m_patterns;
    // The automaton kept small enough for the CPU's nearest caches (it runs on every byte of a
    // million command lines): bytes that no literal has share one class, upper case shares the
    // class of lower case, and states are numbered with those that complete a literal last.
    std::array<quint8, 256> m_classOf{}; // byte → class, NotAscii for bytes from 0x80
    size_t m_classes = 1;
    std::vector<quint32> m_next;   // state * m_classes + class → next state * m_classes
    quint32 m_firstOutput = 0;     // states from this one (times m_classes) complete a literal
    std::vector<Groups> m_outputs; // per state from m_firstOutput: the groups it completes
    size_t m_longest = 1;          // bytes of the longest literal
    bool m_tooBig = false;
};

} // namespace tb
