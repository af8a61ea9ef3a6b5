#include "HighlightCache.h"

#include <QCryptographicHash>

namespace tb {

HighlightCache::HighlightCache(qsizetype maxCharacters)
    : m_entries(maxCharacters) {}

QByteArray HighlightCache::keyOf(const QString &language, const QString &theme, const QString &text) {
    // The UTF-16 bytes as they are: no conversion of a long record on the UI thread.
    const QByteArray digest =
        QCryptographicHash::hash(QByteArrayView(reinterpret_cast<const char *>(text.utf16()),
                                                text.size() * qsizetype(sizeof(char16_t))),
                                 QCryptographicHash::Sha256);
    return language.toUtf8() + '\0' + theme.toUtf8() + '\0' + digest;
}

const HighlightSpans *HighlightCache::find(const QByteArray &key) {
    const HighlightSpans *spans = m_entries.object(key);
    ++(spans ? m_hits : m_misses);
    return spans;
}

void HighlightCache::insert(const QByteArray &key, const HighlightSpans &spans) {
    m_entries.insert(key, new HighlightSpans(spans), std::max<qsizetype>(1, spans.textLength()));
}

} // namespace tb
