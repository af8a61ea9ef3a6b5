#include "JsonRecordSplitter.h"

#include <QIODevice>

namespace tb {

JsonRecordSplitter::JsonRecordSplitter(QIODevice *device)
    : m_device(device) {}

bool JsonRecordSplitter::fail(const QString &why) {
    m_error = QStringLiteral("line %1: %2").arg(m_line).arg(why);
    return false;
}

bool JsonRecordSplitter::fillBuffer() {
    if (m_eof)
        return false;
    static constexpr qint64 chunkSize = 256 * 1024;
    m_buffer.resize(chunkSize);
    const qint64 got = m_device->read(m_buffer.data(), chunkSize);
    if (got <= 0) {
        m_buffer.clear();
        m_eof = true;
        if (got < 0)
            m_error = QStringLiteral("read error: %1").arg(m_device->errorString());
        return false;
    }
    m_buffer.resize(got);
    m_pos = 0;
    return true;
}

bool JsonRecordSplitter::next(QByteArray &unit) {
    if (!m_error.isEmpty())
        return false;
    for (;;) {
        if (m_pos >= m_buffer.size() && !fillBuffer()) {
            if (!m_error.isEmpty())
                return false;
            if (m_depth > 0 || m_inString)
                return fail(QStringLiteral("the file ends inside a JSON value (truncated?)"));
            if (m_arrayDepth > 0)
                return fail(QStringLiteral("the file ends inside the top-level array (missing ']')"));
            return false;
        }
        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();

        if (m_depth == 0) {
            // Between units: whitespace, the array brackets and commas of the framing.
            while (m_pos < size) {
                const char c = data[m_pos];
                if (c == '\n') {
                    ++m_line;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                } else if (c == ',' && m_arrayDepth > 0) {
                } else if (c == '[' && m_arrayDepth == 0) {
                    m_arrayDepth = 1;
                    m_sawArray = true;
                } else if (c == ']' && m_arrayDepth > 0) {
                    m_arrayDepth = 0;
                } else if (c == '{') {
                    break;
                } else {
                    return fail(m_arrayDepth > 0
                                    ? QStringLiteral("array item is not a JSON object (starts with '%1')")
                                          .arg(QLatin1Char(c))
                                    : QStringLiteral("expected a JSON object or array, found '%1'")
                                          .arg(QLatin1Char(c)));
                }
                ++m_pos;
            }
            if (m_pos >= size)
                continue;
            m_unit.clear();
            m_unitLine = m_line;
        }

        // Inside a unit: copy bytes up to its closing brace.
        const qsizetype start = m_pos;
        bool complete = false;
        while (m_pos < size) {
            const char c = data[m_pos++];
            if (m_inString) {
                if (m_escape)
                    m_escape = false;
                else if (c == '\\')
                    m_escape = true;
                else if (c == '"')
                    m_inString = false;
                else if (c == '\n')
                    ++m_line;
                continue;
            }
            switch (c) {
            case '"':
                m_inString = true;
                break;
            case '{':
            case '[':
                if (++m_depth > m_maxDepth)
                    return fail(QStringLiteral("JSON nested deeper than %1 levels").arg(m_maxDepth));
                break;
            case '}':
            case ']':
                if (--m_depth == 0)
                    complete = true;
                break;
            case '\n':
                ++m_line;
                break;
            default:
                break;
            }
            if (complete)
                break;
        }
        m_unit.append(data + start, m_pos - start);
        if (m_unit.size() > m_maxUnitBytes)
            return fail(
                QStringLiteral("a JSON record is larger than %1 MiB").arg(m_maxUnitBytes / (1024 * 1024)));
        if (complete) {
            unit = m_unit;
            ++m_unitIndex;
            return true;
        }
    }
}

} // namespace tb
