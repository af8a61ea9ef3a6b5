#include "XmlEventScanner.h"

#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace tb {

namespace {

constexpr qsizetype tooLarge = -2; // find(): the element outgrew maxElementBytes

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// True when `data` at `pos` opens the tag `name` and not a longer one ("<Event" vs "<EventData").
bool startsTag(const QByteArray &data, qsizetype pos, const char *name) {
    const qsizetype length = qsizetype(std::strlen(name));
    if (data.size() < pos + length + 1 || std::memcmp(data.constData() + pos, name, size_t(length)) != 0)
        return false;
    const char after = data[pos + length];
    return isSpace(after) || after == '>' || after == '/';
}

} // namespace

XmlEventScanner::XmlEventScanner(QIODevice *device)
    : m_device(device) {}

bool XmlEventScanner::readMore() {
    if (m_eof)
        return false;
    static constexpr qint64 chunkSize = 256 * 1024;
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + chunkSize);
    const qint64 got = m_device->read(m_buffer.data() + old, chunkSize);
    m_buffer.resize(old + std::max<qint64>(got, 0));
    if (got <= 0) {
        m_eof = true;
        if (got < 0)
            fail(m_line, QStringLiteral("read error: %1").arg(m_device->errorString()));
        return false;
    }
    return true;
}

qsizetype XmlEventScanner::find(const char *needle, qsizetype from) {
    const qsizetype length = qsizetype(std::strlen(needle));
    for (;;) {
        const qsizetype at = m_buffer.indexOf(needle, from);
        if (at >= 0)
            return at;
        if (m_buffer.size() - m_pos > maxElementBytes)
            return tooLarge;
        from = std::max(from, m_buffer.size() - length + 1);
        if (!readMore())
            return -1;
    }
}

bool XmlEventScanner::ensure(qsizetype count) {
    while (m_buffer.size() < m_pos + count) {
        if (!readMore())
            return false;
    }
    return true;
}

qint64 XmlEventScanner::lineAt(qsizetype at) const {
    return m_line + std::count(m_buffer.constBegin() + m_pos, m_buffer.constBegin() + at, '\n');
}

void XmlEventScanner::advanceTo(qsizetype newPos) {
    m_line = lineAt(newPos);
    m_pos = newPos;
}

qsizetype XmlEventScanner::tagEnd(qsizetype at) {
    char quote = 0;
    for (qsizetype i = at + 1;; ++i) {
        if (i >= m_buffer.size() && !readMore())
            return -1;
        if (i - m_pos > maxElementBytes)
            return tooLarge;
        const char c = m_buffer[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
}

bool XmlEventScanner::fail(qint64 line, const QString &why) {
    if (m_error.isEmpty()) // a read error explains a truncation better than the truncation does
        m_error = QStringLiteral("line %1: %2").arg(line).arg(why);
    return false;
}

bool XmlEventScanner::refuseDeclaration(qsizetype at) {
    ensure(at - m_pos + 10);
    const QByteArray ahead = m_buffer.mid(at, 10);
    if (ahead.startsWith("<!DOCTYPE"))
        return fail(lineAt(at), QStringLiteral("the file declares a DOCTYPE; Tunebench never expands XML "
                                               "entities, so it refuses the file"));
    if (ahead.startsWith("<!ENTITY"))
        return fail(lineAt(at), QStringLiteral("the file declares an XML entity (<!ENTITY); Tunebench never "
                                               "expands XML entities, so it refuses the file"));
    return fail(lineAt(at), QStringLiteral("unexpected markup \"%1\" where Windows events were expected")
                                .arg(QString::fromUtf8(ahead)));
}

bool XmlEventScanner::next(QByteArray &element) {
    if (!m_error.isEmpty())
        return false;
    if (!m_started) {
        m_started = true;
        ensure(3);
        if (m_buffer.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
    }
    for (;;) {
        // Drop what is consumed now and then, not per element (that would move the buffer each time).
        if (m_pos >= 1024 * 1024 || m_pos == m_buffer.size()) {
            m_buffer.remove(0, m_pos);
            m_pos = 0;
        }
        // Text outside the markup (the evtxexport banner, blank lines) is not data: skip it.
        const qsizetype open = find("<", m_pos);
        if (open == tooLarge)
            return fail(m_line, QStringLiteral("more than %1 MiB of text without any XML markup")
                                    .arg(maxElementBytes / (1024 * 1024)));
        if (open < 0) {
            advanceTo(m_buffer.size());
            return false;
        }
        advanceTo(open);
        ensure(12);
        const QByteArray ahead = m_buffer.mid(m_pos, 12);
        if (ahead.startsWith("<!--")) {
            const qsizetype end = find("-->", m_pos + 4);
            if (end < 0)
                return fail(m_line, QStringLiteral("the file ends inside a comment"));
            advanceTo(end + 3);
            continue;
        }
        if (ahead.startsWith("<!"))
            return refuseDeclaration(m_pos);
        if (ahead.startsWith("<?")) { // <?xml version="1.1" ...?> included: it is never parsed
            const qsizetype end = find("?>", m_pos + 2);
            if (end < 0)
                return fail(m_line, QStringLiteral("the file ends inside an XML declaration"));
            advanceTo(end + 2);
            continue;
        }
        const qsizetype startTagEnd = tagEnd(m_pos);
        if (startTagEnd < 0)
            return fail(m_line, QStringLiteral("the file ends inside a tag (truncated?)"));
        if (!startsTag(m_buffer, m_pos, "<Event")) {
            advanceTo(startTagEnd); // <Events>, </Events> and other container tags
            continue;
        }

        const qint64 startLine = m_line;
        qsizetype end = m_buffer[startTagEnd - 2] == '/' ? startTagEnd : -1; // <Event/>
        qsizetype scan = startTagEnd;
        while (end < 0) {
            const qsizetype lt = find("<", scan);
            if (lt == tooLarge || lt - m_pos > maxElementBytes)
                return fail(
                    startLine,
                    QStringLiteral("an <Event> is larger than %1 MiB").arg(maxElementBytes / (1024 * 1024)));
            if (lt < 0 || !(ensure(lt - m_pos + 12) || m_buffer.size() > lt + 1))
                return fail(startLine,
                            QStringLiteral("the file ends inside the <Event> that starts here (truncated?)"));
            const QByteArray markup = m_buffer.mid(lt, 12);
            if (markup.startsWith("<![CDATA[")) {
                const qsizetype close = find("]]>", lt + 9);
                if (close < 0)
                    return fail(lineAt(lt), QStringLiteral("the file ends inside CDATA"));
                scan = close + 3;
            } else if (markup.startsWith("<!--")) {
                const qsizetype close = find("-->", lt + 4);
                if (close < 0)
                    return fail(lineAt(lt), QStringLiteral("the file ends inside a comment"));
                scan = close + 3;
            } else if (markup.startsWith("<!")) {
                return refuseDeclaration(lt);
            } else if (startsTag(m_buffer, lt, "</Event")) {
                end = tagEnd(lt);
                if (end < 0)
                    return fail(lineAt(lt), QStringLiteral("the file ends inside a tag (truncated?)"));
            } else {
                scan = lt + 1;
            }
        }
        element = m_buffer.mid(m_pos, end - m_pos);
        advanceTo(end);
        m_elementLine = startLine;
        ++m_elementIndex;
        return true;
    }
}

} // namespace tb
