#include "LineReader.h"

#include <QIODevice>

namespace tb {

LineReader::LineReader(QIODevice *device)
    : m_device(device) {}

bool LineReader::next(QByteArray &line) {
    if (!m_error.isEmpty())
        return false;
    qsizetype searched = 0; // bytes after m_pos known to hold no break
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n', m_pos + searched);
        if (nl >= 0 || m_eof) {
            if (m_pos >= m_buffer.size())
                return false;
            const qsizetype end = nl < 0 ? m_buffer.size() : nl;
            line = m_buffer.mid(m_pos, end - m_pos);
            if (line.endsWith('\r'))
                line.chop(1);
            m_pos = end + 1;
            ++m_line;
            return true;
        }
        searched = m_buffer.size() - m_pos;
        if (searched > maxLineBytes) {
            m_error = QStringLiteral("line %1: a line is longer than %2 MiB")
                          .arg(m_line + 1)
                          .arg(maxLineBytes / (1024 * 1024));
            return false;
        }
        m_buffer.remove(0, m_pos);
        m_pos = 0;
        const qsizetype old = m_buffer.size();
        m_buffer.resize(old + 256 * 1024);
        const qint64 got = m_device->read(m_buffer.data() + old, 256 * 1024);
        m_buffer.resize(old + qMax<qint64>(got, 0));
        if (got <= 0) {
            m_eof = true;
            if (got < 0) {
                m_error = QStringLiteral("read error: %1").arg(m_device->errorString());
                return false;
            }
        }
    }
}

} // namespace tb
