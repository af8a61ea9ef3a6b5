#include "ZircoliteJsonReader.h"

#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "JsonRecordSplitter.h"
#include "NormalizedEvent.h"
#include "SigmaRule.h"
#include "WindowsEventBuilder.h"
#include "ZircoliteMatch.h"

#include <QBuffer>

#include <simdjson.h>

namespace tb {

struct ZircoliteJsonReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : rules(device)
        , context(std::move(ctx)) {}

    // Takes the next rule result and points the match splitter at its `matches`; false and
    // `issue.problem` when the rule result cannot be read.
    bool startRule(const QByteArray &unit, qint64 unitLine, ImportIssue &issue);

    JsonRecordSplitter rules;
    ReaderContext context;
    JsonFlattener flattener;
    WindowsEventBuilder builder;
    simdjson::ondemand::parser ondemand;

    // The rule result being read.
    SigmaRule rule;
    FlatJson ruleFields;
    QByteArray matchesText;
    QBuffer matchesBuffer;
    std::unique_ptr<JsonRecordSplitter> matches;
    qint64 matchesLine = 0; // line of the `matches` array in the file
    qint64 recordNo = -1;   // over all matches of the file
};

bool ZircoliteJsonReader::Impl::startRule(const QByteArray &unit, qint64 unitLine, ImportIssue &issue) {
    matches.reset();
    FlatJson fields;
    QString error;
    if (!flattener.flatten(unit, fields, &error)) {
        issue.problem = QStringLiteral("the rule result is not valid JSON: %1").arg(error);
        return false;
    }
    rule = SigmaRule();
    rule.title = fields.value("title");
    rule.id = fields.value("id");
    rule.level = fields.value("rule_level");
    rule.tags = JsonFlattener::stringList(fields.value("tags"));
    ruleFields.clear();
    for (const char *key : {"title", "id", "description", "sigmafile", "rule_level", "tags", "count"}) {
        if (fields.contains(QLatin1String(key)))
            ruleFields.add(QLatin1String(key), fields.value(key));
    }

    // The matches as the file writes them (pretty-printed), for events.raw.
    const simdjson::padded_string padded(unit.constData(), size_t(unit.size()));
    simdjson::ondemand::document doc;
    simdjson::ondemand::array array;
    std::string_view raw;
    if (ondemand.iterate(padded).get(doc) != simdjson::SUCCESS ||
        doc.find_field_unordered("matches").get_array().get(array) != simdjson::SUCCESS ||
        array.raw_json().get(raw) != simdjson::SUCCESS) {
        issue.problem = QStringLiteral("the rule result \"%1\" has no matches array").arg(rule.title);
        return false;
    }
    const qsizetype offset = raw.data() - padded.data();
    matchesLine = unitLine + unit.left(offset).count('\n');
    matchesBuffer.close();
    matchesText = QByteArray(raw.data(), qsizetype(raw.size()));
    matchesBuffer.setBuffer(&matchesText);
    matchesBuffer.open(QIODevice::ReadOnly);
    matches = std::make_unique<JsonRecordSplitter>(&matchesBuffer);
    return true;
}

ZircoliteJsonReader::ZircoliteJsonReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

ZircoliteJsonReader::~ZircoliteJsonReader() = default;

bool ZircoliteJsonReader::matches(const FileHead &head) {
    const FlatJson &j = head.firstJson;
    if (head.isJson() && head.jsonTopLevelArray)
        return j.contains(QStringLiteral("title")) && j.contains(QStringLiteral("sigmafile")) &&
               j.contains(QStringLiteral("rule_level")) && j.contains(QStringLiteral("matches"));
    // A first rule result too big for the head.
    return head.firstNonBlank.startsWith(QLatin1Char('[')) && head.bytes.contains("\"sigmafile\"") &&
           head.bytes.contains("\"rule_level\"") && head.bytes.contains("\"matches\"");
}

EventReader::Status ZircoliteJsonReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->context.fileName;
    for (;;) {
        QByteArray unit;
        if (d->matches && d->matches->next(unit)) {
            event.clear();
            event.recordNo = ++d->recordNo;
            issue.record = event.recordNo;
            issue.line = d->matchesLine + d->matches->unitLine() - 1;
            FlatJson match;
            QString error;
            if (!d->flattener.flatten(unit, match, &error)) {
                issue.problem = QStringLiteral("the match is not a JSON object: %1").arg(error);
                return Status::Skipped;
            }
            event.raw = QString::fromUtf8(unit);
            FlatJson fields = d->ruleFields;
            for (const auto &[key, value] : match.items())
                fields.add(key, value);
            event.rawFields = fields.toJsonObject();
            return ZircoliteMatch::toEvent(match, d->rule, d->builder, event, d->context.times, issue);
        }
        if (d->matches && !d->matches->errorString().isEmpty()) {
            issue.record = d->recordNo + 1;
            issue.line = d->matchesLine;
            issue.problem =
                QStringLiteral("the matches of \"%1\": %2").arg(d->rule.title, d->matches->errorString());
            d->matches.reset();
            return Status::Skipped;
        }
        if (!d->rules.next(unit)) {
            if (d->rules.errorString().isEmpty())
                return Status::End;
            issue.record = d->recordNo + 1;
            issue.problem = d->rules.errorString();
            return Status::Failed;
        }
        if (!d->startRule(unit, d->rules.unitLine(), issue)) {
            issue.record = d->recordNo + 1;
            issue.line = d->rules.unitLine();
            return Status::Skipped;
        }
    }
}

} // namespace tb
