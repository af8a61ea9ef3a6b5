#pragma once

#include "CsvRecords.h"
#include "EventReader.h"

#include <QStringList>

#include <memory>

namespace tb {

struct FileHead;
class JsonFlattener;

// Kibana Discover "Generate CSV" of an alerts data view (FORMATS.md §4.2): optional BOM, every
// cell quoted, Kibana-formatted dates without an offset ("Mar 4, 2025 @ 10:46:21.733", read in
// the import's assumed zone), formula escaping ('-, '=, '+, '@), arrays and objects as JSON
// text, or one `_source` column holding the whole document. Rows map like Elastic alert
// documents (ElasticAlertReader::mapDocument).
class KibanaDiscoverCsvReader final : public EventReader {
public:
    KibanaDiscoverCsvReader(QIODevice *device, ReaderContext context);
    ~KibanaDiscoverCsvReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId();
    static bool matches(const FileHead &head);
    // Undoes Kibana's formula escaping: "'=1+2" → "=1+2", "'-5" → "-5"; anything else unchanged.
    static QString unescapeFormula(const QString &cell);

private:
    CsvRecords m_csv;
    ReaderContext m_context;
    QStringList m_header; // with Kibana's formula escaping undone
    std::unique_ptr<JsonFlattener> m_json;
};

} // namespace tb
