#include "EventField.h"

#include <QHash>

namespace tb {

const std::array<EventFieldInfo, eventFieldCount> &eventFields() {
    using F = EventField;
    using T = FieldType;
    static const std::array<EventFieldInfo, eventFieldCount> fields{{
        {F::TimeUtc, "time_utc", T::Text},
        {F::TimeOriginal, "time_original", T::Text},
        {F::TimeConfidence, "time_confidence", T::Text},
        {F::AlertTimeUtc, "alert_time_utc", T::Text},
        {F::Platform, "platform", T::Text},
        {F::Host, "host", T::Text},
        {F::HostFqdn, "host_fqdn", T::Text},
        {F::User, "user", T::Text},
        {F::UserDomain, "user_domain", T::Text},
        {F::UserSid, "user_sid", T::Text},
        {F::RuleName, "rule_name", T::Text},
        {F::RuleId, "rule_id", T::Text},
        {F::RuleRefId, "rule_ref_id", T::Text},
        {F::RuleSource, "rule_source", T::Text},
        {F::Severity, "severity", T::Text},
        {F::SeverityRaw, "severity_raw", T::Text},
        {F::RiskScore, "risk_score", T::Real},
        {F::Status, "status", T::Text},
        {F::StatusRaw, "status_raw", T::Text},
        {F::DispositionRaw, "disposition_raw", T::Text},
        {F::Owner, "owner", T::Text},
        {F::Mitre, "mitre", T::Text},
        {F::EventCode, "event_code", T::Text},
        {F::EventSource, "event_source", T::Text},
        {F::RecordId, "record_id", T::Text},
        {F::ProcessImage, "process_image", T::Text},
        {F::ProcessName, "process_name", T::Text},
        {F::ProcessPid, "process_pid", T::Integer},
        {F::CommandLine, "command_line", T::Text},
        {F::ParentImage, "parent_image", T::Text},
        {F::ParentName, "parent_name", T::Text},
        {F::ParentPid, "parent_pid", T::Integer},
        {F::ParentCommandLine, "parent_command_line", T::Text},
        {F::TaskOperation, "task_operation", T::Text},
        {F::TaskName, "task_name", T::Text},
        {F::TaskAction, "task_action", T::Text},
        {F::TaskRunAs, "task_run_as", T::Text},
        {F::TaskRunLevel, "task_run_level", T::Text},
        {F::TaskLogonType, "task_logon_type", T::Text},
        {F::TaskTrigger, "task_trigger", T::Text},
        {F::TaskAuthor, "task_author", T::Text},
        {F::TaskHidden, "task_hidden", T::Integer},
        {F::TaskRemote, "task_remote", T::Integer},
        {F::TargetHost, "target_host", T::Text},
        {F::TargetPath, "target_path", T::Text},
        {F::SourceIp, "source_ip", T::Text},
        {F::UserAgent, "user_agent", T::Text},
        {F::K8sNamespace, "k8s_namespace", T::Text},
        {F::K8sResource, "k8s_resource", T::Text},
        {F::K8sVerb, "k8s_verb", T::Text},
        {F::ContainerImage, "container_image", T::Text},
        {F::Hashes, "hashes", T::Text},
        {F::TaskOtherActions, "task_other_actions", T::Text},
    }};
    return fields;
}

const EventFieldInfo &eventFieldInfo(EventField field) {
    return eventFields()[static_cast<int>(field)];
}

QString eventFieldColumn(EventField field) {
    return QString::fromLatin1(eventFieldInfo(field).column);
}

std::optional<EventField> eventFieldByColumn(const QString &column) {
    static const QHash<QString, EventField> byName = [] {
        QHash<QString, EventField> map;
        for (const EventFieldInfo &info : eventFields())
            map.insert(QString::fromLatin1(info.column), info.field);
        return map;
    }();
    const auto it = byName.constFind(column);
    return it == byName.cend() ? std::nullopt : std::optional<EventField>(*it);
}

} // namespace tb
