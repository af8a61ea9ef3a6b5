#include "WindowsEventXml.h"

#include "FieldNormalizer.h"
#include "JsonFlattener.h"
#include "NormalizedEvent.h"
#include "TaskCommandParser.h"
#include "TaskContentParser.h"
#include "TimeNormalizer.h"

#include <pugixml.hpp>

#include <cstring>
#include <sstream>

namespace tb {

namespace {

const char *localName(const pugi::xml_node &node) {
    const char *name = node.name();
    const char *colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

bool isElement(const pugi::xml_node &node, const char *name) {
    return node.type() == pugi::node_element && std::strcmp(localName(node), name) == 0;
}

pugi::xml_node child(const pugi::xml_node &node, const char *name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (isElement(c, name))
            return c;
    }
    return {};
}

QString utf8(const char *text) {
    return QString::fromUtf8(text);
}

bool fail(QString *error, const QString &why) {
    if (error)
        *error = why;
    return false;
}

// The parts of one event, by the names the event uses.
struct EventParts {
    FlatJson system;    // "EventID", "Channel", "TimeCreated.SystemTime", "Provider.Name", ...
    FlatJson data;      // EventData/Data@Name (or UserData leaves) → text
    FlatJson rawFields; // both, prefixed "System." / "EventData." / "UserData.", for events.raw_fields

    // Windows writes "-" for "no value" in many Data fields.
    QString value(const char *name) const {
        const QString v = data.value(name);
        return v == QLatin1String("-") ? QString() : v;
    }
};

void collectSystem(const pugi::xml_node &system, EventParts &parts) {
    for (pugi::xml_node c = system.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element)
            continue;
        const QString name = utf8(localName(c));
        if (const QString text = utf8(c.text().get()).trimmed(); !text.isEmpty()) {
            parts.system.add(name, text);
            parts.rawFields.add(QStringLiteral("System.") + name, text);
        }
        for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) {
            if (*a.value() == '\0')
                continue; // python-evtx spells out empty attributes
            const QString key = name + QLatin1Char('.') + utf8(a.name());
            parts.system.add(key, utf8(a.value()));
            parts.rawFields.add(QStringLiteral("System.") + key, utf8(a.value()));
        }
    }
}

void collectUserData(const pugi::xml_node &node, EventParts &parts) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element)
            continue;
        if (c.find_child([](const pugi::xml_node &n) { return n.type() == pugi::node_element; })) {
            collectUserData(c, parts); // a container such as <EventXML>: its leaves are the fields
            continue;
        }
        const QString name = utf8(localName(c));
        const QString text = utf8(c.text().get());
        parts.data.add(name, text);
        parts.rawFields.add(QStringLiteral("UserData.") + name, text);
    }
}

void collectData(const pugi::xml_node &event, EventParts &parts) {
    if (const pugi::xml_node eventData = child(event, "EventData")) {
        if (const char *name = eventData.attribute("Name").value(); *name)
            parts.rawFields.add(QStringLiteral("EventData@Name"), utf8(name)); // TaskScheduler: "ActionStart"
        int unnamed = 0;
        for (pugi::xml_node d = eventData.first_child(); d; d = d.next_sibling()) {
            if (d.type() != pugi::node_element)
                continue;
            QString name = utf8(d.attribute("Name").value());
            if (name.isEmpty())
                name = utf8(localName(d)) + QLatin1Char('.') + QString::number(unnamed++);
            const QString text = utf8(d.text().get());
            parts.data.add(name, text);
            parts.rawFields.add(QStringLiteral("EventData.") + name, text);
        }
    }
    if (const pugi::xml_node userData = child(event, "UserData"))
        collectUserData(userData, parts);
    if (const pugi::xml_node message = child(child(event, "RenderingInfo"), "Message"))
        parts.rawFields.add(QStringLiteral("RenderingInfo.Message"), utf8(message.text().get()));
}

bool hasZone(const QString &time) {
    if (time.endsWith(QLatin1Char('Z'), Qt::CaseInsensitive))
        return true;
    const QStringView clock = QStringView(time).mid(11); // after the date
    return clock.contains(QLatin1Char('+')) || clock.contains(QLatin1Char('-'));
}

// SystemTime is UTC by definition, even where python-evtx writes it without a 'Z'.
bool setTime(const EventParts &parts, NormalizedEvent &event, const TimeNormalizer &times, QString *error) {
    if (!event.value(EventField::TimeUtc).isEmpty())
        return true;
    const char *source = "TimeCreated SystemTime";
    QString original = parts.system.value("TimeCreated.SystemTime");
    if (original.isEmpty()) {
        source = "UtcTime";
        original = parts.data.value("UtcTime"); // Sysmon, when System lacks it
    }
    if (original.isEmpty())
        return true;
    const NormalizedTime time = times.normalize(hasZone(original) ? original : original + QLatin1Char('Z'));
    if (!time.ok())
        return fail(error,
                    QStringLiteral("%1 \"%2\" is not a time").arg(QLatin1String(source), original.left(64)));
    event.set(EventField::TimeUtc, time.utc);
    event.set(EventField::TimeOriginal, original);
    event.set(EventField::TimeConfidence, time.confidence);
    return true;
}

enum class Source { Security, Sysmon, TaskScheduler, Other };

Source sourceOf(const QString &provider, const QString &channel) {
    if (provider == QLatin1String("Microsoft-Windows-Security-Auditing") ||
        channel == QLatin1String("Security"))
        return Source::Security;
    if (provider.contains(QLatin1String("Sysmon")) ||
        channel.startsWith(QLatin1String("Microsoft-Windows-Sysmon")))
        return Source::Sysmon;
    if (provider == QLatin1String("Microsoft-Windows-TaskScheduler") ||
        channel.startsWith(QLatin1String("Microsoft-Windows-TaskScheduler")))
        return Source::TaskScheduler;
    return Source::Other;
}

QString shortText(Source source, int id) {
    struct Entry {
        Source source;
        int id;
        const char *text;
    };
    static const Entry table[] = {
        {Source::Security, 4698, "Scheduled task created"},
        {Source::Security, 4699, "Scheduled task deleted"},
        {Source::Security, 4700, "Scheduled task enabled"},
        {Source::Security, 4701, "Scheduled task disabled"},
        {Source::Security, 4702, "Scheduled task updated"},
        {Source::Security, 4688, "Process created"},
        {Source::Security, 5145, "Network share object checked"},
        {Source::Sysmon, 1, "Sysmon process created"},
        {Source::Sysmon, 11, "Sysmon file created"},
        {Source::Sysmon, 12, "Sysmon registry key created or deleted"},
        {Source::Sysmon, 13, "Sysmon registry value set"},
        {Source::TaskScheduler, 100, "Task started"},
        {Source::TaskScheduler, 102, "Task completed"},
        {Source::TaskScheduler, 106, "Task registered"},
        {Source::TaskScheduler, 129, "Task process created"},
        {Source::TaskScheduler, 140, "Task registration updated"},
        {Source::TaskScheduler, 141, "Task registration deleted"},
        {Source::TaskScheduler, 200, "Task action started"},
        {Source::TaskScheduler, 201, "Task action completed"},
    };
    for (const Entry &e : table) {
        if (e.source == source && e.id == id)
            return QLatin1String(e.text);
    }
    return {};
}

void applyTaskCommand(NormalizedEvent &event) {
    if (const auto task = TaskCommandParser::parse(event.value(EventField::CommandLine)))
        TaskCommandParser::apply(*task, event);
}

// "\\*\SYSVOL" + "corp.example.com\Policies\…" → one UNC-style path.
QString joinShare(const QString &share, const QString &relative) {
    if (share.isEmpty())
        return relative;
    if (relative.isEmpty())
        return share;
    return share + QLatin1Char('\\') + relative;
}

// C:\Windows\System32\Tasks\Corp\Nightly → \Corp\Nightly (also SysWOW64\Tasks, C:\Windows\Tasks).
QString taskNameFromTaskFile(const QString &path) {
    const qsizetype at = path.indexOf(QLatin1String("\\Tasks\\"), 0, Qt::CaseInsensitive);
    return at < 0 ? QString() : path.mid(at + 6);
}

// …\Schedule\TaskCache\Tree\Corp\Nightly\Id → \Corp\Nightly (the last part is the value name).
QString taskNameFromTaskCache(const QString &key, bool endsWithValueName) {
    const qsizetype at = key.indexOf(QLatin1String("\\TaskCache\\Tree\\"), 0, Qt::CaseInsensitive);
    if (at < 0)
        return {};
    QString name = key.mid(at + 15); // keeps the backslash before the task path
    if (endsWithValueName)
        name.truncate(name.lastIndexOf(QLatin1Char('\\')));
    return name.size() > 1 ? name : QString();
}

void mapSecurity(int id, const EventParts &parts, NormalizedEvent &event, QString *taskContentProblem) {
    const QString domain = parts.value("SubjectDomainName");
    const QString name = parts.value("SubjectUserName");
    normalize::setUser(event, domain.isEmpty() || name.isEmpty() ? name : domain + QLatin1Char('\\') + name);
    event.setIfEmpty(EventField::UserSid, parts.value("SubjectUserSid"));

    if (id >= 4698 && id <= 4702) {
        event.setIfEmpty(EventField::TaskName, parts.value("TaskName"));
        // ClientProcessId is the registering process (schtasks.exe: the 4688 NewProcessId); 0 means
        // the task came in over RPC from another machine (Elastic rule 9c865691).
        const QString client = parts.value("ClientProcessId");
        if (!client.isEmpty()) {
            const bool remote = client == QLatin1String("0");
            event.setIfEmpty(EventField::TaskRemote, remote ? QStringLiteral("1") : QStringLiteral("0"));
            if (!remote)
                event.setIfEmpty(EventField::ProcessPid, normalize::pid(client));
        }
        if (const QString parent = normalize::pid(parts.value("ParentProcessId"));
            parent != QLatin1String("0"))
            event.setIfEmpty(EventField::ParentPid, parent);
        const QString content = id == 4702 && parts.data.contains(QStringLiteral("TaskContentNew"))
                                    ? parts.value("TaskContentNew")
                                    : parts.value("TaskContent");
        if (!content.trimmed().isEmpty()) // a broken definition still leaves the event
            TaskContentParser::apply(content, event, taskContentProblem);
        return;
    }
    if (id == 4688) {
        normalize::setProcessImage(event, parts.value("NewProcessName"));
        event.setIfEmpty(EventField::ProcessPid, normalize::pid(parts.value("NewProcessId")));
        event.setIfEmpty(EventField::CommandLine, parts.value("CommandLine"));
        event.setIfEmpty(EventField::ParentPid, normalize::pid(parts.value("ProcessId"))); // hex, the creator
        normalize::setParentImage(event, parts.value("ParentProcessName"));
        applyTaskCommand(event);
        return;
    }
    if (id == 5145) {
        event.setIfEmpty(EventField::TargetPath,
                         joinShare(parts.value("ShareName"), parts.value("RelativeTargetName")));
        event.setIfEmpty(EventField::SourceIp, parts.value("IpAddress"));
    }
}

void mapSysmon(int id, const EventParts &parts, NormalizedEvent &event) {
    normalize::setUser(event, parts.value("User"));
    normalize::setProcessImage(event, parts.value("Image"));
    event.setIfEmpty(EventField::ProcessPid, normalize::pid(parts.value("ProcessId")));
    if (id == 1) {
        event.setIfEmpty(EventField::CommandLine, parts.value("CommandLine"));
        normalize::setParentImage(event, parts.value("ParentImage"));
        event.setIfEmpty(EventField::ParentPid, normalize::pid(parts.value("ParentProcessId")));
        event.setIfEmpty(EventField::ParentCommandLine, parts.value("ParentCommandLine"));
        event.setIfEmpty(EventField::Hashes, parts.value("Hashes"));
        applyTaskCommand(event);
    } else if (id == 11) {
        const QString path = parts.value("TargetFilename");
        event.setIfEmpty(EventField::TargetPath, path);
        event.setIfEmpty(EventField::TaskName, taskNameFromTaskFile(path));
    } else if (id == 12 || id == 13 || id == 14) {
        const QString key = parts.value("TargetObject");
        event.setIfEmpty(EventField::TargetPath, key);
        event.setIfEmpty(EventField::TaskName, taskNameFromTaskCache(key, id == 13));
    }
}

void mapTaskScheduler(int id, const EventParts &parts, NormalizedEvent &event) {
    event.setIfEmpty(EventField::TaskName, parts.value("TaskName"));
    normalize::setUser(event, parts.value("UserContext"));
    normalize::setUser(event, parts.value("UserName"));
    if (id == 200 || id == 201)
        event.setIfEmpty(EventField::TaskAction, parts.value("ActionName"));
    if (id == 129) {
        normalize::setProcessImage(event, parts.value("Path"));
        event.setIfEmpty(EventField::ProcessPid, normalize::pid(parts.value("ProcessID")));
    }
}

} // namespace

QString WindowsEventXml::taskOperation(QStringView provider, QStringView eventId) {
    bool ok = false;
    const int id = eventId.toInt(&ok);
    if (!ok)
        return {};
    if (provider.contains(QLatin1String("TaskScheduler"))) {
        switch (id) {
        case 106:
            return QStringLiteral("created");
        case 140:
            return QStringLiteral("updated");
        case 141:
            return QStringLiteral("deleted");
        case 142:
            return QStringLiteral("disabled");
        case 100:
        case 102:
        case 129:
        case 200:
        case 201:
            return QStringLiteral("executed");
        default:
            return {};
        }
    }
    if (!provider.isEmpty() && !provider.contains(QLatin1String("Security")))
        return {};
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

bool WindowsEventXml::apply(const QString &eventXml, NormalizedEvent &event, const TimeNormalizer &times,
                            QString *error) {
    const qsizetype start = eventXml.indexOf(QLatin1Char('<'));
    if (start < 0)
        return fail(error, QStringLiteral("not XML: no element in the text"));
    const QStringView xml = QStringView(eventXml).mid(start).trimmed();
    if (xml.contains(QLatin1String("<!DOCTYPE"), Qt::CaseInsensitive))
        return fail(error,
                    QStringLiteral("the event XML declares a DOCTYPE; refused (events never have one)"));

    // pugixml gets UTF-8 and is told so: the text was decoded already, whatever a declaration says.
    const QByteArray bytes = xml.toUtf8();
    pugi::xml_document doc;
    const pugi::xml_parse_result result =
        doc.load_buffer(bytes.constData(), size_t(bytes.size()), pugi::parse_default, pugi::encoding_utf8);
    if (!result)
        return fail(error, QStringLiteral("not well-formed XML: %1 at byte %2")
                               .arg(utf8(result.description()))
                               .arg(qint64(result.offset)));
    pugi::xml_node element = doc.document_element();
    if (isElement(element, "Events"))
        element = child(element, "Event");
    if (!isElement(element, "Event"))
        return fail(error, QStringLiteral("not a Windows event: the XML root is <%1>, not <Event>")
                               .arg(element ? utf8(element.name()) : QStringLiteral("nothing")));
    if (event.raw.isEmpty())
        event.raw = xml.toString();
    return apply(element, event, times, error);
}

bool WindowsEventXml::apply(const pugi::xml_node &eventElement, NormalizedEvent &event,
                            const TimeNormalizer &times, QString *error, QString *taskContentProblem) {
    if (!isElement(eventElement, "Event"))
        return fail(
            error, QStringLiteral("not a Windows event: <%1> is not <Event>").arg(utf8(eventElement.name())));
    const pugi::xml_node system = child(eventElement, "System");
    if (!system)
        return fail(error, QStringLiteral("the event has no <System> element"));

    EventParts parts;
    collectSystem(system, parts);
    collectData(eventElement, parts);
    if (!setTime(parts, event, times, error))
        return false;

    const QString provider = parts.system.value("Provider.Name");
    const QString channel = parts.system.value("Channel");
    const QString eventId = parts.system.value("EventID");
    const QString computer = parts.system.value("Computer");
    const QString recordId = parts.system.value("EventRecordID");
    normalize::setHost(event, computer);
    event.setIfEmpty(EventField::EventCode, eventId);
    event.setIfEmpty(EventField::EventSource, channel);
    event.setIfEmpty(EventField::RecordId, recordId);

    const Source source = sourceOf(provider, channel);
    const int id = eventId.toInt();
    switch (source) {
    case Source::Security:
        mapSecurity(id, parts, event, taskContentProblem);
        break;
    case Source::Sysmon:
        mapSysmon(id, parts, event);
        break;
    case Source::TaskScheduler:
        mapTaskScheduler(id, parts, event);
        break;
    case Source::Other:
        event.setIfEmpty(EventField::TaskName, parts.value("TaskName"));
        break;
    }
    event.setIfEmpty(
        EventField::TaskOperation,
        taskOperation(source == Source::Security ? QStringView(u"Security") : QStringView(provider),
                      eventId));

    const QString text = shortText(source, id);
    event.setIfEmpty(EventField::RuleName, text.isEmpty()
                                               ? QStringLiteral("Windows %1 %2").arg(eventId, channel)
                                               : QStringLiteral("Windows %1 %2").arg(eventId, text));
    event.setIfEmpty(EventField::RuleSource, QStringLiteral("raw"));
    event.setIfEmpty(EventField::Platform, provider == QLatin1String("Linux-Sysmon")
                                               ? QStringLiteral("linux")
                                               : QStringLiteral("windows"));

    if (event.identity.isEmpty() && !computer.isEmpty() && !recordId.isEmpty())
        event.identity = computer + QLatin1Char('|') + channel + QLatin1Char('|') + recordId;
    if (event.raw.isEmpty()) {
        std::ostringstream out;
        eventElement.print(out, "", pugi::format_raw);
        event.raw = QString::fromStdString(out.str());
    }
    if (event.rawFields.isEmpty())
        event.rawFields = parts.rawFields.toJsonObject();
    return true;
}

} // namespace tb
