#include "KibanaDiscoverCsvReader.h"

#include "ElasticAlertReader.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "JsonText.h"
#include "NormalizedEvent.h"

#include <QIODevice>

#include <cstring>

namespace tb {

namespace {

// Drops a UTF-8 BOM (useByteOrderMarkEncoding: true): before the first quote it makes the header
// row malformed CSV.
class BomSkippingDevice final : public QIODevice {
public:
    explicit BomSkippingDevice(QIODevice *device)
        : m_device(device) {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override {
        if (!m_started) {
            m_started = true;
            char head[3];
            qint64 got = 0;
            while (got < 3) {
                const qint64 n = m_device->read(head + got, 3 - got);
                if (n <= 0)
                    break;
                got += n;
            }
            if (!(got == 3 && head[0] == '\xEF' && head[1] == '\xBB' && head[2] == '\xBF'))
                m_pending = QByteArray(head, qMax<qint64>(got, 0));
        }
        if (!m_pending.isEmpty()) {
            const qint64 n = qMin(maxSize, qint64(m_pending.size()));
            memcpy(data, m_pending.constData(), size_t(n));
            m_pending.remove(0, n);
            return n;
        }
        return m_device->read(data, maxSize);
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QIODevice *m_device;
    QByteArray m_pending;
    bool m_started = false;
};

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
    : m_input(std::make_unique<BomSkippingDevice>(device))
    , m_csv(m_input.get(), ',')
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
    issue.file = m_context.fileName;
    if (m_header.isEmpty()) {
        if (!m_csv.next(m_header)) {
            issue.problem =
                m_csv.errorString().isEmpty() ? QStringLiteral("the file is empty") : m_csv.errorString();
            return m_csv.errorString().isEmpty() ? Status::End : Status::Failed;
        }
        for (QString &column : m_header)
            column = unescapeFormula(column);
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
