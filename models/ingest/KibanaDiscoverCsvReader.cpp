#include "KibanaDiscoverCsvReader.h"

#include "ElasticAlertReader.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "JsonText.h"
#include "NormalizedEvent.h"

namespace tb {

namespace {

// Objects are JSON.stringify-ed into their cell; arrays stay JSON text (the FlatJson convention).
void addCell(const QString &column, const QString &cell, FlatJson &doc, JsonFlattener &json) {
    const bool wholeDocument = column == QLatin1String("_source");
    if (cell.startsWith(QLatin1Char('{'))) {
        FlatJson object;
        if (json.flatten(cell.toUtf8(), object, nullptr, wholeDocument ? QString() : column)) {
            for (const auto &[key, value] : object.items()) {
                if (!doc.contains(key)) // a selected column wins over the same field inside _source
                    doc.add(key, value);
            }
            return;
        }
    }
    if (!doc.contains(column))
        doc.add(column, cell);
}

} // namespace

KibanaDiscoverCsvReader::KibanaDiscoverCsvReader(QIODevice *device, ReaderContext context)
    : m_csv(device, ',', context.fileName) // CsvRowReader drops Kibana's optional BOM
    , m_context(std::move(context))
    , m_json(std::make_unique<JsonFlattener>()) {}

KibanaDiscoverCsvReader::~KibanaDiscoverCsvReader() = default;

QString KibanaDiscoverCsvReader::formatId() {
    return QStringLiteral("elastic.discover.csv");
}

QString KibanaDiscoverCsvReader::unescapeFormula(const QString &cell) {
    if (cell.size() >= 2 && cell[0] == QLatin1Char('\'')) {
        const QChar c = cell[1];
        if (c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@'))
            return cell.mid(1);
    }
    return cell;
}

bool KibanaDiscoverCsvReader::matches(const FileHead &head) {
    if (head.isJson() || head.delimiter != ',')
        return false;
    bool timestamp = false, alertColumn = false, source = false;
    for (const QString &raw : head.csvHeader) {
        const QString column = unescapeFormula(raw); // the header row is escaped too
        timestamp = timestamp || column == QLatin1String("@timestamp");
        alertColumn = alertColumn || column.startsWith(QLatin1String("kibana.alert."));
        source = source || column == QLatin1String("_source");
    }
    // Older Kibana exports a single _source column when no column was selected.
    return (timestamp && alertColumn) || (source && head.bytes.contains("kibana.alert."));
}

EventReader::Status KibanaDiscoverCsvReader::next(NormalizedEvent &event, ImportIssue &issue) {
    QStringList row;
    if (const Status status = m_csv.next(row, issue); status != Status::Event)
        return status;
    if (m_header.isEmpty()) {
        for (const QString &column : m_csv.header())
            m_header << unescapeFormula(column);
    }
    event.clear();
    event.recordNo = m_csv.recordNo();
    event.raw = m_csv.rawRow(row);

    FlatJson doc;
    for (qsizetype i = 0; i < row.size(); ++i) {
        const QString cell = unescapeFormula(row[i]);
        if (!cell.isEmpty())
            addCell(m_header[i], cell, doc, *m_json);
    }
    event.rawFields = doc.toJsonObject();
    return ElasticAlertReader::mapDocument(doc, event, m_context.times, issue) ? Status::Event
                                                                               : Status::Skipped;
}

} // namespace tb
