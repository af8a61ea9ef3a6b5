#include "TaskContentParser.h"

#include "FieldNormalizer.h"
#include "NormalizedEvent.h"

#include <pugixml.hpp>

#include <cstring>

namespace tb {

namespace {

// Element names without a namespace prefix: exports differ in whether they keep one.
const char *localName(const pugi::xml_node &node) {
    const char *name = node.name();
    const char *colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

pugi::xml_node child(const pugi::xml_node &node, const char *name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && std::strcmp(localName(c), name) == 0)
            return c;
    }
    return {};
}

QString text(const pugi::xml_node &node) {
    return QString::fromUtf8(node.text().get()).trimmed();
}

QString childText(const pugi::xml_node &node, const char *name) {
    return text(child(node, name));
}

bool isTrue(const QString &value) {
    return value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || value == QLatin1String("1");
}

// "CalendarTrigger(daily)", "TimeTrigger(2025-03-04T23:55:00)", "LogonTrigger(every PT5M)".
QString triggerSummary(const pugi::xml_node &trigger) {
    const QString name = QString::fromUtf8(localName(trigger));
    QStringList params;
    if (name == QLatin1String("TimeTrigger")) {
        params << childText(trigger, "StartBoundary");
    } else if (name == QLatin1String("CalendarTrigger")) {
        if (child(trigger, "ScheduleByDay"))
            params << QStringLiteral("daily");
        else if (child(trigger, "ScheduleByWeek"))
            params << QStringLiteral("weekly");
        else if (child(trigger, "ScheduleByMonth") || child(trigger, "ScheduleByMonthDayOfWeek"))
            params << QStringLiteral("monthly");
    } else if (name == QLatin1String("SessionStateChangeTrigger")) {
        params << childText(trigger, "StateChange");
    }
    // A short repetition on a logon or boot trigger is a classic persistence pattern: keep it.
    if (const QString interval = childText(child(trigger, "Repetition"), "Interval"); !interval.isEmpty())
        params << QStringLiteral("every ") + interval;
    if (const pugi::xml_node enabled = child(trigger, "Enabled"); enabled && !isTrue(text(enabled)))
        params << QStringLiteral("disabled");
    params.removeAll(QString());
    return params.isEmpty() ? name
                            : name + QLatin1Char('(') + params.join(QStringLiteral(", ")) + QLatin1Char(')');
}

TaskAction actionOf(const pugi::xml_node &node) {
    TaskAction action;
    action.type = QString::fromUtf8(localName(node));
    if (action.type == QLatin1String("Exec")) {
        action.command = childText(node, "Command");
        action.arguments = childText(node, "Arguments");
        action.workingDirectory = childText(node, "WorkingDirectory");
    } else if (action.type == QLatin1String("ComHandler")) {
        action.command = childText(node, "ClassId");
        action.arguments = childText(node, "Data");
    } else if (action.type == QLatin1String("SendEmail")) {
        action.command = childText(node, "To");
    } else if (action.type == QLatin1String("ShowMessage")) {
        action.command = childText(node, "Title");
    }
    return action;
}

bool fail(QString *error, const QString &why) {
    if (error)
        *error = why;
    return false;
}

// Some sources escape TaskContent once more (libevtx records, FORMATS.md §9.1): undo that by
// letting pugixml read it as the text of a wrapper element.
QString unescapeOnce(const QString &escaped) {
    const QByteArray wrapped = "<x>" + escaped.toUtf8() + "</x>";
    pugi::xml_document doc;
    if (!doc.load_buffer(wrapped.constData(), size_t(wrapped.size()), pugi::parse_default,
                         pugi::encoding_utf8))
        return escaped;
    return QString::fromUtf8(doc.first_child().text().get());
}

} // namespace

QString TaskAction::text() const {
    if (type == QLatin1String("Exec"))
        return QString(command + QLatin1Char(' ') + arguments).trimmed();
    return QString(type + QLatin1Char(' ') + command).trimmed();
}

qsizetype TaskDefinition::firstActionIndex() const {
    for (qsizetype i = 0; i < actions.size(); ++i) {
        if (actions[i].type == QLatin1String("Exec"))
            return i;
    }
    return actions.isEmpty() ? -1 : 0;
}

QString TaskDefinition::firstAction() const {
    const qsizetype first = firstActionIndex();
    return first < 0 ? QString() : actions[first].text();
}

QString TaskDefinition::otherActions() const {
    const qsizetype first = firstActionIndex();
    QStringList others;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        if (i != first)
            others << actions[i].text();
    }
    return others.join(QLatin1Char('\n'));
}

std::optional<TaskDefinition> TaskContentParser::parse(QStringView xml, QString *error) {
    QString content = xml.trimmed().toString();
    if (content.startsWith(QChar(0xFEFF)))
        content.remove(0, 1);
    if (content.isEmpty()) {
        fail(error, QStringLiteral("the task definition is empty"));
        return std::nullopt;
    }
    if (content.startsWith(QLatin1String("&lt;")))
        content = unescapeOnce(content).trimmed();
    if (content.contains(QLatin1String("<!DOCTYPE"), Qt::CaseInsensitive)) {
        fail(error,
             QStringLiteral("the task definition declares a DOCTYPE; refused (task XML never has one)"));
        return std::nullopt;
    }
    if (!content.startsWith(QLatin1Char('<'))) {
        fail(error,
             QStringLiteral("the task definition is not XML (it starts with \"%1\")").arg(content.left(20)));
        return std::nullopt;
    }

    // The text is already decoded: hand pugixml UTF-8 and say so, whatever the declaration claims.
    const QByteArray utf8 = content.toUtf8();
    pugi::xml_document doc;
    const pugi::xml_parse_result result =
        doc.load_buffer(utf8.constData(), size_t(utf8.size()), pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
        fail(error, QStringLiteral("the task definition is not well-formed XML: %1 at byte %2")
                        .arg(QString::fromUtf8(result.description()))
                        .arg(qint64(result.offset)));
        return std::nullopt;
    }
    const pugi::xml_node task = doc.document_element();
    if (std::strcmp(localName(task), "Task") != 0) {
        fail(error, QStringLiteral("the XML is not a task definition (its root is <%1>, not <Task>)")
                        .arg(QString::fromUtf8(task.name())));
        return std::nullopt;
    }

    TaskDefinition def;
    const pugi::xml_node info = child(task, "RegistrationInfo");
    def.uri = childText(info, "URI");
    def.author = childText(info, "Author");
    def.description = childText(info, "Description");
    def.date = childText(info, "Date");

    for (pugi::xml_node t = child(task, "Triggers").first_child(); t; t = t.next_sibling()) {
        if (t.type() == pugi::node_element)
            def.triggers << triggerSummary(t);
    }

    const pugi::xml_node actions = child(task, "Actions");
    for (pugi::xml_node a = actions.first_child(); a; a = a.next_sibling()) {
        if (a.type() == pugi::node_element)
            def.actions << actionOf(a);
    }

    // The actions run as the principal their Context names; without one, the first principal.
    const QString context = QString::fromUtf8(actions.attribute("Context").value());
    const pugi::xml_node principals = child(task, "Principals");
    pugi::xml_node principal = child(principals, "Principal");
    for (pugi::xml_node p = principal; p; p = p.next_sibling()) {
        if (std::strcmp(localName(p), "Principal") == 0 &&
            QString::fromUtf8(p.attribute("id").value()) == context) {
            principal = p;
            break;
        }
    }
    def.userId = childText(principal, "UserId");
    def.groupId = childText(principal, "GroupId");
    def.logonType = childText(principal, "LogonType");
    def.runLevel = childText(principal, "RunLevel");

    const pugi::xml_node settings = child(task, "Settings");
    def.hidden = isTrue(childText(settings, "Hidden"));
    if (const pugi::xml_node enabled = child(settings, "Enabled"))
        def.enabled = isTrue(text(enabled));
    return def;
}

void TaskContentParser::apply(const TaskDefinition &task, NormalizedEvent &event) {
    event.setIfEmpty(EventField::TaskAction, task.firstAction());
    event.setIfEmpty(EventField::TaskOtherActions, task.otherActions());
    normalize::setRunAs(event, task.userId.isEmpty() ? task.groupId : task.userId);
    event.setIfEmpty(EventField::TaskRunLevel, task.runLevel);
    event.setIfEmpty(EventField::TaskLogonType, task.logonType);
    event.setIfEmpty(EventField::TaskTrigger, task.triggers.join(QStringLiteral("; ")));
    event.setIfEmpty(EventField::TaskAuthor, task.author);
    event.setIfEmpty(EventField::TaskHidden, task.hidden ? QStringLiteral("1") : QStringLiteral("0"));
    event.setIfEmpty(EventField::TaskName, task.uri);
}

bool TaskContentParser::apply(QStringView xml, NormalizedEvent &event, QString *error) {
    const std::optional<TaskDefinition> task = parse(xml, error);
    if (!task)
        return false;
    apply(*task, event);
    return true;
}

} // namespace tb
