#pragma once

#include "CsvRowReader.h"
#include "EventReader.h"

#include <QStringList>

namespace tb {

// The header-then-records loop of a CSV export reader: reads the header, hands out each data row
// with its record number and line in `issue`, and turns libcsv errors, rows that are not UTF-8 or
// hold a NUL byte, and rows longer than the header into Failed / Skipped with the reason.
class CsvRecords final {
public:
    CsvRecords(QIODevice *device, char delimiter, QString fileName);

    // Event: `row` holds the next record (missing trailing cells are empty strings); issue.file,
    // record and line are set for whatever the caller reports about the row.
    EventReader::Status next(QStringList &row, ImportIssue &issue);

    const QStringList &header() const { return m_header; }
    qint64 recordNo() const { return m_recordNo; }
    // The row as a JSON object of header → cell (events.raw of every CSV reader).
    QString rawRow(const QStringList &row) const;

private:
    CsvRowReader m_csv;
    QString m_fileName;
    QStringList m_header;
    qint64 m_recordNo = -1;
    qsizetype m_cellsInFile = 0; // of the row last returned, before padding
};

} // namespace tb
