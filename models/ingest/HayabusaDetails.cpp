#include "HayabusaDetails.h"

#include "FieldNormalizer.h"
#include "ImportIssue.h"
#include "JsonFlattener.h"
#include "JsonText.h"
#include "NormalizedEvent.h"
#include "TaskCommandParser.h"
#include "TaskContentParser.h"

#include <QHash>
#include <QRegularExpression>

namespace tb {

namespace {

bool isEmptyMarker(QStringView value) {
    return value == QLatin1String("n/a") || value == QLatin1String("-");
}

// Keys are single words (Cmdline, SrcIP, TaskContent); anything else is part of a value.
bool isKey(QStringView key) {
    if (key.isEmpty() || key.size() > 64)
        return false;
    for (const QChar c : key) {
        if (c.isSpace() || c == QLatin1Char('<') || c == QLatin1Char('"'))
            return false;
    }
    return true;
}

QString taskOperation(bool taskAudit, bool taskScheduler, int id) {
    if (taskAudit) {
        switch (id) {
        case 4698:
            return QStringLiteral("created");
        case 4699:
            return QStringLiteral("deleted");
        case 4700:
            return QStringLiteral("enabled");
        case 4701:
            return QStringLiteral("disabled");
        case 4702:
            return QStringLiteral("updated");
        default:
            return {};
        }
    }
    if (taskScheduler) {
        switch (id) {
        case 106:
            return QStringLiteral("created");
        case 140:
            return QStringLiteral("updated");
        case 141:
            return QStringLiteral("deleted");
        case 100:
        case 129:
        case 200:
        case 201:
            return QStringLiteral("executed");
        default:
            return {};
        }
    }
    return {};
}

// C:\Windows\System32\Tasks\Corp\Backup → \Corp\Backup (the task file of Sysmon 11 and the like).
QString taskNameFromTaskFile(const QString &path) {
    for (const char *folder : {"\\System32\\Tasks\\", "\\SysWOW64\\Tasks\\", "\\Windows\\Tasks\\"}) {
        const qsizetype at = path.indexOf(QLatin1String(folder), 0, Qt::CaseInsensitive);
        if (at >= 0)
            return path.mid(at + qsizetype(qstrlen(folder)) - 1);
    }
    return {};
}

QString mitreJson(const QStringList &tags) {
    static const QRegularExpression technique(QStringLiteral("^T\\d{4}(\\.\\d{3})?$"));
    QString out = QStringLiteral("[");
    bool first = true;
    for (QString tag : tags) {
        tag = tag.trimmed().toUpper();
        if (tag.startsWith(QLatin1String("ATTACK.")))
            tag.remove(0, 7);
        if (!technique.match(tag).hasMatch())
            continue; // software (S0111), groups and tactics are not techniques
        if (!first)
            out += QLatin1Char(',');
        appendJsonString(out, tag);
        first = false;
    }
    return first ? QString() : out + QLatin1Char(']');
}

} // namespace

HayabusaDetails HayabusaDetails::parse(QStringView text) {
    HayabusaDetails result;
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty() || isEmptyMarker(trimmed))
        return result;

    static const QString bar = QStringLiteral(" \u00A6 ");
    QString separator = bar;
    if (!trimmed.contains(bar)) {
        if (trimmed.contains(QLatin1Char('\n')))
            separator = QStringLiteral("\n");
        else if (trimmed.contains(QLatin1Char('\t')))
            separator = QStringLiteral("\t");
    }
    for (QStringView piece : trimmed.split(separator)) {
        if (separator == QLatin1String("\n") && piece.endsWith(QLatin1Char('\r')))
            piece.chop(1);
        const qsizetype colon = piece.indexOf(QLatin1String(": "));
        const QStringView key = colon < 0 ? QStringView() : piece.left(colon).trimmed();
        if (colon < 0 && piece.endsWith(QLatin1Char(':')) && isKey(piece.chopped(1))) {
            result.add(piece.chopped(1).toString(), QString()); // "Key:" with nothing after it
            continue;
        }
        if (!isKey(key)) {
            if (result.m_entries.isEmpty())
                result.add(QString(), piece.toString());
            else
                result.m_entries.last().value += separator + piece;
            continue;
        }
        result.add(key.toString(), piece.mid(colon + 2).toString());
    }
    return result;
}

void HayabusaDetails::add(const QString &key, const QString &value) {
    m_entries.append({key, isEmptyMarker(value) ? QString() : value});
}

QString HayabusaDetails::value(std::initializer_list<const char *> keys) const {
    for (const char *key : keys) {
        for (const Entry &entry : m_entries) {
            if (!entry.value.isEmpty() && entry.key == QLatin1String(key))
                return entry.value;
        }
    }
    return {};
}

void HayabusaDetails::resolveDuplicates(QHash<QString, QString> &previous) {
    for (Entry &entry : m_entries) {
        if (entry.value == QLatin1String("DUP"))
            entry.value = previous.value(entry.key);
        else
            previous.insert(entry.key, entry.value);
    }
}

void HayabusaDetails::addTo(FlatJson &out, const QString &prefix) const {
    QList<QPair<QString, QStringList>> merged;
    QHash<QString, qsizetype> index;
    for (const Entry &entry : m_entries) {
        const auto it = index.constFind(entry.key);
        if (it == index.cend()) {
            index.insert(entry.key, merged.size());
            merged.append({entry.key, {entry.value}});
        } else {
            merged[*it].second.append(entry.value);
        }
    }
    for (const auto &[key, values] : merged) {
        const QString name = key.isEmpty() ? prefix : prefix + QLatin1Char('.') + key;
        if (values.size() == 1) {
            out.add(name, values.first());
            continue;
        }
        QString array = QStringLiteral("[");
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (i > 0)
                array += QLatin1Char(',');
            appendJsonString(array, values[i]);
        }
        out.add(name, array + QLatin1Char(']'));
    }
}

QString HayabusaDetails::taskContent() const {
    return value({"Content", "TaskContent", "TaskContentNew"});
}

void HayabusaDetails::apply(NormalizedEvent &event) const {
    using F = EventField;
    const QString &channel = event.value(F::EventSource);
    const int id = event.value(F::EventCode).toInt();
    const bool security = channel == QLatin1String("Security");
    const bool sysmon = channel == QLatin1String("Microsoft-Windows-Sysmon/Operational");
    const bool taskScheduler = channel == QLatin1String("Microsoft-Windows-TaskScheduler/Operational");
    const bool taskAudit = security && id >= 4698 && id <= 4702;
    const bool processCreation4688 = security && id == 4688;

    event.setIfEmpty(F::CommandLine, value({"Cmdline", "CmdLine", "Cmd", "CommandLine"}));
    event.setIfEmpty(F::ParentCommandLine,
                     value({"ParentCmdline", "ParentCmdLine", "ParentCmd", "ParentCommandLine"}));

    QString image = value({"Proc", "NewProcessName"});
    if (image.isEmpty() && processCreation4688)
        image = value({"Path"});
    if (image.isEmpty() && !(sysmon && id == 7)) // Sysmon 7 "Image" is the loaded DLL
        image = value({"Image"});
    normalize::setProcessImage(event, image);
    normalize::setParentImage(event, value({"ParentImage", "ParentProc", "ParentProcessName"}));

    // 4688 "ProcessId" is the parent; 4698–4702 name the client (schtasks.exe) ClientProcessId.
    QString pid = value({"PID", "NewProcessId"});
    if (pid.isEmpty() && !processCreation4688)
        pid = value({"ProcessId"});
    const QString clientPid = value({"ClientProcessId"});
    if (pid.isEmpty() && taskAudit && clientPid != QLatin1String("0"))
        pid = clientPid;
    event.setIfEmpty(F::ProcessPid, normalize::pid(pid));
    QString parentPid = value({"ParentPID", "ParentProcessId"});
    if (parentPid.isEmpty() && processCreation4688)
        parentPid = value({"ProcessId"});
    if (parentPid != QLatin1String("0"))
        event.setIfEmpty(F::ParentPid, normalize::pid(parentPid));

    // TaskScheduler UserContext/UserName is who registered or changed the task (FORMATS §7.5).
    normalize::setUser(event, value({"User", "SrcUser", "SubjectUserName", "UserContext", "UserName"}));
    event.setIfEmpty(F::UserDomain, value({"SubjectDomainName", "Domain"}));
    event.setIfEmpty(F::UserSid, value({"SubjectUserSid", "SID", "UserSid"}));
    event.setIfEmpty(F::Hashes, value({"Hashes", "Hash"}));
    event.setIfEmpty(F::SourceIp,
                     value({"SrcIP", "IpAddress", "SourceIp", "SourceAddress", "ClientAddress"}));

    QString path = processCreation4688 ? QString() : value({"Path"});
    if (path.isEmpty())
        path = value({"TargetFilename", "RelativeTargetName", "TargetObject", "TgtObj", "RegKey"});
    event.setIfEmpty(F::TargetPath, path);

    if (taskAudit || taskScheduler) {
        event.setIfEmpty(F::TaskName, value({"Name", "TaskName"}));
        event.setIfEmpty(F::TaskOperation, taskOperation(taskAudit, taskScheduler, id));
    } else {
        event.setIfEmpty(F::TaskName, value({"TaskName"}));
    }
    if (taskScheduler)
        event.setIfEmpty(F::TaskAction, value({"Action", "ActionName"}));
    if (taskAudit && !clientPid.isEmpty()) // 0: registered over RPC from elsewhere (FORMATS §7.2)
        event.setIfEmpty(F::TaskRemote,
                         clientPid == QLatin1String("0") ? QStringLiteral("1") : QStringLiteral("0"));
    if (taskAudit) {
        // The Task Scheduler XML; in CSV its whitespace is collapsed, which XML does not mind.
        const QString content =
            id == 4702 ? value({"TaskContentNew", "Content", "TaskContent"}) : taskContent();
        if (!content.trimmed().isEmpty())
            TaskContentParser::apply(content, event); // a definition that does not parse leaves the rest
    }
    if (const QString fromFile = taskNameFromTaskFile(event.value(F::TargetPath)); !fromFile.isEmpty())
        event.setIfEmpty(F::TaskName, fromFile);
}

NormalizedTime HayabusaTimeParser::normalize(QStringView text) {
    const QString t = text.trimmed().toString();
    if (NormalizedTime time = m_times.normalize(t); time.ok())
        return time;

    // --US-time, --US-military-time, --European-time: "MM-DD-YYYY" or "DD-MM-YYYY".
    static const QRegularExpression dashed(
        QStringLiteral("^(\\d{1,2})-(\\d{1,2})-(\\d{4})[ T](\\d{1,2}):(\\d{2})(:\\d{2}(?:[.,]\\d+)?)?"
                       "\\s*(?:([AaPp][Mm])(?:\\s+|$))?(.*)$"));
    if (const QRegularExpressionMatch m = dashed.match(t); m.hasMatch()) {
        const int first = m.captured(1).toInt();
        const int second = m.captured(2).toInt();
        int hour = m.captured(4).toInt();
        const QString meridiem = m.captured(7).toUpper();
        Order order = m_order;
        if (!meridiem.isEmpty()) {
            order = Order::MonthFirst; // only the US form writes AM/PM
            if (hour < 1 || hour > 12)
                return {};
            hour = hour % 12 + (meridiem == QLatin1String("PM") ? 12 : 0);
        } else if (first > 12) {
            order = m_order = Order::DayFirst;
        } else if (second > 12) {
            order = m_order = Order::MonthFirst;
        }
        const bool monthFirst = order == Order::MonthFirst;
        const int month = monthFirst ? first : second;
        const int day = monthFirst ? second : first;
        const QString iso = QStringLiteral("%1-%2-%3 %4:%5%6 %7")
                                .arg(m.captured(3))
                                .arg(month, 2, 10, QLatin1Char('0'))
                                .arg(day, 2, 10, QLatin1Char('0'))
                                .arg(hour, 2, 10, QLatin1Char('0'))
                                .arg(m.captured(5), m.captured(6), m.captured(8).trimmed());
        return m_times.normalize(QStringView(iso).trimmed());
    }

    // --RFC-2822: "Tue, 4 Mar 2025 17:12:03 +0900".
    static const QRegularExpression rfc2822(
        QStringLiteral("^(?:[A-Za-z]{3},\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+(\\d{4})\\s+"
                       "(\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?)\\s*(.*)$"));
    if (const QRegularExpressionMatch m = rfc2822.match(t); m.hasMatch()) {
        static const QStringList months = {
            QStringLiteral("jan"), QStringLiteral("feb"), QStringLiteral("mar"), QStringLiteral("apr"),
            QStringLiteral("may"), QStringLiteral("jun"), QStringLiteral("jul"), QStringLiteral("aug"),
            QStringLiteral("sep"), QStringLiteral("oct"), QStringLiteral("nov"), QStringLiteral("dec")};
        const qsizetype month = months.indexOf(m.captured(2).toLower());
        if (month < 0)
            return {};
        const QString iso = QStringLiteral("%1-%2-%3 %4 %5")
                                .arg(m.captured(3))
                                .arg(month + 1, 2, 10, QLatin1Char('0'))
                                .arg(m.captured(1).toInt(), 2, 10, QLatin1Char('0'))
                                .arg(m.captured(4), m.captured(5));
        return m_times.normalize(QStringView(iso).trimmed());
    }
    return {};
}

QString hayabusaChannelName(const QString &channel) {
    // Only the abbreviations that stand for one channel; AppLocker and SecMitig stand for several.
    static const QHash<QString, QString> names{
        {QStringLiteral("Sec"), QStringLiteral("Security")},
        {QStringLiteral("Sys"), QStringLiteral("System")},
        {QStringLiteral("App"), QStringLiteral("Application")},
        {QStringLiteral("Sysmon"), QStringLiteral("Microsoft-Windows-Sysmon/Operational")},
        {QStringLiteral("TaskSch"), QStringLiteral("Microsoft-Windows-TaskScheduler/Operational")},
        {QStringLiteral("PwSh"), QStringLiteral("Microsoft-Windows-PowerShell/Operational")},
        {QStringLiteral("PwShClassic"), QStringLiteral("Windows PowerShell")},
        {QStringLiteral("PwShCore"), QStringLiteral("PowerShellCore")},
        {QStringLiteral("Defender"), QStringLiteral("Microsoft-Windows-Windows Defender/Operational")},
        {QStringLiteral("Firewall"),
         QStringLiteral("Microsoft-Windows-Windows Firewall With Advanced Security/Firewall")},
        {QStringLiteral("WinRM"), QStringLiteral("Microsoft-Windows-WinRM/Operational")},
        {QStringLiteral("WMI"), QStringLiteral("Microsoft-Windows-WMI-Activity/Operational")},
        {QStringLiteral("BitsCli"), QStringLiteral("Microsoft-Windows-Bits-Client/Operational")},
        {QStringLiteral("NTLM"), QStringLiteral("Microsoft-Windows-NTLM/Operational")},
        {QStringLiteral("CodeInteg"), QStringLiteral("Microsoft-Windows-CodeIntegrity/Operational")},
        {QStringLiteral("GroupPolicy"), QStringLiteral("Microsoft-Windows-GroupPolicy/Operational")},
        {QStringLiteral("Forwarding"), QStringLiteral("Microsoft-Windows-Forwarding/Operational")},
        {QStringLiteral("OpenSSH"), QStringLiteral("OpenSSH/Operational")},
        {QStringLiteral("RDP-Cli"),
         QStringLiteral("Microsoft-Windows-TerminalServices-RDPClient/Operational")},
        {QStringLiteral("RDS-LSM"),
         QStringLiteral("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational")},
        {QStringLiteral("RDS-RCM"),
         QStringLiteral("Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational")},
        {QStringLiteral("PrintAdm"), QStringLiteral("Microsoft-Windows-PrintService/Admin")},
        {QStringLiteral("PrintOp"), QStringLiteral("Microsoft-Windows-PrintService/Operational")},
        {QStringLiteral("DNS-Svr"), QStringLiteral("DNS Server")},
        {QStringLiteral("Exchange"), QStringLiteral("MSExchange Management")},
    };
    return names.value(channel, channel);
}

bool HayabusaRecord::toEvent(NormalizedEvent &event, HayabusaTimeParser &times, ImportIssue &issue) const {
    using F = EventField;
    if (timestamp.trimmed().isEmpty()) {
        event.set(F::TimeConfidence, QStringLiteral("missing"));
    } else {
        const NormalizedTime time = times.normalize(timestamp);
        if (!time.ok()) {
            issue.field = QStringLiteral("Timestamp");
            issue.problem =
                QStringLiteral("\"%1\" is not a time this reader understands").arg(timestamp.left(64));
            return false;
        }
        event.set(F::TimeUtc, time.utc);
        event.set(F::TimeOriginal, timestamp);
        event.set(F::TimeConfidence, time.confidence);
    }
    normalize::setHost(event, computer);
    event.set(F::RuleName, ruleTitle);
    event.set(F::RuleId, ruleId);
    event.set(F::RuleSource, QStringLiteral("hayabusa"));
    event.set(F::SeverityRaw, level);
    event.set(F::Severity, normalize::severity(level));
    event.set(F::EventSource, hayabusaChannelName(channel));
    event.set(F::EventCode, eventId);
    event.set(F::RecordId, recordId);
    event.set(F::Mitre, mitreJson(mitreTags));
    event.set(F::Platform, QStringLiteral("windows")); // Hayabusa reads Windows event logs only

    details.apply(event);
    if (const auto task = TaskCommandParser::parse(event.value(F::CommandLine)))
        TaskCommandParser::apply(*task, event);

    // Several rules can fire on one record: the rule belongs to the identity.
    event.identity = computer + QLatin1Char('|') + channel + QLatin1Char('|') + recordId + QLatin1Char('|') +
                     (ruleId.isEmpty() ? ruleTitle : ruleId);
    return true;
}

} // namespace tb
