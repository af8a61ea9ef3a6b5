#include "DefenderHuntingCsvReader.h"

#include "CsvRecords.h"
#include "DefenderHuntingRow.h"
#include "FormatRegistry.h"
#include "NormalizedEvent.h"

namespace tb {

struct DefenderHuntingCsvReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : csv(device, ',', ctx.fileName)
        , context(std::move(ctx)) {}

    CsvRecords csv;
    ReaderContext context;
    DefenderHuntingRow mapper;
};

DefenderHuntingCsvReader::DefenderHuntingCsvReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

DefenderHuntingCsvReader::~DefenderHuntingCsvReader() = default;

bool DefenderHuntingCsvReader::matches(const FileHead &head) {
    if (head.isJson())
        return false;
    for (const char *column : {"Timestamp", "DeviceId", "DeviceName", "ActionType"}) {
        if (!head.csvHeader.contains(QLatin1String(column)))
            return false;
    }
    return true;
}

EventReader::Status DefenderHuntingCsvReader::next(NormalizedEvent &event, ImportIssue &issue) {
    QStringList row;
    const Status status = d->csv.next(row, issue);
    if (status != Status::Event)
        return status;
    event.clear();
    event.recordNo = d->csv.recordNo();
    event.raw = d->csv.rawRow(row);
    FlatJson fields;
    const QStringList &header = d->csv.header();
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (!row[i].isEmpty())
            fields.add(header[i], row[i]);
    }
    FlatJson rawFields = fields;
    if (!d->mapper.apply(fields, event, d->context, issue, &rawFields))
        return Status::Skipped;
    // The row is the raw record; only the decoded AdditionalFields are worth a raw_fields copy.
    event.rawFields =
        rawFields.items().size() == fields.items().size() ? event.raw : rawFields.toJsonObject();
    return Status::Event;
}

} // namespace tb
