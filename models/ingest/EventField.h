#pragma once

#include <QString>

#include <array>
#include <optional>

namespace tb {

// The normalized event fields of FORMATS.md §1, in the column order of the `events` table.
enum class EventField : int {
    TimeUtc,
    TimeOriginal,
    TimeConfidence,
    AlertTimeUtc,
    Platform,
    Host,
    HostFqdn,
    User,
    UserDomain,
    UserSid,
    RuleName,
    RuleId,
    RuleRefId,
    RuleSource,
    Severity,
    SeverityRaw,
    RiskScore,
    Status,
    StatusRaw,
    DispositionRaw,
    Owner,
    Mitre,
    EventCode,
    EventSource,
    RecordId,
    ProcessImage,
    ProcessName,
    ProcessPid,
    CommandLine,
    ParentImage,
    ParentName,
    ParentPid,
    ParentCommandLine,
    TaskOperation,
    TaskName,
    TaskAction,
    TaskRunAs,
    TaskRunLevel,
    TaskLogonType,
    TaskTrigger,
    TaskAuthor,
    TaskHidden,
    TaskRemote,
    TargetHost,
    TargetPath,
    SourceIp,
    UserAgent,
    K8sNamespace,
    K8sResource,
    K8sVerb,
    ContainerImage,
    Hashes,
    TaskOtherActions, // after the rest: the column was added by schema version 9
    Count
};

constexpr int eventFieldCount = static_cast<int>(EventField::Count);

enum class FieldType { Text, Integer, Real };

struct EventFieldInfo {
    EventField field;
    const char *column; // the `events` column, also the name used in conditions and the CLI
    FieldType type;
};

const std::array<EventFieldInfo, eventFieldCount> &eventFields();
const EventFieldInfo &eventFieldInfo(EventField field);
QString eventFieldColumn(EventField field);
std::optional<EventField> eventFieldByColumn(const QString &column);

} // namespace tb
