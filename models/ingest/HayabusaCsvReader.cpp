#include "HayabusaCsvReader.h"

#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "JsonText.h"
#include "NormalizedEvent.h"

namespace tb {

HayabusaCsvReader::HayabusaCsvReader(QIODevice *device, ReaderContext context)
    : m_csv(device, ',', context.fileName)
    , m_context(std::move(context))
    , m_times(m_context.times) {}

bool HayabusaCsvReader::matches(const FileHead &head) {
    if (head.isJson() || head.delimiter != ',')
        return false;
    const QStringList &h = head.csvHeader;
    const auto has = [&h](const char *column) { return h.contains(QLatin1String(column)); };
    const bool common = has("Computer") && has("Channel") && has("EventID");
    // The timesketch-* profiles rename Timestamp/RuleTitle to datetime/message.
    return common && ((has("Timestamp") && has("RuleTitle")) ||
                      (has("datetime") && has("timestamp_desc") && has("message")));
}

QString HayabusaCsvReader::cell(const QStringList &row, const char *column) const {
    const auto it = m_columns.constFind(QLatin1String(column));
    if (it == m_columns.cend() || *it >= row.size())
        return {};
    return row[*it];
}

EventReader::Status HayabusaCsvReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
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

    HayabusaRecord record;
    record.timestamp = cell(row, m_columns.contains(QStringLiteral("Timestamp")) ? "Timestamp" : "datetime");
    record.ruleTitle = cell(row, m_columns.contains(QStringLiteral("RuleTitle")) ? "RuleTitle" : "message");
    record.level = cell(row, "Level");
    record.computer = cell(row, "Computer");
    record.channel = cell(row, "Channel");
    record.eventId = cell(row, "EventID");
    record.recordId = cell(row, "RecordID");
    record.ruleId = cell(row, "RuleID");
    for (const QString &tag : cell(row, "MitreTags").split(QStringLiteral(" \u00A6 "), Qt::SkipEmptyParts)) {
        if (tag != QLatin1String("-"))
            record.mitreTags << tag;
    }

    // raw_fields: the plain columns, then the parsed pairs as Details.Key, ExtraFieldInfo.Key, ….
    FlatJson fields;
    static const char *const detailColumns[] = {"Details", "ExtraFieldInfo", "AllFieldInfo"};
    for (qsizetype i = 0; i < row.size(); ++i) {
        const QString &name = m_csv.header()[i];
        if (name != QLatin1String("Details") && name != QLatin1String("ExtraFieldInfo") &&
            name != QLatin1String("AllFieldInfo"))
            fields.add(name, row[i]);
    }
    for (int i = 0; i < 3; ++i) {
        const char *column = detailColumns[i];
        HayabusaDetails parsed = HayabusaDetails::parse(cell(row, column));
        parsed.resolveDuplicates(m_previous[i]);
        parsed.addTo(fields, QLatin1String(column));
        record.details.append(parsed);
    }
    event.rawFields = fields.toJsonObject();

    return record.toEvent(event, m_times, issue) ? Status::Event : Status::Skipped;
}

} // namespace tb
