#pragma once

#include <QByteArray>
#include <QString>

class QIODevice;

namespace tb {

// Splits any JSON framing the exports use into one JSON object text per record, with bounded
// memory: NDJSON (with or without a final newline), concatenated pretty objects (Hayabusa -t json),
// a top-level array of objects (Chainsaw --json, Zircolite), or a mix. A wrapper object such as an
// Elasticsearch _search response comes out whole; its reader unwraps it.
// Only the framing is scanned here (strings, escapes, nesting); simdjson parses each unit.
class JsonRecordSplitter final {
public:
    explicit JsonRecordSplitter(QIODevice *device);

    // False at the end of the input or on an error (then errorString() is not empty).
    bool next(QByteArray &unit);

    qint64 unitIndex() const { return m_unitIndex; } // 0-based index of the unit last returned
    qint64 unitLine() const { return m_unitLine; }   // 1-based line where it started
    QString errorString() const { return m_error; }
    bool sawTopLevelArray() const { return m_sawArray; }

    void setMaxDepth(int depth) { m_maxDepth = depth; }
    void setMaxUnitBytes(qsizetype bytes) { m_maxUnitBytes = bytes; }

private:
    bool fillBuffer();
    bool fail(const QString &why);

    QIODevice *m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;

    QByteArray m_unit;
    int m_depth = 0;      // nesting inside the current unit
    int m_arrayDepth = 0; // 1 while inside a top-level array
    bool m_inString = false;
    bool m_escape = false;
    bool m_sawArray = false;
    qint64 m_line = 1;
    qint64 m_unitLine = 0;
    qint64 m_unitIndex = -1;
    int m_maxDepth = 512;
    qsizetype m_maxUnitBytes = 64 * 1024 * 1024;
    QString m_error;
};

} // namespace tb
