#include "SplunkCsvReader.h"

#include "JsonText.h"
#include "NormalizedEvent.h"
#include "SplunkFieldMapper.h"

namespace tb {

SplunkCsvReader::SplunkCsvReader(QIODevice *device, ReaderContext context, Variant variant)
    : m_csv(device, ',')
    , m_context(std::move(context))
    , m_variant(variant) {}

QString SplunkCsvReader::formatId(Variant variant) {
    switch (variant) {
    case Variant::Notable:
        return QStringLiteral("splunk.notable.csv");
    case Variant::EscuResults:
        return QStringLiteral("splunk.escu.csv");
    case Variant::Events:
        break;
    }
    return QStringLiteral("splunk.events.csv");
}

EventReader::Status SplunkCsvReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue.file = m_context.fileName;
    if (m_header.isEmpty()) {
        if (!m_csv.next(m_header)) {
            issue.problem =
                m_csv.errorString().isEmpty() ? QStringLiteral("the file is empty") : m_csv.errorString();
            return m_csv.errorString().isEmpty() ? Status::End : Status::Failed;
        }
        for (qsizetype i = 0; i < m_header.size(); ++i)
            m_columns.insert(m_header[i], i);
    }
    QStringList row;
    if (!m_csv.next(row)) {
        if (m_csv.errorString().isEmpty())
            return Status::End;
        issue.record = m_recordNo + 1;
        issue.problem = m_csv.errorString();
        return Status::Failed;
    }
    ++m_recordNo;
    event.clear();
    event.recordNo = m_recordNo;
    issue.record = m_recordNo;
    issue.line = m_csv.lineNumber();
    if (!m_csv.rowProblem().isEmpty()) {
        issue.problem = m_csv.rowProblem(); // not UTF-8, or a NUL byte
        return Status::Skipped;
    }
    if (row.size() > m_header.size()) {
        issue.problem =
            QStringLiteral("the row has %1 cells but the header has %2").arg(row.size()).arg(m_header.size());
        return Status::Skipped;
    }
    event.raw = csvRowToJsonObject(m_header, row);
    event.rawFields = event.raw;

    using Kind = SplunkFieldMapper::Kind;
    const Kind kind = m_variant == Variant::Notable       ? Kind::Notable
                      : m_variant == Variant::EscuResults ? Kind::EscuResults
                                                          : Kind::Events;
    const SplunkFields fields{m_header, row, m_columns};
    if (!SplunkFieldMapper::map(fields, kind, m_context, event, issue))
        return Status::Skipped;
    if (kind == Kind::Events)
        SplunkFieldMapper::mapIndexedEvent(fields, m_context, event);
    return Status::Event;
}

} // namespace tb
