#include "SplunkCsvReader.h"

#include "FieldNormalizer.h"
#include "JsonText.h"
#include "NormalizedEvent.h"
#include "TaskCommandParser.h"

namespace tb {

namespace {

// CIM and Splunk field names that map one-to-one onto a normalized field.
const QHash<QString, EventField> &directColumns() {
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

} // namespace

SplunkCsvReader::SplunkCsvReader(QIODevice *device, ReaderContext context, Variant variant)
    : m_csv(device, ',')
    , m_context(std::move(context))
    , m_variant(variant) {}

QString SplunkCsvReader::formatId(Variant variant) {
    switch (variant) {
    case Variant::Notable:
        return QStringLiteral("splunk.notable.csv");
    case Variant::EscuResults:
        return QStringLiteral("splunk.escu.csv");
    case Variant::Events:
        break;
    }
    return QStringLiteral("splunk.events.csv");
}

QString SplunkCsvReader::cell(const QStringList &row, const char *column) const {
    const auto it = m_columns.constFind(QLatin1String(column));
    if (it == m_columns.cend() || *it >= row.size())
        return {};
    return row[*it];
}

bool SplunkCsvReader::setTime(NormalizedEvent &event, const QStringList &row, ImportIssue &issue) const {
    // Notables: orig_time is the source event, _time the notable. ESCU results: firstTime.
    const char *const candidates[] = {"orig_time", "firstTime", "_time"};
    for (const char *column : candidates) {
        const QString text = cell(row, column);
        if (text.isEmpty())
            continue;
        const NormalizedTime time = m_context.times.normalize(text);
        if (!time.ok()) {
            issue.field = QLatin1String(column);
            issue.problem = QStringLiteral("\"%1\" is not a time this reader understands").arg(text.left(64));
            return false;
        }
        event.set(EventField::TimeUtc, time.utc);
        event.set(EventField::TimeOriginal, text);
        event.set(EventField::TimeConfidence, time.confidence);
        break;
    }
    if (m_variant == Variant::Notable) {
        const QString alertTime = cell(row, "_time");
        if (const NormalizedTime t = m_context.times.normalize(alertTime); t.ok())
            event.set(EventField::AlertTimeUtc, t.utc);
    }
    if (event.value(EventField::TimeUtc).isEmpty())
        event.set(EventField::TimeConfidence, QStringLiteral("missing"));
    return true;
}

EventReader::Status SplunkCsvReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue.file = m_context.fileName;
    if (m_header.isEmpty()) {
        if (!m_csv.next(m_header)) {
            issue.problem =
                m_csv.errorString().isEmpty() ? QStringLiteral("the file is empty") : m_csv.errorString();
            return m_csv.errorString().isEmpty() ? Status::End : Status::Failed;
        }
        for (qsizetype i = 0; i < m_header.size(); ++i)
            m_columns.insert(m_header[i], i);
    }
    QStringList row;
    if (!m_csv.next(row)) {
        if (m_csv.errorString().isEmpty())
            return Status::End;
        issue.record = m_recordNo + 1;
        issue.problem = m_csv.errorString();
        return Status::Failed;
    }
    ++m_recordNo;
    event.clear();
    event.recordNo = m_recordNo;
    issue.record = m_recordNo;
    issue.line = m_csv.lineNumber();
    if (row.size() > m_header.size()) {
        issue.problem =
            QStringLiteral("the row has %1 cells but the header has %2").arg(row.size()).arg(m_header.size());
        return Status::Skipped;
    }
    event.raw = csvRowToJsonObject(m_header, row);
    event.rawFields = event.raw;

    if (!setTime(event, row, issue))
        return Status::Skipped;

    const QHash<QString, EventField> &direct = directColumns();
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (row[i].isEmpty())
            continue;
        const auto it = direct.constFind(m_header[i]);
        if (it != direct.cend())
            event.setIfEmpty(*it, row[i]);
    }

    normalize::setHost(event, cell(row, "dest").isEmpty() ? cell(row, "host") : cell(row, "dest"));
    normalize::setUser(event, cell(row, "user"));
    for (const char *column : {"process_path", "process_exec", "process_name"})
        normalize::setProcessImage(event, cell(row, column));
    for (const char *column : {"parent_process_path", "parent_process_exec", "parent_process_name"})
        normalize::setParentImage(event, cell(row, column));
    event.set(EventField::ProcessPid, normalize::pid(cell(row, "process_id")));
    event.set(EventField::ParentPid, normalize::pid(cell(row, "parent_process_id")));

    const QString k8sName = cell(row, "objectRef.name");
    if (!k8sName.isEmpty()) {
        const QString ns = event.value(EventField::K8sNamespace);
        event.setIfEmpty(EventField::TaskName, ns.isEmpty() ? k8sName : ns + QLatin1Char('/') + k8sName);
        event.setIfEmpty(EventField::K8sResource, QStringLiteral("cronjobs"));
    }
    if (const QString schedule = cell(row, "requestObject.spec.schedule"); !schedule.isEmpty())
        event.setIfEmpty(EventField::TaskTrigger, QStringLiteral("cron(%1)").arg(schedule));
    if (const QString mitre = cell(row, "annotations.mitre_attack"); !mitre.isEmpty())
        event.set(EventField::Mitre, mitreJson(mitre));

    // Rule identity: notables name their correlation search; raw ESCU results name nothing.
    const QString searchName = cell(row, "search_name");
    event.setIfEmpty(EventField::RuleName, cell(row, "rule_name"));
    if (!searchName.isEmpty()) {
        event.set(EventField::RuleId, searchName);
        event.set(EventField::RuleRefId, escuDetectionName(searchName));
        event.setIfEmpty(EventField::RuleName, escuDetectionName(searchName));
    }
    event.setIfEmpty(EventField::RuleName, m_context.ruleName);
    event.set(EventField::RuleSource, m_variant == Variant::Notable       ? QStringLiteral("splunk_es")
                                      : m_variant == Variant::EscuResults ? QStringLiteral("splunk_escu")
                                                                          : QStringLiteral("splunk"));
    const QString severityRaw = cell(row, "urgency").isEmpty() ? cell(row, "severity") : cell(row, "urgency");
    event.set(EventField::SeverityRaw, severityRaw);
    event.set(EventField::Severity, normalize::severity(severityRaw));
    const QString statusRaw = event.value(EventField::StatusRaw).isEmpty()
                                  ? cell(row, "status_label")
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
    if (m_variant == Variant::Notable)
        event.identity = cell(row, "event_id");
    return Status::Event;
}

} // namespace tb
