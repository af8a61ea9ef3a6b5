#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <deque>
#include <memory>

class QIODevice;

namespace tb {

// Streams RFC 4180 rows (quoted multi-line fields, "" escapes, CRLF or LF, any one-byte
// delimiter) from a device with bounded memory. libcsv does the parsing; this class turns its
// push callbacks into pull reads and keeps the cell text byte-exact (no space trimming).
class CsvRowReader final {
public:
    explicit CsvRowReader(QIODevice *device, char delimiter = ',');
    ~CsvRowReader();
    CsvRowReader(const CsvRowReader &) = delete;
    CsvRowReader &operator=(const CsvRowReader &) = delete;

    // False at the end of the input or on an error (then errorString() is not empty).
    bool next(QStringList &row);

    // 0-based index of the row last returned (the header row is row 0).
    qint64 rowIndex() const { return m_rowIndex; }
    // 1-based line on which the row last returned started.
    qint64 lineNumber() const { return m_rowLine; }
    QString errorString() const { return m_error; }
    // Why the row last returned cannot be trusted (invalid UTF-8, a NUL byte), or empty. Readers
    // skip such a row with this message rather than store replacement characters.
    QString rowProblem() const { return m_rowProblem; }

    // Refuses a cell larger than this (the default is 16 MiB), instead of growing without bound.
    void setMaxFieldBytes(qsizetype bytes) { m_maxFieldBytes = bytes; }

private:
    struct Parser;
    friend struct Parser;
    bool fill();

    QIODevice *m_device;
    std::unique_ptr<Parser> m_parser;
    std::deque<QStringList> m_ready;
    std::deque<qint64> m_readyLines;
    QStringList m_current;
    QString m_currentProblem;
    std::deque<QString> m_readyProblems;
    QString m_rowProblem;
    qint64 m_rowIndex = -1;
    qint64 m_rowLine = 0;
    qint64 m_line = 1;         // line of the byte being fed
    qint64 m_currentStart = 1; // line on which the row being built started
    bool m_finished = false;
    bool m_atStart = true;
    qsizetype m_maxFieldBytes = 16 * 1024 * 1024;
    QString m_error;
};

} // namespace tb
