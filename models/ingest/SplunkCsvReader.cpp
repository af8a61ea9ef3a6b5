#include "SplunkCsvReader.h"

#include "JsonText.h"
#include "NormalizedEvent.h"
#include "SplunkFieldMapper.h"

namespace tb {

SplunkCsvReader::SplunkCsvReader(QIODevice *device, ReaderContext context, Variant variant)
    : m_csv(device, ',', context.fileName)
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
    // The header/record loop and its errors are CsvRecords'; this reader maps the cells.
    QStringList row;
    if (const Status status = m_csv.next(row, issue); status != Status::Event)
        return status;
    if (m_columns.isEmpty()) {
        for (qsizetype i = 0; i < m_csv.header().size(); ++i)
            m_columns.insert(m_csv.header()[i], i);
    }
    event.clear();
    event.recordNo = m_csv.recordNo();
    event.raw = m_csv.rawRow(row);
    event.rawFields = event.raw;

    using Kind = SplunkFieldMapper::Kind;
    const Kind kind = m_variant == Variant::Notable       ? Kind::Notable
                      : m_variant == Variant::EscuResults ? Kind::EscuResults
                                                          : Kind::Events;
    const SplunkFields fields{m_csv.header(), row, m_columns};
    if (!SplunkFieldMapper::map(fields, kind, m_context, event, issue))
        return Status::Skipped;
    if (kind == Kind::Events)
        SplunkFieldMapper::mapIndexedEvent(fields, m_context, event);
    return Status::Event;
}

} // namespace tb
