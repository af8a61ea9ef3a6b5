#include "MdeAlertsReader.h"

#include "FieldNormalizer.h"
#include "FilePath.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "JsonMemberArraySplitter.h"
#include "JsonText.h"
#include "NormalizedEvent.h"

#include <QRegularExpression>

#include <simdjson.h>

namespace tb {

namespace {

QString text(std::string_view view) {
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

QString member(simdjson::dom::element object, const char *name) {
    simdjson::dom::element value;
    if (object[name].get(value) != simdjson::SUCCESS ||
        value.type() == simdjson::dom::element_type::NULL_VALUE)
        return {};
    return value.type() == simdjson::dom::element_type::STRING ? text(std::string_view(value))
                                                               : text(simdjson::minify(value));
}

void mapEvidence(const QString &json, NormalizedEvent &event, simdjson::dom::parser &parser) {
    const QByteArray bytes = json.toUtf8();
    simdjson::dom::element root;
    if (parser.parse(bytes.constData(), size_t(bytes.size()), true).get(root) != simdjson::SUCCESS ||
        root.type() != simdjson::dom::element_type::ARRAY)
        return;
    for (simdjson::dom::element item : simdjson::dom::array(root)) {
        if (item.type() != simdjson::dom::element_type::OBJECT)
            continue;
        const QString type = member(item, "entityType");
        if (type == QLatin1String("Process") && event.value(EventField::CommandLine).isEmpty()) {
            normalize::setProcessImage(event,
                                       joinFilePath(member(item, "filePath"), member(item, "fileName")));
            event.set(EventField::ProcessPid, normalize::pid(member(item, "processId")));
            event.set(EventField::CommandLine, member(item, "processCommandLine"));
            normalize::setParentImage(event, joinFilePath(member(item, "parentProcessFilePath"),
                                                          member(item, "parentProcessFileName")));
            event.set(EventField::ParentPid, normalize::pid(member(item, "parentProcessId")));
            QStringList hashes;
            for (const char *algorithm : {"sha1", "sha256"}) {
                if (const QString h = member(item, algorithm); !h.isEmpty())
                    hashes << QLatin1String(algorithm).toString().toUpper() + QLatin1Char('=') + h;
            }
            event.set(EventField::Hashes, hashes.join(QLatin1Char(',')));
        } else if (type == QLatin1String("User")) {
            const QString domain = member(item, "domainName");
            const QString name = member(item, "accountName");
            normalize::setUser(event, domain.isEmpty() ? name : domain + QLatin1Char('\\') + name);
            event.setIfEmpty(EventField::UserSid, member(item, "userSid"));
        } else if (type == QLatin1String("File")) {
            event.setIfEmpty(EventField::TargetPath,
                             joinFilePath(member(item, "filePath"), member(item, "fileName")));
        } else if (type == QLatin1String("Registry")) {
            const QString hive = member(item, "registryHive");
            const QString key = member(item, "registryKey");
            event.setIfEmpty(EventField::TargetPath, hive.isEmpty() ? key : hive + QLatin1Char('\\') + key);
        }
    }
}

QString jsonArray(const QStringList &items) {
    if (items.isEmpty())
        return {};
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        appendJsonString(out, items[i]);
    }
    return out + QLatin1Char(']');
}

bool setTime(const FlatJson &alert, const char *key, EventField field, NormalizedEvent &event,
             const TimeNormalizer &times, ImportIssue &issue) {
    if (const QString problem = normalize::assign(event, field, alert.value(key), times);
        !problem.isEmpty()) {
        issue.field = QLatin1String(key);
        issue.problem = problem;
        return false;
    }
    return true;
}

} // namespace

struct MdeAlertsReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : alerts(device, {QStringLiteral("value")})
        , context(std::move(ctx)) {}

    JsonMemberArraySplitter alerts;
    ReaderContext context;
    JsonFlattener flattener;
    simdjson::dom::parser evidenceParser;
};

MdeAlertsReader::MdeAlertsReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

MdeAlertsReader::~MdeAlertsReader() = default;

bool MdeAlertsReader::matches(const FileHead &head) {
    const FlatJson &j = head.firstJson;
    if (j.value("@odata.context").contains(QLatin1String("#Alerts")))
        return true;
    if (j.contains(QStringLiteral("alertCreationTime")) && j.contains(QStringLiteral("detectorId")))
        return true; // a single alert
    if (!head.firstNonBlank.startsWith(QLatin1Char('{')))
        return false;
    // A list larger than the head: @odata.context comes first.
    static const QRegularExpression context(
        QStringLiteral("^\\s*\\{\\s*\"@odata\\.context\"\\s*:\\s*\"[^\"]*#Alerts"));
    return context.match(QString::fromUtf8(head.bytes.left(4096))).hasMatch();
}

EventReader::Status MdeAlertsReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->context.fileName;
    QByteArray unit;
    if (!d->alerts.next(unit)) {
        if (d->alerts.errorString().isEmpty())
            return Status::End;
        issue.record = d->alerts.unitIndex() + 1;
        issue.problem = d->alerts.errorString();
        return Status::Failed;
    }
    event.clear();
    event.recordNo = d->alerts.unitIndex();
    issue.record = event.recordNo;
    issue.line = d->alerts.unitLine();
    FlatJson alert;
    QString error;
    if (!d->flattener.flatten(unit, alert, &error)) {
        issue.problem = QStringLiteral("the alert is not valid JSON: %1").arg(error);
        return Status::Skipped;
    }
    if (alert.value("id").isEmpty() || !alert.contains(QStringLiteral("alertCreationTime"))) {
        issue.problem = QStringLiteral("not a Defender alert (no id or alertCreationTime)");
        return Status::Skipped;
    }
    event.raw = QString::fromUtf8(unit);
    event.rawFields = alert.toJsonObject();

    if (!setTime(alert, "firstEventTime", EventField::TimeUtc, event, d->context.times, issue) ||
        !setTime(alert, "alertCreationTime", EventField::AlertTimeUtc, event, d->context.times, issue))
        return Status::Skipped;
    if (event.value(EventField::TimeUtc).isEmpty())
        setTime(alert, "alertCreationTime", EventField::TimeUtc, event, d->context.times, issue);

    event.identity = alert.value("id");
    event.set(EventField::RuleName, alert.value("title"));
    event.set(EventField::RuleId, alert.value("detectorId"));
    event.set(EventField::RuleRefId, alert.value("detectorId"));
    event.set(EventField::RuleSource, QStringLiteral("defender"));
    event.set(EventField::SeverityRaw, alert.value("severity"));
    event.set(EventField::Severity, normalize::severity(alert.value("severity"))); // UnSpecified: none
    event.set(EventField::StatusRaw, alert.value("status"));
    event.set(EventField::Status, normalize::status(alert.value("status")));
    // The prior analyst verdict, as Defender states it.
    QStringList verdict;
    for (const char *key : {"classification", "determination"}) {
        if (const QString v = alert.value(key); !v.isEmpty())
            verdict << v;
    }
    event.set(EventField::DispositionRaw, verdict.join(QStringLiteral(" / ")));
    event.set(EventField::Owner, alert.value("assignedTo"));
    event.set(EventField::Mitre, jsonArray(JsonFlattener::stringList(alert.value("mitreTechniques"))));
    event.set(EventField::EventSource, alert.value("detectionSource"));
    event.set(EventField::EventCode, alert.value("category"));
    normalize::setHost(event, alert.value("computerDnsName"));
    const QString domain = alert.value("relatedUser.domainName");
    const QString user = alert.value("relatedUser.userName");
    normalize::setUser(event, domain.isEmpty() ? user : domain + QLatin1Char('\\') + user);
    mapEvidence(alert.value("evidence"), event, d->evidenceParser);
    normalize::finish(event); // schtasks/at command lines, the platform
    return Status::Event;
}

} // namespace tb
