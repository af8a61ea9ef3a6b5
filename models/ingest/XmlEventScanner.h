#pragma once

#include <QByteArray>
#include <QString>

class QIODevice;

namespace tb {

// Cuts a stream of rendered Windows events into its <Event> elements with bounded memory, whatever
// the container (FORMATS.md §7.1, §9.2): an <Events> root, no root at all, the `evtxexport` banner
// line, or python-evtx's XML 1.1 declaration. Only the markup is scanned (tags, comments, CDATA,
// quoted attribute values); each element is then parsed on its own. A DOCTYPE or ENTITY
// declaration anywhere is refused, naming its line: Tunebench never expands XML entities.
class XmlEventScanner final {
public:
    explicit XmlEventScanner(QIODevice *device);

    // The next <Event> element, as the exact bytes of the file; false at the end or on an error
    // (then errorString() is not empty).
    bool next(QByteArray &element);

    qint64 elementLine() const { return m_elementLine; } // 1-based line where the element starts
    qint64 elementIndex() const { return m_elementIndex; }
    QString errorString() const { return m_error; } // "line N: ..."

    static constexpr qsizetype maxElementBytes = 64 * 1024 * 1024;

private:
    bool readMore();
    qsizetype find(const char *needle, qsizetype from);
    bool ensure(qsizetype count);
    void advanceTo(qsizetype newPos);
    qsizetype tagEnd(qsizetype at);
    qint64 lineAt(qsizetype at) const;
    bool fail(qint64 line, const QString &why);
    bool refuseDeclaration(qsizetype at);

    QIODevice *m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_line = 1; // of the byte at m_pos
    bool m_eof = false;
    bool m_started = false;
    qint64 m_elementLine = 0;
    qint64 m_elementIndex = -1;
    QString m_error;
};

} // namespace tb
