#pragma once

#include <QByteArray>
#include <QString>

class QIODevice;

namespace tb {

// Reads a device line by line with bounded memory, for the line-oriented logs (auditd, syslog):
// LF or CRLF, a last line without a break, and a read error or an overlong line reported rather
// than taken for the end of the file.
class LineReader final {
public:
    explicit LineReader(QIODevice *device);

    // The next line without its break; false at the end or on an error (errorString() not empty).
    bool next(QByteArray &line);
    qint64 lineNumber() const { return m_line; } // 1-based, of the line last returned
    QString errorString() const { return m_error; }

    static constexpr qsizetype maxLineBytes = 64 * 1024 * 1024;

private:
    QIODevice *m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    qint64 m_line = 0;
    QString m_error;
};

} // namespace tb
