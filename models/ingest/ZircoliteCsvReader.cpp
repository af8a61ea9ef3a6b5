#include "ZircoliteCsvReader.h"

#include "CsvRecords.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "NormalizedEvent.h"
#include "SigmaRule.h"
#include "WindowsEventBuilder.h"
#include "ZircoliteMatch.h"

namespace tb {

namespace {
constexpr qsizetype ruleColumns = 4; // rule_title, rule_description, rule_level, rule_count
}

struct ZircoliteCsvReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : csv(device, ';', ctx.fileName)
        , context(std::move(ctx)) {}

    CsvRecords csv;
    ReaderContext context;
    WindowsEventBuilder builder;
};

ZircoliteCsvReader::ZircoliteCsvReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

ZircoliteCsvReader::~ZircoliteCsvReader() = default;

bool ZircoliteCsvReader::matches(const FileHead &head) {
    return !head.isJson() && head.delimiter == ';' &&
           head.firstLine.startsWith(QLatin1String("rule_title;rule_description;rule_level;rule_count"));
}

EventReader::Status ZircoliteCsvReader::next(NormalizedEvent &event, ImportIssue &issue) {
    QStringList row;
    const Status status = d->csv.next(row, issue);
    if (status != Status::Event)
        return status;
    event.clear();
    event.recordNo = d->csv.recordNo();
    event.raw = d->csv.rawRow(row);
    event.rawFields = event.raw;

    const QStringList &header = d->csv.header();
    SigmaRule rule;
    rule.title = row.value(0);
    rule.level = row.value(2);
    FlatJson match;
    for (qsizetype i = ruleColumns; i < header.size(); ++i) {
        if (!row[i].isEmpty()) // Zircolite drops empty and null values; so does the row
            match.add(header[i], row[i]);
    }
    return ZircoliteMatch::toEvent(match, rule, d->builder, event, d->context.times, issue);
}

} // namespace tb
