#pragma once

#include <QIODevice>
#include <QStringDecoder>

#include <optional>

namespace tb {

// Reads a UTF-16 text file (BOM first: Event Viewer's "Save As" XML, `wevtutil qe ... /f:xml >
// file` in Windows PowerShell) from `source` and hands it out as UTF-8, streaming, so that every
// reader (all of them parse UTF-8) reads it unchanged. The BOM is dropped. Text that is not valid
// UTF-16 (an unpaired surrogate, an odd byte at the end) ends the stream with a read error rather
// than being stored with replacement characters.
class Utf16ToUtf8Device final : public QIODevice {
public:
    enum class ByteOrder { LittleEndian, BigEndian };

    // The byte order a UTF-16 byte order mark at the start of `head` names (FORMATS.md §2: FF FE is
    // UTF-16LE); nothing for any other start, UTF-32's FF FE 00 00 included.
    static std::optional<ByteOrder> sniff(const QByteArray &head);
    // `head` as UTF-8 when it starts with a UTF-16 BOM (a last incomplete character dropped), else
    // `head` unchanged: what the format sniffing looks at.
    static QByteArray decodeHead(const QByteArray &head);

    Utf16ToUtf8Device(QIODevice *source, ByteOrder order);
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    bool decodeMore();

    QIODevice *m_source;
    QStringDecoder m_decoder;
    QByteArray m_utf8; // decoded, not yet handed out, from m_utf8Pos on
    qsizetype m_utf8Pos = 0;
    QString m_highSurrogate; // the last character decoded, when it is half a pair
    qint64 m_bytesIn = 0;    // UTF-16 bytes read from the source
    bool m_end = false;
    bool m_failed = false;
};

} // namespace tb
