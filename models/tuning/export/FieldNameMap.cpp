#include "FieldNameMap.h"

#include <array>

namespace tb {

namespace {

struct Cell {
    const char *name = nullptr;
    FieldForm form = FieldForm::Same;
};

constexpr Cell same(const char *name) {
    return {name, FieldForm::Same};
}
constexpr Cell host(const char *name) {
    return {name, FieldForm::HostOrFqdn};
}
constexpr Cell account(const char *name) {
    return {name, FieldForm::UserOrDomain};
}
constexpr Cell baseName(const char *name) {
    return {name, FieldForm::PathOfBaseName};
}
constexpr Cell inside(const char *name) {
    return {name, FieldForm::InsideText};
}
constexpr Cell number(const char *name) {
    return {name, FieldForm::Number};
}
constexpr Cell none{};

// AKSAudit names a CronJob by ObjectRef; Tunebench keeps "namespace/name".
constexpr const char *aksTaskName = "strcat(tostring(ObjectRef.namespace), \"/\", tostring(ObjectRef.name))";

constexpr int dialectCount = 8;

struct Row {
    EventField field;
    std::array<Cell, dialectCount> cells; // in FieldDialect order
};

// Sources: FORMATS.md §3.5 (ESCU output columns: CIM names after drop_dm_object_name, dest as FQDN,
// user as DOMAIN\user, TaskName/TaskContent for 4698, the K8s audit names), §4.1 (ECS), the Sigma
// taxonomy (process_creation) and the 4698 event data names, the Defender DeviceProcessEvents
// schema and the Azure Monitor SecurityEvent columns (4698 has no TaskName column there: its
// task data is in EventData), Defender DeviceEvents (FORMATS.md §6.2: the initiating process did it,
// TaskName and TaskContent are JSON inside the AdditionalFields string) and the AKSAudit table
// (§8.4: ObjectRef and User are dynamic columns).
const std::array<Row, 25> &rows() {
    using F = EventField;
    static const std::array<Row, 25> table{{
        {F::Host,
         {host("dest"), same("host.name"), host("Computer"), host("Computer"), host("DeviceName"),
          host("Computer"), host("DeviceName"), none}},
        {F::HostFqdn,
         {same("dest"), none, same("Computer"), same("Computer"), same("DeviceName"), same("Computer"),
          same("DeviceName"), none}},
        {F::User,
         {account("user"), same("user.name"), account("User"), same("SubjectUserName"), same("AccountName"),
          same("SubjectUserName"), same("AccountName"), same("tostring(User.username)")}},
        {F::UserDomain,
         {none, same("user.domain"), none, same("SubjectDomainName"), same("AccountDomain"),
          same("SubjectDomainName"), same("AccountDomain"), none}},
        {F::UserSid,
         {none, same("user.id"), none, same("SubjectUserSid"), same("AccountSid"), same("SubjectUserSid"),
          same("AccountSid"), none}},
        {F::EventCode,
         {same("EventCode"), same("event.code"), none, number("EventID"), none, number("EventID"), none,
          none}},
        {F::ProcessImage,
         {same("process_path"), same("process.executable"), same("Image"), none, same("FolderPath"),
          same("NewProcessName"), same("InitiatingProcessFolderPath"), none}},
        {F::ProcessName,
         {same("process_name"), same("process.name"), baseName("Image"), none, same("FileName"),
          same("Process"), same("InitiatingProcessFileName"), none}},
        {F::ProcessPid,
         {same("process_id"), same("process.pid"), number("ProcessId"), none, number("ProcessId"), none,
          number("InitiatingProcessId"), none}},
        {F::CommandLine,
         {same("process"), same("process.command_line"), same("CommandLine"), none,
          same("ProcessCommandLine"), same("CommandLine"), same("InitiatingProcessCommandLine"), none}},
        {F::ParentImage,
         {same("parent_process_path"), same("process.parent.executable"), same("ParentImage"), none,
          same("InitiatingProcessFolderPath"), same("ParentProcessName"), none, none}},
        {F::ParentName,
         {same("parent_process_name"), same("process.parent.name"), baseName("ParentImage"), none,
          same("InitiatingProcessFileName"), baseName("ParentProcessName"),
          same("InitiatingProcessParentFileName"), none}},
        {F::ParentPid,
         {same("parent_process_id"), same("process.parent.pid"), number("ParentProcessId"), none,
          number("InitiatingProcessId"), none, number("InitiatingProcessParentId"), none}},
        {F::ParentCommandLine,
         {same("parent_process"), same("process.parent.command_line"), same("ParentCommandLine"), none,
          same("InitiatingProcessCommandLine"), none, none, none}},
        {F::TaskName,
         {same("TaskName"), same("winlog.event_data.TaskName"), none, same("TaskName"), none,
          inside("EventData"), same("tostring(parse_json(AdditionalFields).TaskName)"), same(aksTaskName)}},
        {F::TaskAction,
         {inside("TaskContent"), inside("winlog.event_data.TaskContent"), none, inside("TaskContent"), none,
          inside("EventData"), inside("tostring(parse_json(AdditionalFields).TaskContent)"), none}},
        // Every action is in the same definition: the SIEMs see no first or other action.
        {F::TaskOtherActions,
         {inside("TaskContent"), inside("winlog.event_data.TaskContent"), none, inside("TaskContent"), none,
          inside("EventData"), inside("tostring(parse_json(AdditionalFields).TaskContent)"), none}},
        {F::TargetPath, {same("file_path"), same("file.path"), none, none, none, none, none, none}},
        {F::SourceIp,
         {same("src_ip"), same("source.ip"), none, same("IpAddress"), none, same("IpAddress"),
          same("RemoteIP"), same("tostring(SourceIps[0])")}},
        {F::UserAgent,
         {same("userAgent"), same("user_agent.original"), none, none, none, none, none, same("UserAgent")}},
        {F::K8sNamespace,
         {same("objectRef.namespace"), same("kubernetes.audit.objectRef.namespace"), none, none, none, none,
          none, same("tostring(ObjectRef.namespace)")}},
        {F::K8sResource,
         {same("objectRef.resource"), same("kubernetes.audit.objectRef.resource"), none, none, none, none,
          none, same("tostring(ObjectRef.resource)")}},
        {F::K8sVerb,
         {same("verb"), same("kubernetes.audit.verb"), none, none, none, none, none, same("Verb")}},
        {F::ContainerImage, {same("image"), none, none, none, none, none, none, none}},
        {F::Hashes, {none, none, same("Hashes"), none, none, none, none, none}},
    }};
    return table;
}

const Row *rowOf(EventField field) {
    for (const Row &row : rows())
        if (row.field == field)
            return &row;
    return nullptr;
}

QString formNote(FieldForm form) {
    switch (form) {
    case FieldForm::HostOrFqdn:
        return QStringLiteral(" ¹");
    case FieldForm::UserOrDomain:
        return QStringLiteral(" ²");
    case FieldForm::PathOfBaseName:
        return QStringLiteral(" ³");
    case FieldForm::InsideText:
        return QStringLiteral(" ⁴");
    case FieldForm::Number:
        return QStringLiteral(" ⁵");
    case FieldForm::Same:
        break;
    }
    return {};
}

} // namespace

std::optional<TargetField> FieldNameMap::lookup(FieldDialect dialect, EventField field) {
    const Row *row = rowOf(field);
    if (!row)
        return std::nullopt;
    const Cell &cell = row->cells[size_t(dialect)];
    if (!cell.name)
        return std::nullopt;
    return TargetField{QString::fromLatin1(cell.name), cell.form};
}

QList<FieldDialect> FieldNameMap::dialects() {
    return {FieldDialect::SplunkCim,
            FieldDialect::ElasticEcs,
            FieldDialect::SigmaProcessCreation,
            FieldDialect::SigmaSecurity,
            FieldDialect::KqlDeviceProcessEvents,
            FieldDialect::KqlSecurityEvent,
            FieldDialect::KqlDeviceEvents,
            FieldDialect::KqlAksAudit};
}

QString FieldNameMap::dialectTitle(FieldDialect dialect) {
    switch (dialect) {
    case FieldDialect::SplunkCim:
        return QStringLiteral("Splunk CIM");
    case FieldDialect::ElasticEcs:
        return QStringLiteral("Elastic ECS");
    case FieldDialect::SigmaProcessCreation:
        return QStringLiteral("Sigma process_creation");
    case FieldDialect::SigmaSecurity:
        return QStringLiteral("Sigma security (4698)");
    case FieldDialect::KqlDeviceProcessEvents:
        return QStringLiteral("KQL DeviceProcessEvents");
    case FieldDialect::KqlSecurityEvent:
        return QStringLiteral("KQL SecurityEvent");
    case FieldDialect::KqlDeviceEvents:
        return QStringLiteral("KQL DeviceEvents");
    case FieldDialect::KqlAksAudit:
        return QStringLiteral("KQL AKSAudit");
    }
    return {};
}

QString FieldNameMap::markdownDocument() {
    QString doc = QStringLiteral(
        "# Field names in exported tuning\n"
        "\n"
        "<!-- Generated from models/tuning/export/FieldNameMap.cpp; tst_fieldnamemap fails when this file\n"
        "     is not current. Regenerate with tests/reference/export/regenerate.sh and review the diff. -->\n"
        "\n"
        "Each exporter writes a decision's conditions with the target's own field names (how each format is\n"
        "written: [EXPORTS.md](EXPORTS.md)). A field without a\n"
        "name for a target (—) cannot be exported there: the export stops with an error that names the\n"
        "decision and the field, rather than writing a filter that would not match.\n"
        "\n");
    doc += QStringLiteral("| normalized field |");
    for (const FieldDialect d : dialects())
        doc += QLatin1Char(' ') + dialectTitle(d) + QStringLiteral(" |");
    doc += QStringLiteral("\n|---|");
    for (qsizetype i = 0; i < dialects().size(); ++i)
        doc += QStringLiteral("---|");
    doc += QLatin1Char('\n');
    for (const EventFieldInfo &info : eventFields()) {
        doc += QStringLiteral("| `") + QLatin1String(info.column) + QStringLiteral("` |");
        for (const FieldDialect d : dialects()) {
            const auto target = lookup(d, info.field);
            doc += target ? QStringLiteral(" `") + target->name + QLatin1Char('`') + formNote(target->form)
                          : QStringLiteral(" —");
            doc += QStringLiteral(" |");
        }
        doc += QLatin1Char('\n');
    }
    doc += QStringLiteral(
        "\n"
        "Notes on the marked names (the exporters apply them; other modifiers are refused with an error):\n"
        "\n"
        "1. The target may hold the FQDN (`wks-fin-023.corp.example.com`) where Tunebench keeps the short\n"
        "   name: `host: wks-fin-023` is written as \"equals `wks-fin-023` or starts with `wks-fin-023.`\".\n"
        "   `startswith` is kept; other modifiers are refused.\n"
        "2. The target may hold `DOMAIN\\user`: `user: jdoe` is written as \"equals `jdoe` or ends with\n"
        "   `\\jdoe`\". `endswith` is kept; other modifiers are refused.\n"
        "3. The target is the full path: `parent_name: msiexec.exe` is written as \"ends with "
        "`\\msiexec.exe` or\n"
        "   `/msiexec.exe`\". `endswith` is kept; other modifiers are refused.\n"
        "4. The value sits inside the task's XML (TaskContent, SecurityEvent's EventData, or DeviceEvents'\n"
        "   AdditionalFields), so only `contains` and `re` can be exported. The XML writes `&`, `<` and `>`\n"
        "   as entities, and a value spanning command and arguments does not appear in one piece there.\n"
        "5. An integer column: only equality with a whole number can be exported.\n"
        "\n"
        "Matching: Splunk's `search` and KQL's `=~`, `contains`, `startswith`, `endswith` compare without\n"
        "case, as Tunebench does; Sigma values are case-insensitive by the specification. Elastic exception\n"
        "entries (`match`, `match_any`, `wildcard`) compare as the field is indexed, which for `keyword`\n"
        "fields means with case: a decision's values are taken from the events, so they carry the case the\n"
        "data has.\n");
    return doc;
}

} // namespace tb
