#pragma once

#include "ingest/EventField.h"

#include <QList>
#include <QString>

#include <optional>

namespace tb {

// The field vocabularies Tunebench exports to. Sigma has two and KQL four, because a scheduled
// task shows up as a process creation (schtasks.exe), a Security 4698 event, Defender's own
// ScheduledTaskCreated event, or a Kubernetes CronJob in the AKS audit log.
enum class FieldDialect {
    SplunkCim,              // ESCU detections after `drop_dm_object_name`, plus the 4698/K8s outputs
    ElasticEcs,             // Elastic Common Schema, as Elastic Defend and Winlogbeat write it
    SigmaProcessCreation,   // logsource category process_creation
    SigmaSecurity,          // logsource product windows, service security (4698)
    KqlDeviceProcessEvents, // Defender XDR advanced hunting
    KqlSecurityEvent,       // Sentinel SecurityEvent (4688/4698; task data only inside EventData)
    KqlDeviceEvents,        // Defender XDR DeviceEvents ScheduledTask*: the task in AdditionalFields
    KqlAksAudit,            // Sentinel / Log Analytics AKSAudit: Kubernetes audit events
};

// How the target field holds the normalized value: the exporters rewrite an equality accordingly
// and refuse modifiers whose meaning would change.
enum class FieldForm {
    Same,           // the same value
    HostOrFqdn,     // the short host name or its FQDN: "h" matches "h" and "h.<domain>"
    UserOrDomain,   // the account with or without domain: "u" matches "u" and "<DOMAIN>\u"
    PathOfBaseName, // a full path whose file name is the value: "n" matches "…\n" and "…/n"
    InsideText,     // the value appears inside a larger text (task XML): contains and re only
    Number,         // an integer column: equality with a whole number only
};

struct TargetField {
    QString name;
    FieldForm form = FieldForm::Same;
};

class FieldNameMap final {
public:
    static std::optional<TargetField> lookup(FieldDialect dialect, EventField field);
    static QList<FieldDialect> dialects();
    static QString dialectTitle(FieldDialect dialect); // "Splunk CIM", …
    // docs/FIELDS.md: one table, normalized field → every dialect, generated from the same data.
    static QString markdownDocument();
};

} // namespace tb
