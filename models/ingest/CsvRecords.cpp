#include "CsvRecords.h"

#include "JsonText.h"

namespace tb {

CsvRecords::CsvRecords(QIODevice *device, char delimiter, QString fileName)
    : m_csv(device, delimiter)
    , m_fileName(std::move(fileName)) {}

EventReader::Status CsvRecords::next(QStringList &row, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = m_fileName;
    if (m_header.isEmpty()) {
        if (!m_csv.next(m_header)) {
            if (m_csv.errorString().isEmpty())
                return EventReader::Status::End;
            issue.problem = m_csv.errorString();
            return EventReader::Status::Failed;
        }
    }
    if (!m_csv.next(row)) {
        if (m_csv.errorString().isEmpty())
            return EventReader::Status::End;
        issue.record = m_recordNo + 1;
        issue.problem = m_csv.errorString();
        return EventReader::Status::Failed;
    }
    ++m_recordNo;
    issue.record = m_recordNo;
    issue.line = m_csv.lineNumber();
    if (!m_csv.rowProblem().isEmpty()) {
        issue.problem = m_csv.rowProblem(); // not UTF-8, or a NUL byte
        return EventReader::Status::Skipped;
    }
    if (row.size() > m_header.size()) {
        issue.problem =
            QStringLiteral("the row has %1 cells but the header has %2").arg(row.size()).arg(m_header.size());
        return EventReader::Status::Skipped;
    }
    m_cellsInFile = row.size();
    while (row.size() < m_header.size())
        row << QString();
    return EventReader::Status::Event;
}

QString CsvRecords::rawRow(const QStringList &row) const {
    return csvRowToJsonObject(m_header, row.mid(0, m_cellsInFile)); // without the padding
}

} // namespace tb
