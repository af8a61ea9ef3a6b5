#pragma once

#include "CsvRecords.h"
#include "EventReader.h"

#include <QHash>
#include <QStringList>

namespace tb {

// Splunk search results exported as CSV (FORMATS.md §3.1, §3.4): ES notables, ESCU detection
// results (CIM Endpoint field names, offset-less firstTime), and plain event searches.
class SplunkCsvReader final : public EventReader {
public:
    enum class Variant { Notable, EscuResults, Events };

    SplunkCsvReader(QIODevice *device, ReaderContext context, Variant variant);
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId(Variant variant);

private:
    CsvRecords m_csv;
    ReaderContext m_context;
    Variant m_variant;
    QHash<QString, qsizetype> m_columns;
};

} // namespace tb
