#include "DefenderHuntingRow.h"

#include "FieldNormalizer.h"
#include "FilePath.h"
#include "JsonFlattener.h"
#include "NormalizedEvent.h"
#include "TaskContentParser.h"

namespace tb {

namespace {

QString account(const QString &domain, const QString &name) {
    return domain.isEmpty() || name.isEmpty() ? name : domain + QLatin1Char('\\') + name;
}

QString hashes(const FlatJson &row, const QString &prefix) {
    QStringList parts;
    for (const char *algorithm : {"SHA1", "SHA256", "MD5"}) {
        if (const QString h = row.value(prefix + QLatin1String(algorithm)); !h.isEmpty())
            parts << QLatin1String(algorithm) + QLatin1Char('=') + h;
    }
    return parts.join(QLatin1Char(','));
}

QString taskOperation(const QString &actionType) {
    static const QLatin1String prefix("ScheduledTask");
    if (!actionType.startsWith(prefix))
        return {};
    const QString verb = actionType.mid(prefix.size()).toLower();
    for (const char *op : {"created", "updated", "deleted", "enabled", "disabled"}) {
        if (verb == QLatin1String(op))
            return verb;
    }
    return QStringLiteral("unknown");
}

} // namespace

bool DefenderHuntingRow::apply(const FlatJson &row, NormalizedEvent &event, const ReaderContext &context,
                               ImportIssue &issue, FlatJson *rawFields) {
    const QString timestamp = row.value("Timestamp");
    if (const QString problem = normalize::assign(event, EventField::TimeUtc, timestamp, context.times);
        !problem.isEmpty()) {
        issue.field = QStringLiteral("Timestamp");
        issue.problem = problem;
        return false;
    }
    const QString actionType = row.value("ActionType");
    event.set(EventField::EventCode, actionType);
    event.set(EventField::EventSource, actionType == QLatin1String("ProcessCreated")
                                           ? QStringLiteral("DeviceProcessEvents")
                                       : actionType.startsWith(QLatin1String("ScheduledTask"))
                                           ? QStringLiteral("DeviceEvents")
                                           : QStringLiteral("Defender advanced hunting"));
    event.set(EventField::RecordId, row.value("ReportId"));
    event.set(EventField::RuleName,
              context.ruleName.isEmpty() ? QStringLiteral("Defender %1").arg(actionType) : context.ruleName);
    event.set(EventField::RuleSource, QStringLiteral("defender"));
    // ReportId is a counter per device: only the three together name one row (FORMATS.md §6.2).
    event.identity =
        row.value("DeviceId") + QLatin1Char('|') + row.value("ReportId") + QLatin1Char('|') + timestamp;
    normalize::setHost(event, row.value("DeviceName"));

    normalize::setUser(event, account(row.value("AccountDomain"), row.value("AccountName")));
    event.setIfEmpty(EventField::UserSid, row.value("AccountSid"));
    if (event.value(EventField::User).isEmpty())
        normalize::setUser(event, row.value("AccountUpn"));

    const QString image = joinFilePath(row.value("FolderPath"), row.value("FileName"));
    if (!image.isEmpty()) { // a process row: the new process, created by the initiating one
        normalize::setProcessImage(event, image);
        event.set(EventField::ProcessPid, normalize::pid(row.value("ProcessId")));
        event.set(EventField::CommandLine, row.value("ProcessCommandLine"));
        event.set(EventField::Hashes, hashes(row, {}));
        normalize::setParentImage(event, joinFilePath(row.value("InitiatingProcessFolderPath"),
                                                      row.value("InitiatingProcessFileName")));
        event.set(EventField::ParentPid, normalize::pid(row.value("InitiatingProcessId")));
        event.set(EventField::ParentCommandLine, row.value("InitiatingProcessCommandLine"));
    } else { // DeviceEvents: the initiating process did it
        normalize::setProcessImage(event, joinFilePath(row.value("InitiatingProcessFolderPath"),
                                                       row.value("InitiatingProcessFileName")));
        event.set(EventField::ProcessPid, normalize::pid(row.value("InitiatingProcessId")));
        event.set(EventField::CommandLine, row.value("InitiatingProcessCommandLine"));
        event.set(EventField::Hashes, hashes(row, QStringLiteral("InitiatingProcess")));
        normalize::setParentImage(event, row.value("InitiatingProcessParentFileName"));
        event.set(EventField::ParentPid, normalize::pid(row.value("InitiatingProcessParentId")));
    }
    event.set(EventField::SourceIp, row.value("RemoteIP"));
    event.set(EventField::TargetHost, row.value("RemoteDeviceName"));
    event.setIfEmpty(EventField::TargetPath, row.value("RegistryKey"));

    // The task itself is JSON inside the AdditionalFields string (decoded a second time here).
    event.set(EventField::TaskOperation, taskOperation(actionType));
    if (const QString additional = row.value("AdditionalFields"); additional.startsWith(QLatin1Char('{'))) {
        FlatJson fields;
        if (m_json.flatten(additional.toUtf8(), fields, nullptr, QStringLiteral("AdditionalFields"))) {
            event.setIfEmpty(EventField::TaskName, fields.value("AdditionalFields.TaskName"));
            normalize::setUser(event, account(fields.value("AdditionalFields.SubjectDomainName"),
                                              fields.value("AdditionalFields.SubjectUserName")));
            event.setIfEmpty(EventField::UserSid, fields.value("AdditionalFields.SubjectUserSid"));
            if (const QString content = fields.value("AdditionalFields.TaskContent"); !content.isEmpty())
                TaskContentParser::apply(content, event); // a SIEM row stays, whatever its definition says
            if (rawFields) {
                for (const auto &[key, value] : fields.items())
                    rawFields->add(key, value);
            }
        }
    }
    normalize::finish(event); // schtasks/at command lines, the platform
    return true;
}

} // namespace tb
