#pragma once

#include "HighlightSpans.h"

#include <QByteArray>
#include <QCache>
#include <QString>

namespace tb {

// Highlighted texts by (syntax definition, theme, content hash), least recently used first out, bounded
// by the characters they cover: a text shown again, or highlighted ahead of time, is coloured without
// running the highlighter.
class HighlightCache final {
public:
    static constexpr qsizetype DefaultCharacters = 8 * 1024 * 1024;
    explicit HighlightCache(qsizetype maxCharacters = DefaultCharacters);

    // "language \0 theme \0 SHA-256 of the text".
    static QByteArray keyOf(const QString &language, const QString &theme, const QString &text);

    // The entry, now the most recently used; nullptr on a miss. Counts a hit or a miss.
    const HighlightSpans *find(const QByteArray &key);
    // Whether the entry is there, without using it.
    bool contains(const QByteArray &key) const { return m_entries.contains(key); }
    // Keeps `spans`, dropping the least recently used entries beyond the bound (an entry larger than
    // the whole bound is not kept).
    void insert(const QByteArray &key, const HighlightSpans &spans);
    void clear() { m_entries.clear(); }

    qsizetype count() const { return m_entries.count(); }
    qsizetype characters() const { return m_entries.totalCost(); }
    qsizetype maxCharacters() const { return m_entries.maxCost(); }
    int hits() const { return m_hits; }
    int misses() const { return m_misses; }

private:
    QCache<QByteArray, HighlightSpans> m_entries; // cost = characters; find() moves an entry to the front
    int m_hits = 0;
    int m_misses = 0;
};

} // namespace tb
