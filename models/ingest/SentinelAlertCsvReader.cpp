#include "SentinelAlertCsvReader.h"

#include "CsvRecords.h"
#include "FieldNormalizer.h"
#include "FilePath.h"
#include "FormatRegistry.h"
#include "JsonFlattener.h"
#include "JsonText.h"
#include "LinuxTaskActivity.h"
#include "NormalizedEvent.h"

#include <QHash>

#include <simdjson.h>

#include <optional>

namespace tb {

namespace {

QString text(std::string_view view) {
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

// "TimeGenerated [UTC]" → ("TimeGenerated", "UTC"); "AlertName" → ("AlertName", "").
std::pair<QString, QString> splitZone(const QString &column) {
    if (column.endsWith(QLatin1Char(']'))) {
        const qsizetype open = column.lastIndexOf(QStringLiteral(" ["));
        if (open > 0)
            return {column.left(open), column.mid(open + 2, column.size() - open - 3)};
    }
    return {column, {}};
}

// The entities of an alert by their `$id`, wherever they are defined (top level or inline), so
// that `{"$ref":"3"}` can be followed.
class Entities final {
public:
    explicit Entities(const QString &json) {
        m_bytes = json.toUtf8();
        if (m_parser.parse(m_bytes.constData(), size_t(m_bytes.size()), true).get(m_root) !=
                simdjson::SUCCESS ||
            m_root.type() != simdjson::dom::element_type::ARRAY)
            return;
        collect(m_root);
        for (simdjson::dom::element entity : simdjson::dom::array(m_root))
            m_top.push_back(resolve(entity));
    }
    const std::vector<simdjson::dom::element> &top() const { return m_top; }

    simdjson::dom::element resolve(simdjson::dom::element e) const {
        std::string_view ref;
        if (e.type() == simdjson::dom::element_type::OBJECT && e["$ref"].get(ref) == simdjson::SUCCESS) {
            const auto it = m_byId.constFind(text(ref));
            if (it != m_byId.cend())
                return *it;
        }
        return e;
    }
    // A member of an entity (following a $ref), as text; empty when absent or not a scalar.
    QString field(const std::optional<simdjson::dom::element> &e, const char *name) const {
        const std::optional<simdjson::dom::element> value = child(e, name);
        if (!value)
            return {};
        if (value->type() == simdjson::dom::element_type::STRING)
            return text(std::string_view(*value));
        if (value->type() == simdjson::dom::element_type::INT64 ||
            value->type() == simdjson::dom::element_type::UINT64)
            return text(simdjson::minify(*value));
        return {};
    }
    // A member of an entity, its $ref followed; nullopt when absent (a default element is unusable).
    std::optional<simdjson::dom::element> child(const std::optional<simdjson::dom::element> &e,
                                                const char *name) const {
        simdjson::dom::element value;
        if (!e || e->type() != simdjson::dom::element_type::OBJECT ||
            (*e)[name].get(value) != simdjson::SUCCESS)
            return std::nullopt;
        return resolve(value);
    }
    static QString type(simdjson::dom::element e) {
        std::string_view t;
        return e.type() == simdjson::dom::element_type::OBJECT && e["Type"].get(t) == simdjson::SUCCESS
                   ? text(t)
                   : QString();
    }

private:
    void collect(simdjson::dom::element e) {
        using T = simdjson::dom::element_type;
        if (e.type() == T::ARRAY) {
            for (simdjson::dom::element item : simdjson::dom::array(e))
                collect(item);
        } else if (e.type() == T::OBJECT) {
            std::string_view id;
            if (e["$id"].get(id) == simdjson::SUCCESS)
                m_byId.insert(text(id), e);
            for (auto field : simdjson::dom::object(e))
                collect(field.value);
        }
    }

    QByteArray m_bytes;
    simdjson::dom::parser m_parser;
    simdjson::dom::element m_root;
    QHash<QString, simdjson::dom::element> m_byId;
    std::vector<simdjson::dom::element> m_top;
};

QString filePath(const Entities &entities, const std::optional<simdjson::dom::element> &file) {
    return joinFilePath(entities.field(file, "Directory"), entities.field(file, "Name"));
}

void mapEntities(const QString &json, NormalizedEvent &event) {
    const Entities entities(json);
    for (const simdjson::dom::element entity : entities.top()) {
        const QString type = Entities::type(entity).toLower();
        if (type == QLatin1String("host")) {
            const QString host = entities.field(entity, "HostName");
            const QString domain = entities.field(entity, "DnsDomain");
            normalize::setHost(event, domain.isEmpty() ? host : host + QLatin1Char('.') + domain);
            event.setIfEmpty(EventField::Platform, entities.field(entity, "OSFamily").toLower());
        } else if (type == QLatin1String("account")) {
            const QString name = entities.field(entity, "Name");
            const QString domain = entities.field(entity, "NTDomain");
            normalize::setUser(event, domain.isEmpty() ? name : domain + QLatin1Char('\\') + name);
            event.setIfEmpty(EventField::UserSid, entities.field(entity, "Sid"));
        } else if (type == QLatin1String("process")) {
            event.setIfEmpty(EventField::CommandLine, entities.field(entity, "CommandLine"));
            event.setIfEmpty(EventField::ProcessPid, normalize::pid(entities.field(entity, "ProcessId")));
            normalize::setProcessImage(event, filePath(entities, entities.child(entity, "ImageFile")));
            const std::optional<simdjson::dom::element> parent = entities.child(entity, "ParentProcess");
            event.setIfEmpty(EventField::ParentCommandLine, entities.field(parent, "CommandLine"));
            event.setIfEmpty(EventField::ParentPid, normalize::pid(entities.field(parent, "ProcessId")));
            normalize::setParentImage(event, filePath(entities, entities.child(parent, "ImageFile")));
        } else if (type == QLatin1String("azure-resource")) {
            if (entities.field(entity, "ResourceId")
                    .contains(QLatin1String("/managedClusters/"), Qt::CaseInsensitive))
                event.setIfEmpty(EventField::Platform, QStringLiteral("kubernetes"));
        } else if (type == QLatin1String("ip")) {
            event.setIfEmpty(EventField::SourceIp, entities.field(entity, "Address"));
        } else if (type == QLatin1String("file")) {
            // Files a process entity points at are its image; a file on its own is what was touched.
            const QString path = filePath(entities, entity);
            if (path != event.value(EventField::ProcessImage) && !path.endsWith(QLatin1String(".exe"))) {
                event.setIfEmpty(EventField::TargetPath, path);
                LinuxTaskActivity::applyFile(event, path, {}); // a cron / systemd file is the task
            }
        }
    }
}

QString mitre(const QString &techniques, const QString &subTechniques) {
    QStringList ids;
    for (const QString &list : {techniques, subTechniques}) {
        for (const QString &id : JsonFlattener::stringList(list)) {
            if (!id.isEmpty() && !ids.contains(id))
                ids << id;
        }
    }
    if (ids.isEmpty())
        return {};
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        appendJsonString(out, ids[i]);
    }
    return out + QLatin1Char(']');
}

} // namespace

struct SentinelAlertCsvReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : csv(device, ',', ctx.fileName)
        , context(std::move(ctx)) {}

    // A time column by its plain name, read in the zone its header names.
    bool setTime(const FlatJson &row, const char *column, EventField field, NormalizedEvent &event,
                 ImportIssue &issue) const;

    CsvRecords csv;
    ReaderContext context;
    JsonFlattener flattener;
    QHash<QString, QString> zones; // plain column name → zone from the header ("UTC", "Local Time")
    const TimeNormalizer utc{QTimeZone::utc()};
};

bool SentinelAlertCsvReader::Impl::setTime(const FlatJson &row, const char *column, EventField field,
                                           NormalizedEvent &event, ImportIssue &issue) const {
    const QString value = row.value(column);
    if (value.isEmpty())
        return true;
    const QString zone = zones.value(QLatin1String(column));
    const bool headerUtc = zone.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0;
    const NormalizedTime time = (headerUtc ? utc : context.times).normalize(value);
    if (!time.ok()) {
        issue.field = zone.isEmpty() ? QLatin1String(column)
                                     : QStringLiteral("%1 [%2]").arg(QLatin1String(column), zone);
        issue.problem = QStringLiteral("\"%1\" is not a time this reader understands").arg(value.left(64));
        return false;
    }
    event.set(field, time.utc);
    if (field == EventField::TimeUtc) {
        event.set(EventField::TimeOriginal, value);
        // The value has no zone of its own; "[UTC]" in the header is what makes it exact.
        event.set(EventField::TimeConfidence, headerUtc && time.confidence == QLatin1String("assumed_tz")
                                                  ? QStringLiteral("header_tz")
                                                  : time.confidence);
    }
    return true;
}

SentinelAlertCsvReader::SentinelAlertCsvReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

SentinelAlertCsvReader::~SentinelAlertCsvReader() = default;

bool SentinelAlertCsvReader::matches(const FileHead &head) {
    return !head.isJson() && head.csvHeader.contains(QLatin1String("SystemAlertId")) &&
           head.csvHeader.contains(QLatin1String("AlertName"));
}

EventReader::Status SentinelAlertCsvReader::next(NormalizedEvent &event, ImportIssue &issue) {
    QStringList row;
    const Status status = d->csv.next(row, issue);
    if (status != Status::Event)
        return status;
    const QStringList &header = d->csv.header();
    if (d->zones.isEmpty()) {
        for (const QString &column : header) {
            const auto [name, zone] = splitZone(column);
            d->zones.insert(name, zone);
        }
    }
    event.clear();
    event.recordNo = d->csv.recordNo();
    event.raw = d->csv.rawRow(row);
    FlatJson cells;
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (!row[i].isEmpty())
            cells.add(splitZone(header[i]).first, row[i]);
    }
    FlatJson rawFields = cells;

    if (!d->setTime(cells, "StartTime", EventField::TimeUtc, event, issue) ||
        !d->setTime(cells, "TimeGenerated", EventField::AlertTimeUtc, event, issue))
        return Status::Skipped;
    if (event.value(EventField::TimeUtc).isEmpty()) { // no StartTime column: the alert's own time
        event.set(EventField::TimeUtc, event.value(EventField::AlertTimeUtc));
        event.set(EventField::TimeOriginal, cells.value("TimeGenerated"));
        event.set(EventField::TimeConfidence, event.value(EventField::TimeUtc).isEmpty()
                                                  ? QStringLiteral("missing")
                                                  : QStringLiteral("header_tz"));
    }

    event.set(EventField::RuleName, cells.first({"AlertName", "DisplayName"}));
    const QString alertType = cells.value("AlertType");
    event.set(EventField::RuleId, alertType);
    // ExtendedProperties is JSON, and its "Analytic Rule Ids" JSON once more.
    FlatJson extended;
    if (const QString json = cells.value("ExtendedProperties");
        json.startsWith(QLatin1Char('{')) &&
        d->flattener.flatten(json.toUtf8(), extended, nullptr, QStringLiteral("ExtendedProperties"))) {
        for (const auto &[key, value] : extended.items())
            rawFields.add(key, value);
    }
    QString ruleRef =
        JsonFlattener::stringList(extended.value("ExtendedProperties.Analytic Rule Ids")).value(0);
    if (ruleRef.isEmpty() && alertType.count(QLatin1Char('_')) == 1 && alertType.size() == 73)
        ruleRef = alertType.section(QLatin1Char('_'), 1); // <workspaceId>_<analyticRuleId>
    event.set(EventField::RuleRefId, ruleRef);
    const QString provider = cells.value("ProviderName");
    const QString product = cells.value("ProductName");
    event.set(EventField::RuleSource,
              provider == QLatin1String("MDATP") || product.contains(QLatin1String("Defender"))
                  ? QStringLiteral("defender")
                  : QStringLiteral("sentinel"));
    normalize::assign(event, EventField::Severity, cells.value("AlertSeverity"), d->context.times);
    const QString statusRaw = cells.value("Status");
    event.set(EventField::StatusRaw, statusRaw);
    event.set(EventField::Status, statusRaw == QLatin1String("Dismissed") ? QStringLiteral("closed")
                                                                          : normalize::status(statusRaw));
    event.set(EventField::Mitre, mitre(cells.value("Techniques"), cells.value("SubTechniques")));
    event.set(EventField::EventSource, QStringLiteral("SecurityAlert"));
    event.identity = cells.value("SystemAlertId");

    mapEntities(cells.value("Entities"), event);
    normalize::setHost(event, cells.value("CompromisedEntity"));
    normalize::finish(event); // schtasks/at command lines, the platform
    event.rawFields = rawFields.items().size() == cells.items().size() ? event.raw : rawFields.toJsonObject();
    return Status::Event;
}

} // namespace tb
