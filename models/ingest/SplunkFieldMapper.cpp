#include "SplunkFieldMapper.h"

#include "FieldNormalizer.h"
#include "JsonText.h"
#include "TaskCommandParser.h"
#include "WindowsEventXml.h"

namespace tb {

namespace {

// CIM and Splunk field names that map one-to-one onto a normalized field.
const QHash<QString, EventField> &directFields() {
    static const QHash<QString, EventField> map{
        {QStringLiteral("process"), EventField::CommandLine},
        {QStringLiteral("CommandLine"), EventField::CommandLine},
        {QStringLiteral("parent_process"), EventField::ParentCommandLine},
        {QStringLiteral("ParentCommandLine"), EventField::ParentCommandLine},
        {QStringLiteral("file_path"), EventField::TargetPath},
        {QStringLiteral("TargetFilename"), EventField::TargetPath},
        {QStringLiteral("src_ip"), EventField::SourceIp},
        {QStringLiteral("src"), EventField::SourceIp},
        {QStringLiteral("TaskName"), EventField::TaskName},
        {QStringLiteral("owner"), EventField::Owner},
        {QStringLiteral("disposition_label"), EventField::DispositionRaw},
        {QStringLiteral("objectRef.namespace"), EventField::K8sNamespace},
        {QStringLiteral("objectRef.resource"), EventField::K8sResource},
        {QStringLiteral("verb"), EventField::K8sVerb},
        {QStringLiteral("userAgent"), EventField::UserAgent},
        {QStringLiteral("image"), EventField::ContainerImage},
        {QStringLiteral("requestObject.spec.jobTemplate.spec.template.spec.containers{}.image"),
         EventField::ContainerImage},
        {QStringLiteral("EventCode"), EventField::EventCode},
        {QStringLiteral("process_hash"), EventField::Hashes},
        {QStringLiteral("user_id"), EventField::UserSid},
        {QStringLiteral("risk_score"), EventField::RiskScore},
    };
    return map;
}

// "ESCU - Windows Schtasks Create Run As System - Rule" → "Windows Schtasks Create Run As System".
QString escuDetectionName(QString searchName) {
    if (searchName.startsWith(QLatin1String("ESCU - ")))
        searchName.remove(0, 7);
    if (searchName.endsWith(QLatin1String(" - Rule")))
        searchName.chop(7);
    return searchName;
}

QString mitreJson(const QString &multivalue) {
    QString out = QStringLiteral("[");
    bool first = true;
    for (const QString &part : multivalue.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!first)
            out += QLatin1Char(',');
        appendJsonString(out, part.trimmed());
        first = false;
    }
    return out + QLatin1Char(']');
}

bool setTime(const SplunkFields &fields, SplunkFieldMapper::Kind kind, const ReaderContext &context,
             NormalizedEvent &event, ImportIssue &issue) {
    // Notables: orig_time is the source event, _time the notable. ESCU results: firstTime.
    for (const char *name : {"orig_time", "firstTime", "_time"}) {
        const QString text = fields.value(name);
        if (text.isEmpty())
            continue;
        const NormalizedTime time = context.times.normalize(text);
        if (!time.ok()) {
            issue.field = QLatin1String(name);
            issue.problem = QStringLiteral("\"%1\" is not a time this reader understands").arg(text.left(64));
            return false;
        }
        event.set(EventField::TimeUtc, time.utc);
        event.set(EventField::TimeOriginal, text);
        event.set(EventField::TimeConfidence, time.confidence);
        break;
    }
    if (kind == SplunkFieldMapper::Kind::Notable) {
        if (const NormalizedTime t = context.times.normalize(fields.value("_time")); t.ok())
            event.set(EventField::AlertTimeUtc, t.utc);
    }
    if (event.value(EventField::TimeUtc).isEmpty())
        event.set(EventField::TimeConfidence, QStringLiteral("missing"));
    return true;
}

} // namespace

QString SplunkFields::value(const char *name) const {
    const auto it = index.constFind(QLatin1String(name));
    if (it == index.cend() || *it >= values.size())
        return {};
    return values[*it];
}

SplunkFieldMapper::Kind SplunkFieldMapper::classify(const SplunkFields &f) {
    if (f.has("rule_name") && f.has("urgency") &&
        (f.has("status_label") || f.has("owner") || f.has("event_id")))
        return Kind::Notable;
    if (f.has("firstTime") && f.has("lastTime") &&
        (f.has("dest") || f.has("process") || f.has("process_name") || f.has("TaskName")))
        return Kind::EscuResults;
    return Kind::Events;
}

namespace {

// ESCU's "Linux Auditd …" searches keep the Linux TA's field names (FORMATS.md §3): comm, exe, UID,
// pid, ppid, a PATH record's name, and process_exec made from the proctitle, i.e. the whole command
// line rather than the CIM executable name.
void mapAuditdFields(const SplunkFields &fields, NormalizedEvent &event) {
    const QString processExec = fields.value("process_exec").trimmed();
    if (processExec.contains(QLatin1Char(' '))) {
        event.setIfEmpty(EventField::CommandLine, processExec);
        normalize::setProcessImage(event, processExec.section(QLatin1Char(' '), 0, 0));
    }
    normalize::setProcessImage(event, fields.value("exe"));
    event.setIfEmpty(EventField::ProcessName, fields.value("comm"));
    if (event.value(EventField::User).isEmpty())
        normalize::setUser(event, fields.value("UID"));
    event.setIfEmpty(EventField::ProcessPid, normalize::pid(fields.value("pid")));
    event.setIfEmpty(EventField::ParentPid, normalize::pid(fields.value("ppid")));
    // "name" is a file path only in an auditd PATH record; other results use the word for anything.
    if (const QString path = fields.value("name");
        fields.value("type") == QLatin1String("PATH") && path.startsWith(QLatin1Char('/')))
        event.setIfEmpty(EventField::TargetPath, path);
}

} // namespace

bool SplunkFieldMapper::map(const SplunkFields &fields, Kind kind, const ReaderContext &context,
                            NormalizedEvent &event, ImportIssue &issue) {
    if (!setTime(fields, kind, context, event, issue))
        return false;

    const QHash<QString, EventField> &direct = directFields();
    const qsizetype count = std::min(fields.names.size(), fields.values.size());
    for (qsizetype i = 0; i < count; ++i) {
        if (fields.values[i].isEmpty())
            continue;
        const auto it = direct.constFind(fields.names[i]);
        if (it != direct.cend())
            event.setIfEmpty(*it, fields.values[i]);
    }

    const QString dest = fields.value("dest");
    normalize::setHost(event, dest.isEmpty() ? fields.value("host") : dest);
    normalize::setUser(event, fields.value("user"));
    mapAuditdFields(fields, event);
    for (const char *name : {"process_path", "process_exec", "process_name"})
        normalize::setProcessImage(event, fields.value(name));
    for (const char *name : {"parent_process_path", "parent_process_exec", "parent_process_name"})
        normalize::setParentImage(event, fields.value(name));
    event.setIfEmpty(EventField::ProcessPid, normalize::pid(fields.value("process_id")));
    event.setIfEmpty(EventField::ParentPid, normalize::pid(fields.value("parent_process_id")));

    const QString k8sName = fields.value("objectRef.name");
    if (!k8sName.isEmpty()) {
        const QString ns = event.value(EventField::K8sNamespace);
        event.setIfEmpty(EventField::TaskName, ns.isEmpty() ? k8sName : ns + QLatin1Char('/') + k8sName);
        event.setIfEmpty(EventField::K8sResource, QStringLiteral("cronjobs"));
    }
    if (const QString schedule = fields.value("requestObject.spec.schedule"); !schedule.isEmpty())
        event.setIfEmpty(EventField::TaskTrigger, QStringLiteral("cron(%1)").arg(schedule));
    if (const QString mitre = fields.value("annotations.mitre_attack"); !mitre.isEmpty())
        event.set(EventField::Mitre, mitreJson(mitre));

    // Rule identity: notables name their correlation search; raw ESCU results name nothing.
    const QString searchName = fields.value("search_name");
    event.setIfEmpty(EventField::RuleName, fields.value("rule_name"));
    if (!searchName.isEmpty()) {
        event.set(EventField::RuleId, searchName);
        event.set(EventField::RuleRefId, escuDetectionName(searchName));
        event.setIfEmpty(EventField::RuleName, escuDetectionName(searchName));
    }
    event.setIfEmpty(EventField::RuleName, context.ruleName);
    event.set(EventField::RuleSource, kind == Kind::Notable       ? QStringLiteral("splunk_es")
                                      : kind == Kind::EscuResults ? QStringLiteral("splunk_escu")
                                                                  : QStringLiteral("splunk"));
    const QString urgency = fields.value("urgency");
    const QString severityRaw = urgency.isEmpty() ? fields.value("severity") : urgency;
    event.set(EventField::SeverityRaw, severityRaw);
    event.set(EventField::Severity, normalize::severity(severityRaw));
    const QString statusRaw = event.value(EventField::StatusRaw).isEmpty()
                                  ? fields.value("status_label")
                                  : event.value(EventField::StatusRaw);
    event.set(EventField::StatusRaw, statusRaw);
    event.set(EventField::Status, normalize::status(statusRaw));

    if (const auto task = TaskCommandParser::parse(event.value(EventField::CommandLine)))
        TaskCommandParser::apply(*task, event);
    event.setIfEmpty(EventField::Platform, normalize::guessPlatform(event));
    if (event.value(EventField::Platform) == QLatin1String("kubernetes") &&
        event.value(EventField::TaskOperation).isEmpty()) {
        const QString verb = event.value(EventField::K8sVerb);
        event.set(EventField::TaskOperation, verb == QLatin1String("create")   ? QStringLiteral("created")
                                             : verb == QLatin1String("delete") ? QStringLiteral("deleted")
                                             : verb.isEmpty()                  ? QStringLiteral("created")
                                                                               : QStringLiteral("updated"));
    }

    // A notable's event_id names it; other rows are identified by their whole content.
    if (kind == Kind::Notable)
        event.identity = fields.value("event_id");
    return true;
}

void SplunkFieldMapper::mapIndexedEvent(const SplunkFields &fields, const ReaderContext &context,
                                        NormalizedEvent &event) {
    const QString raw = fields.value("_raw");
    const QString sourcetype =
        fields.has("sourcetype") ? fields.value("sourcetype") : fields.value("_sourcetype");
    const QStringView xml = QStringView(raw).trimmed();
    if (xml.startsWith(QLatin1Char('<')) &&
        (xml.startsWith(QLatin1String("<Event")) ||
         sourcetype.startsWith(QLatin1String("XmlWinEventLog"), Qt::CaseInsensitive))) {
        // SystemTime keeps the microseconds _time rounds away: it wins, and _time is the fallback.
        const QString utc = event.value(EventField::TimeUtc);
        const QString original = event.value(EventField::TimeOriginal);
        const QString confidence = event.value(EventField::TimeConfidence);
        for (const EventField f : {EventField::TimeUtc, EventField::TimeOriginal, EventField::TimeConfidence})
            event.set(f, QString());
        // A _raw that does not parse still leaves the fields Splunk extracted.
        WindowsEventXml::apply(raw, event, context.times, nullptr);
        if (event.value(EventField::TimeUtc).isEmpty()) {
            event.set(EventField::TimeUtc, utc);
            event.set(EventField::TimeOriginal, original);
            event.set(EventField::TimeConfidence, confidence);
        }
    }
    if (!event.identity.isEmpty())
        return;
    // _cd is the event's address inside its bucket; _bkt names the index and the bucket.
    const QString cd = fields.value("_cd");
    if (cd.isEmpty())
        return;
    const QString bucket = fields.value("_bkt");
    const QString where = bucket.isEmpty() ? fields.value("index") : bucket;
    event.identity = where.isEmpty() ? cd : where + QLatin1Char('|') + cd;
}

void SplunkResultQueue::offer(SplunkPendingResult result, bool preview) {
    if (!preview) {
        if (!m_sawFinal) {
            m_sawFinal = true;
            m_held.clear(); // superseded by the final results
            m_heldBytes = 0;
        }
        m_ready.push_back(std::move(result));
        return;
    }
    if (m_sawFinal)
        return;
    m_heldBytes += result.raw.size() * 2;
    m_held.push_back(std::move(result));
}

void SplunkResultQueue::finish() {
    if (m_sawFinal)
        return;
    for (SplunkPendingResult &result : m_held)
        m_ready.push_back(std::move(result));
    m_held.clear();
    m_heldBytes = 0;
}

EventReader::Status SplunkResultQueue::take(NormalizedEvent &event, ImportIssue &issue) {
    if (m_ready.empty())
        return EventReader::Status::End;
    const SplunkPendingResult result = std::move(m_ready.front());
    m_ready.pop_front();

    event.clear();
    event.recordNo = result.recordNo;
    issue.file = m_context.fileName;
    issue.record = result.recordNo;
    issue.line = result.line;
    event.raw = result.raw;
    event.rawFields = csvRowToJsonObject(result.names, result.values);

    QHash<QString, qsizetype> index;
    index.reserve(result.names.size());
    for (qsizetype i = 0; i < result.names.size(); ++i) {
        if (!index.contains(result.names[i]))
            index.insert(result.names[i], i);
    }
    const SplunkFields fields{result.names, result.values, index};
    const SplunkFieldMapper::Kind kind = SplunkFieldMapper::classify(fields);
    if (!SplunkFieldMapper::map(fields, kind, m_context, event, issue))
        return EventReader::Status::Skipped;
    if (kind == SplunkFieldMapper::Kind::Events)
        SplunkFieldMapper::mapIndexedEvent(fields, m_context, event);
    return EventReader::Status::Event;
}

} // namespace tb
