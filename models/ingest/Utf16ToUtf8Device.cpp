#include "Utf16ToUtf8Device.h"

#include <cstring>

namespace tb {

std::optional<Utf16ToUtf8Device::ByteOrder> Utf16ToUtf8Device::sniff(const QByteArray &head) {
    if (head.startsWith("\xFF\xFE") && !head.startsWith(QByteArray("\xFF\xFE\x00\x00", 4)))
        return ByteOrder::LittleEndian;
    if (head.startsWith("\xFE\xFF"))
        return ByteOrder::BigEndian;
    return std::nullopt;
}

QByteArray Utf16ToUtf8Device::decodeHead(const QByteArray &head) {
    const auto order = sniff(head);
    if (!order)
        return head;
    // Stateful: a character cut at the end of the head is held back rather than replaced.
    QStringDecoder decoder(*order == ByteOrder::LittleEndian ? QStringConverter::Utf16LE
                                                             : QStringConverter::Utf16BE);
    return QString(decoder.decode(head)).toUtf8();
}

Utf16ToUtf8Device::Utf16ToUtf8Device(QIODevice *source, ByteOrder order)
    : m_source(source)
    , m_decoder(order == ByteOrder::LittleEndian ? QStringConverter::Utf16LE : QStringConverter::Utf16BE) {
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

bool Utf16ToUtf8Device::decodeMore() {
    if (m_end)
        return false;
    QByteArray chunk(128 * 1024, Qt::Uninitialized);
    const qint64 got = m_source->read(chunk.data(), chunk.size());
    if (got < 0) {
        setErrorString(m_source->errorString());
        m_end = m_failed = true;
        return false;
    }
    if (got == 0) {
        m_end = true;
        if (m_bytesIn % 2 != 0 || !m_highSurrogate.isEmpty()) {
            setErrorString(QStringLiteral("the UTF-16 text ends in the middle of a character"));
            m_failed = true;
        }
        return false;
    }
    chunk.truncate(got);
    const qint64 first = m_bytesIn;
    m_bytesIn += got;
    // Qt's UTF-16 decoder passes unpaired surrogates through: check the pairs here, holding a high
    // surrogate at the end of the chunk back until its low half arrives with the next one.
    QString text = m_highSurrogate + QString(m_decoder.decode(chunk));
    m_highSurrogate.clear();
    if (!text.isEmpty() && text.back().isHighSurrogate()) {
        m_highSurrogate = text.back();
        text.chop(1);
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool pair = text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate();
        if (pair) {
            ++i;
        } else if (text[i].isSurrogate()) {
            setErrorString(
                QStringLiteral("the file is not valid UTF-16 (an unpaired surrogate) in bytes %1-%2")
                    .arg(first)
                    .arg(m_bytesIn - 1));
            m_end = m_failed = true;
            return false;
        }
    }
    m_utf8 = m_utf8.mid(m_utf8Pos) + text.toUtf8();
    m_utf8Pos = 0;
    return true;
}

qint64 Utf16ToUtf8Device::readData(char *data, qint64 maxSize) {
    while (m_utf8.size() - m_utf8Pos == 0) {
        if (!decodeMore())
            return m_failed ? -1 : 0;
    }
    const qint64 count = std::min<qint64>(maxSize, m_utf8.size() - m_utf8Pos);
    std::memcpy(data, m_utf8.constData() + m_utf8Pos, size_t(count));
    m_utf8Pos += count;
    return count;
}

} // namespace tb
