#include "SplunkJsonReader.h"

#include "FormatRegistry.h"
#include "JsonRecordSplitter.h"
#include "SplunkFieldMapper.h"

#include <QRegularExpression>

#include <simdjson.h>

namespace tb {

namespace {

using Type = simdjson::dom::element_type;

QString text(std::string_view view) {
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

QString scalar(simdjson::dom::element element) {
    switch (element.type()) {
    case Type::STRING:
        return text(std::string_view(element));
    case Type::NULL_VALUE:
        return {};
    default:
        return text(simdjson::minify(element));
    }
}

// Multivalue fields (JSON arrays) are joined with "\n", as in Splunk's CSV export; nested objects
// (not written by Splunk, but by hand-made arrays) become dotted names.
void addField(simdjson::dom::element element, const QString &name, SplunkPendingResult &out) {
    if (element.type() == Type::OBJECT) {
        for (auto field : simdjson::dom::object(element))
            addField(field.value, name + QLatin1Char('.') + text(field.key), out);
        return;
    }
    QString value;
    if (element.type() == Type::ARRAY) {
        bool first = true;
        for (auto item : simdjson::dom::array(element)) {
            if (!first)
                value += QLatin1Char('\n');
            value += scalar(item);
            first = false;
        }
    } else {
        value = scalar(element);
    }
    out.names << name;
    out.values << value;
}

SplunkPendingResult pendingResult(simdjson::dom::object object, QString raw, qint64 recordNo, qint64 line) {
    SplunkPendingResult result;
    result.recordNo = recordNo;
    result.line = line;
    result.raw = std::move(raw);
    for (auto field : object)
        addField(field.value, text(field.key), result);
    return result;
}

} // namespace

struct SplunkJsonReader::Impl {
    Impl(QIODevice *device, ReaderContext context)
        : splitter(device)
        , fileName(context.fileName)
        , queue(std::move(context)) {}

    JsonRecordSplitter splitter;
    simdjson::dom::parser parser;
    QString fileName;
    SplunkResultQueue queue;
    qint64 results = 0; // results seen so far, previews included
    bool finished = false;
};

SplunkJsonReader::SplunkJsonReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

SplunkJsonReader::~SplunkJsonReader() = default;

QString SplunkJsonReader::formatId(Variant variant) {
    return variant == Variant::Export ? QStringLiteral("splunk.export.json") : QStringLiteral("splunk.json");
}

bool SplunkJsonReader::matches(const FileHead &head, Variant variant) {
    if (variant == Variant::Array) {
        const FlatJson &first = head.firstJson;
        return head.jsonTopLevelArray &&
               (first.contains(QStringLiteral("_time")) || first.contains(QStringLiteral("_raw")) ||
                first.contains(QStringLiteral("rule_name")));
    }
    if (head.isJson() && !head.jsonTopLevelArray && head.firstJson.contains(QStringLiteral("preview"))) {
        for (const auto &[key, value] : head.firstJson.items()) {
            if (key.startsWith(QLatin1String("result.")) || key == QLatin1String("result") ||
                key == QLatin1String("results") || key == QLatin1String("messages") ||
                key == QLatin1String("lastrow"))
                return true;
        }
    }
    // A {"preview":…,"results":[…]} object larger than the 64 KiB head is not parsed there.
    static const QRegularExpression start(QStringLiteral("^\\{\\s*\"preview\"\\s*:\\s*(true|false)\\s*,"));
    return start.match(head.firstNonBlank).hasMatch();
}

EventReader::Status SplunkJsonReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->fileName;
    while (d->queue.isEmpty() && !d->finished) {
        QByteArray unit;
        if (!d->splitter.next(unit)) {
            if (!d->splitter.errorString().isEmpty()) {
                issue.record = d->results;
                issue.problem = d->splitter.errorString();
                return Status::Failed;
            }
            d->finished = true;
            d->queue.finish();
            break;
        }
        const qint64 line = d->splitter.unitLine();
        simdjson::dom::element root;
        if (const auto code = d->parser.parse(unit.constData(), size_t(unit.size()), true).get(root);
            code != simdjson::SUCCESS || root.type() != Type::OBJECT) {
            issue.record = d->results++;
            issue.line = line;
            issue.problem = code != simdjson::SUCCESS
                                ? QStringLiteral("not valid JSON: %1")
                                      .arg(QString::fromUtf8(simdjson::error_message(code)))
                                : QStringLiteral("not a JSON object");
            return Status::Skipped;
        }
        const simdjson::dom::object object(root);
        simdjson::dom::element preview, result, results;
        if (object["preview"].get(preview) != simdjson::SUCCESS) {
            // A plain result object (array items, or NDJSON written by hand).
            d->queue.offer(pendingResult(object, QString::fromUtf8(unit), d->results++, line), false);
            continue;
        }
        bool isPreview = false;
        if (preview.get_bool().get(isPreview) != simdjson::SUCCESS)
            isPreview = false;
        if (object["result"].get(result) == simdjson::SUCCESS && result.type() == Type::OBJECT) {
            d->queue.offer(
                pendingResult(simdjson::dom::object(result), QString::fromUtf8(unit), d->results++, line),
                isPreview);
        } else if (object["results"].get(results) == simdjson::SUCCESS && results.type() == Type::ARRAY) {
            for (auto item : simdjson::dom::array(results)) {
                if (item.type() != Type::OBJECT)
                    continue;
                d->queue.offer(pendingResult(simdjson::dom::object(item), text(simdjson::minify(item)),
                                             d->results++, line),
                               isPreview);
            }
        }
        // Anything else (messages, the closing {"preview":false,"lastrow":true}) carries no result.
        if (d->queue.holdsTooMuch()) {
            issue.record = d->results;
            issue.problem =
                QStringLiteral("more than %1 MiB of preview results and no final ones: export the "
                               "finished search")
                    .arg(SplunkResultQueue::maxHeldBytes / (1024 * 1024));
            return Status::Failed;
        }
    }
    if (d->queue.isEmpty())
        return Status::End;
    return d->queue.take(event, issue);
}

} // namespace tb
