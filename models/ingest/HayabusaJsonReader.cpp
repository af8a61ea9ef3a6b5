#include "HayabusaJsonReader.h"

#include "FormatRegistry.h"
#include "HayabusaDetails.h"
#include "JsonFlattener.h"
#include "JsonRecordSplitter.h"
#include "NormalizedEvent.h"

#include <simdjson.h>

namespace tb {

namespace {

QString text(std::string_view view) {
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

// Strings unescaped, null empty, numbers and booleans in their JSON spelling (as JsonFlattener).
QString scalar(simdjson::dom::element element) {
    using T = simdjson::dom::element_type;
    switch (element.type()) {
    case T::STRING:
        return text(std::string_view(element));
    case T::NULL_VALUE:
        return {};
    default:
        return text(simdjson::minify(element));
    }
}

// Objects become dotted keys, arrays stay compact JSON text (the FlatJson convention).
void flatten(simdjson::dom::element element, const QString &key, FlatJson &out) {
    if (element.type() == simdjson::dom::element_type::OBJECT) {
        for (auto field : simdjson::dom::object(element))
            flatten(field.value, key + QLatin1Char('.') + text(field.key), out);
        return;
    }
    out.add(key, scalar(element));
}

HayabusaDetails detailsOf(simdjson::dom::element element) {
    using T = simdjson::dom::element_type;
    if (element.type() != T::OBJECT)
        return HayabusaDetails::parse(scalar(element)); // "-" or an old string-valued Details
    HayabusaDetails details;
    for (auto field : simdjson::dom::object(element)) {
        const QString key = text(field.key);
        if (field.value.type() == T::ARRAY) {
            for (auto item : simdjson::dom::array(field.value))
                details.add(key, scalar(item)); // a key the event repeats
        } else {
            details.add(key, scalar(field.value));
        }
    }
    return details;
}

bool hasKeys(const FileHead &head, std::initializer_list<const char *> keys) {
    for (const char *key : keys) {
        if (!head.firstJson.contains(QLatin1String(key)))
            return false;
    }
    return true;
}

} // namespace

struct HayabusaJsonReader::Impl {
    explicit Impl(QIODevice *device, ReaderContext ctx)
        : splitter(device)
        , context(std::move(ctx))
        , times(context.times) {}

    JsonRecordSplitter splitter;
    simdjson::dom::parser parser;
    ReaderContext context;
    HayabusaTimeParser times;
    qint64 recordNo = -1;
    QHash<QString, QString> previous[3]; // last value per key of Details, ExtraFieldInfo, AllFieldInfo
};

HayabusaJsonReader::HayabusaJsonReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

HayabusaJsonReader::~HayabusaJsonReader() = default;

QString HayabusaJsonReader::formatId(Framing framing) {
    return framing == Framing::Lines ? QStringLiteral("hayabusa.jsonl") : QStringLiteral("hayabusa.json");
}

bool HayabusaJsonReader::matches(const FileHead &head, Framing framing) {
    const QString &first = head.firstNonBlank;
    const bool hayabusa =
        (head.isJson() && hasKeys(head, {"Channel", "EventID"}) &&
         (hasKeys(head, {"Timestamp", "RuleTitle"}) || hasKeys(head, {"datetime", "timestamp_desc"}))) ||
        first.startsWith(QLatin1String("{ \"Timestamp\":")) ||
        first.startsWith(QLatin1String("{\"Timestamp\":"));
    if (!hayabusa)
        return false;
    // -t json writes "{" alone on the first line (or "[" in old versions); jsonl a whole object.
    const bool pretty = first == QLatin1String("{") || first.startsWith(QLatin1Char('['));
    return pretty == (framing == Framing::Pretty);
}

EventReader::Status HayabusaJsonReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->context.fileName;
    QByteArray unit;
    if (!d->splitter.next(unit)) {
        if (d->splitter.errorString().isEmpty())
            return Status::End;
        issue.record = d->recordNo + 1;
        issue.problem = d->splitter.errorString();
        return Status::Failed;
    }
    ++d->recordNo;
    event.clear();
    event.recordNo = d->recordNo;
    issue.record = d->recordNo;
    issue.line = d->splitter.unitLine();
    event.raw = QString::fromUtf8(unit);

    simdjson::dom::element root;
    if (const auto code = d->parser.parse(unit.constData(), size_t(unit.size()), true).get(root);
        code != simdjson::SUCCESS) {
        issue.problem =
            QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(code)));
        return Status::Skipped;
    }
    if (root.type() != simdjson::dom::element_type::OBJECT) {
        issue.problem = QStringLiteral("not a JSON object");
        return Status::Skipped;
    }

    HayabusaRecord record;
    FlatJson fields;
    HayabusaDetails details, extra, allFields;
    for (auto field : simdjson::dom::object(root)) {
        const QString key = text(field.key);
        HayabusaDetails *target = key == QLatin1String("Details")          ? &details
                                  : key == QLatin1String("ExtraFieldInfo") ? &extra
                                  : key == QLatin1String("AllFieldInfo")   ? &allFields
                                                                           : nullptr;
        if (target) {
            *target = detailsOf(field.value);
            target->resolveDuplicates(d->previous[target == &details ? 0 : target == &extra ? 1 : 2]);
            target->addTo(fields, key);
            continue;
        }
        if (key == QLatin1String("MitreTags")) {
            if (field.value.type() == simdjson::dom::element_type::ARRAY) {
                for (auto item : simdjson::dom::array(field.value))
                    record.mitreTags << scalar(item);
            } else {
                record.mitreTags = scalar(field.value).split(QStringLiteral(" \u00A6 "), Qt::SkipEmptyParts);
            }
        }
        flatten(field.value, key, fields);
    }
    event.rawFields = fields.toJsonObject();

    record.timestamp = fields.first({"Timestamp", "datetime"});
    record.ruleTitle = fields.first({"RuleTitle", "message"});
    record.level = fields.value("Level");
    record.computer = fields.value("Computer");
    record.channel = fields.value("Channel");
    record.eventId = fields.value("EventID");
    record.recordId = fields.value("RecordID");
    record.ruleId = fields.value("RuleID");
    record.details = details; // Details first: its abbreviations are the rule's chosen fields
    record.details.append(extra);
    record.details.append(allFields);
    return record.toEvent(event, d->times, issue) ? Status::Event : Status::Skipped;
}

} // namespace tb
