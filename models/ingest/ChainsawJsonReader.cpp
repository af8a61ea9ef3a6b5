#include "ChainsawJsonReader.h"

#include "FieldNormalizer.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "JsonRecordSplitter.h"
#include "NormalizedEvent.h"
#include "PendingEvents.h"
#include "SigmaRule.h"
#include "WindowsEventBuilder.h"

#include <QBuffer>

namespace tb {

namespace {

using Pending = PendingEvents::Item;

} // namespace

struct ChainsawJsonReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : splitter(device)
        , context(std::move(ctx)) {}

    // One event per matched document of the detection `unit`.
    void queueDetection(const QByteArray &unit);
    Pending documentEvent(const QByteArray &unit, const FlatJson &detection, const FlatJson &document,
                          const SigmaRule &rule);

    JsonRecordSplitter splitter;
    ReaderContext context;
    JsonFlattener flattener;
    WindowsEventBuilder builder;
    PendingEvents pending;
    qint64 recordNo = -1;
};

Pending ChainsawJsonReader::Impl::documentEvent(const QByteArray &unit, const FlatJson &detection,
                                                const FlatJson &document, const SigmaRule &rule) {
    Pending out;
    NormalizedEvent &event = out.event;
    event.recordNo = ++recordNo;
    out.issue.file = context.fileName;
    out.issue.record = recordNo;
    out.issue.line = splitter.unitLine();
    event.raw = QString::fromUtf8(unit);
    FlatJson fields = detection;
    if (&document != &detection) {
        for (const auto &[key, value] : document.items())
            fields.add(key, value);
    }
    event.rawFields = fields.toJsonObject();

    // The detection's timestamp is the event's (RFC 3339, UTC unless --local / --timezone).
    if (const QString problem =
            normalize::assign(event, EventField::TimeUtc, detection.value("timestamp"), context.times);
        !problem.isEmpty()) {
        out.issue.field = QStringLiteral("timestamp");
        out.issue.problem = problem;
        out.status = Status::Skipped;
        return out;
    }
    rule.apply(event, QStringLiteral("chainsaw"));
    const QString path = document.value("document.path");
    const QString recordId = document.value("document.data.Event.System.EventRecordID");
    event.identity = path + QLatin1Char('|') + recordId + QLatin1Char('|') + rule.title;

    if (document.value("document.kind") != QLatin1String("evtx") &&
        !document.contains(QStringLiteral("document.data.Event.System.EventID"))) {
        normalize::finish(event); // a JSON/XML/MFT document: its fields stay in raw_fields
        return out;
    }
    builder.clear();
    builder.addEvtxJson(document, QStringLiteral("document.data."));
    builder.setChannelFromLogFile(path);
    // raw_fields stay the detection as Chainsaw wrote it (WindowsEventXml fills only empty ones).
    out.status = builder.map(event, context.times, out.issue);
    return out;
}

void ChainsawJsonReader::Impl::queueDetection(const QByteArray &unit) {
    FlatJson detection;
    QString error;
    if (!flattener.flatten(unit, detection, &error)) {
        Pending bad;
        bad.issue.file = context.fileName;
        bad.issue.record = ++recordNo;
        bad.issue.line = splitter.unitLine();
        bad.issue.problem = QStringLiteral("not a valid JSON detection: %1").arg(error);
        bad.status = Status::Skipped;
        pending.push(std::move(bad));
        return;
    }
    SigmaRule rule;
    rule.title = detection.value("name");
    rule.id = detection.value("id");
    rule.level = detection.value("level");
    rule.tags = JsonFlattener::stringList(detection.value("tags"));

    if (detection.value("kind") != QLatin1String("aggregate")) {
        pending.push(documentEvent(unit, detection, detection, rule));
        return;
    }
    // An aggregate hit (a count over several documents): one event per document.
    QByteArray documents = detection.value("documents").toUtf8();
    QBuffer buffer(&documents);
    buffer.open(QIODevice::ReadOnly);
    JsonRecordSplitter items(&buffer);
    QByteArray item;
    FlatJson document;
    while (items.next(item)) {
        if (flattener.flatten(item, document, nullptr, QStringLiteral("document")))
            pending.push(documentEvent(unit, detection, document, rule));
    }
}

ChainsawJsonReader::ChainsawJsonReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

ChainsawJsonReader::~ChainsawJsonReader() = default;

QString ChainsawJsonReader::formatId(Framing framing) {
    return framing == Framing::Array ? QStringLiteral("chainsaw.json") : QStringLiteral("chainsaw.jsonl");
}

bool ChainsawJsonReader::matches(const FileHead &head, Framing framing) {
    const QString &first = head.firstNonBlank;
    bool chainsaw = false;
    if (head.isJson()) {
        const FlatJson &j = head.firstJson;
        bool hasDocument = j.contains(QStringLiteral("documents"));
        for (const auto &item : j.items())
            hasDocument = hasDocument || item.first.startsWith(QLatin1String("document."));
        chainsaw = hasDocument && j.contains(QStringLiteral("group")) && j.contains(QStringLiteral("kind")) &&
                   j.contains(QStringLiteral("name")) && j.contains(QStringLiteral("source"));
    } else {
        // A first detection too big for the head: Chainsaw writes `group` first.
        chainsaw =
            first.startsWith(QLatin1String("[{\"group\":")) || first.startsWith(QLatin1String("{\"group\":"));
    }
    if (!chainsaw)
        return false;
    const bool array = head.jsonTopLevelArray || first.startsWith(QLatin1Char('['));
    return array == (framing == Framing::Array);
}

EventReader::Status ChainsawJsonReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->context.fileName;
    while (d->pending.isEmpty()) {
        QByteArray unit;
        if (!d->splitter.next(unit)) {
            if (d->splitter.errorString().isEmpty())
                return Status::End;
            issue.record = d->recordNo + 1;
            issue.problem = d->splitter.errorString();
            return Status::Failed;
        }
        d->queueDetection(unit);
    }
    return d->pending.take(event, issue);
}

} // namespace tb
