#include "TaskCommandParser.h"

#include "FieldNormalizer.h"
#include "NormalizedEvent.h"
#include "WindowsCommandLine.h"

#include <QStringList>

namespace tb {
namespace {

bool isTool(const QString &arg, QLatin1String tool) {
    QString base = imageBaseName(arg).toLower();
    if (base.endsWith(QLatin1String(".exe")))
        base.chop(4);
    return base == tool;
}

QString switchName(const QString &arg) {
    if (arg.size() < 2 || (arg[0] != QLatin1Char('/') && arg[0] != QLatin1Char('-')))
        return {};
    return arg.mid(1).toLower();
}

std::optional<TaskCommand> parseSchtasks(const QStringList &args, qsizetype start) {
    TaskCommand cmd;
    cmd.tool = QStringLiteral("schtasks");
    cmd.operation = QStringLiteral("unknown");
    QString schedule, modifier, startTime;
    for (qsizetype i = start; i < args.size(); ++i) {
        const QString sw = switchName(args[i]);
        if (sw.isEmpty())
            continue;
        const bool hasValue = i + 1 < args.size();
        const QString value = hasValue ? args[i + 1] : QString();
        if (sw == QLatin1String("create"))
            cmd.operation = QStringLiteral("created");
        else if (sw == QLatin1String("delete"))
            cmd.operation = QStringLiteral("deleted");
        else if (sw == QLatin1String("change"))
            cmd.operation = QStringLiteral("updated");
        else if (sw == QLatin1String("run"))
            cmd.operation = QStringLiteral("executed");
        else if (sw == QLatin1String("enable") && cmd.operation == QLatin1String("updated"))
            cmd.operation = QStringLiteral("enabled");
        else if (sw == QLatin1String("disable") && cmd.operation == QLatin1String("updated"))
            cmd.operation = QStringLiteral("disabled");
        else if (!hasValue)
            continue;
        else if (sw == QLatin1String("tn"))
            cmd.name = value, ++i;
        else if (sw == QLatin1String("tr"))
            cmd.action = value, ++i;
        else if (sw == QLatin1String("ru"))
            cmd.runAs = value, ++i;
        else if (sw == QLatin1String("rl"))
            cmd.runLevel = value, ++i;
        else if (sw == QLatin1String("sc"))
            schedule = value.toLower(), ++i;
        else if (sw == QLatin1String("mo"))
            modifier = value, ++i;
        else if (sw == QLatin1String("st"))
            startTime = value, ++i;
        else if (sw == QLatin1String("s"))
            cmd.targetHost = value, ++i;
        else if (sw == QLatin1String("xml"))
            cmd.xmlFile = value, ++i;
        else if (sw == QLatin1String("u") || sw == QLatin1String("p") || sw == QLatin1String("rp"))
            ++i; // credentials: their values are not switches
    }
    // Task Scheduler paths are rooted: "/tn Foo" registers "\Foo" (FORMATS.md §9.4), and 4698
    // events name it that way, so both spellings must compare equal.
    if (!cmd.name.isEmpty() && !cmd.name.startsWith(QLatin1Char('\\')))
        cmd.name.prepend(QLatin1Char('\\'));
    if (!schedule.isEmpty()) {
        cmd.trigger = QStringLiteral("/sc ") + schedule;
        if (!modifier.isEmpty())
            cmd.trigger += QStringLiteral(" /mo ") + modifier;
        if (!startTime.isEmpty())
            cmd.trigger += QStringLiteral(" /st ") + startTime;
    }
    return cmd;
}

// at [\\computer] [[id] [/delete] | time [/interactive] [/every:date | /next:date] command]
std::optional<TaskCommand> parseAt(const QStringList &args, qsizetype start) {
    TaskCommand cmd;
    cmd.tool = QStringLiteral("at");
    cmd.operation = QStringLiteral("unknown");
    qsizetype i = start;
    if (i < args.size() && args[i].startsWith(QLatin1String("\\\\"))) {
        cmd.targetHost = args[i].mid(2);
        ++i;
    }
    QStringList schedule;
    for (; i < args.size(); ++i) {
        const QString &arg = args[i];
        const QString lower = arg.toLower();
        if (lower == QLatin1String("/delete")) {
            cmd.operation = QStringLiteral("deleted");
        } else if (lower.startsWith(QLatin1String("/every:")) || lower.startsWith(QLatin1String("/next:")) ||
                   lower == QLatin1String("/interactive")) {
            schedule << arg;
        } else if (arg.contains(QLatin1Char(':')) && arg.size() <= 8 && arg[0].isDigit() &&
                   schedule.isEmpty()) {
            schedule << arg;
            cmd.operation = QStringLiteral("created");
        } else if (cmd.operation == QLatin1String("created")) {
            cmd.action = args.mid(i).join(QLatin1Char(' '));
            break;
        }
    }
    if (!schedule.isEmpty())
        cmd.trigger = QStringLiteral("at ") + schedule.join(QLatin1Char(' '));
    if (cmd.operation == QLatin1String("unknown") && cmd.targetHost.isEmpty())
        return std::nullopt; // "at" alone lists jobs; nothing to report
    return cmd;
}

bool startsCommand(const QString &previous) {
    static const QStringList separators{QStringLiteral("/c"), QStringLiteral("/k"), QStringLiteral("/r"),
                                        QStringLiteral("&"),  QStringLiteral("&&"), QStringLiteral("||"),
                                        QStringLiteral("|"),  QStringLiteral(";")};
    return separators.contains(previous.toLower());
}

std::optional<TaskCommand> parseLine(QStringView line) {
    const QStringList args = splitWindowsCommandLine(line);
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (isTool(args[i], QLatin1String("schtasks")))
            return parseSchtasks(args, i + 1);
        // "at" is a common word: only take it where a command starts.
        if (isTool(args[i], QLatin1String("at")) && (i == 0 || startsCommand(args[i - 1])))
            return parseAt(args, i + 1);
    }
    return std::nullopt;
}

} // namespace

std::optional<TaskCommand> TaskCommandParser::parse(QStringView commandLine) {
    std::optional<TaskCommand> first;
    for (QStringView line : commandLine.split(QLatin1Char('\n'))) {
        auto cmd = parseLine(line.trimmed());
        if (!cmd)
            continue;
        if (!cmd->name.isEmpty() || !cmd->action.isEmpty())
            return cmd;
        if (!first)
            first = cmd;
    }
    return first;
}

void TaskCommandParser::apply(const TaskCommand &cmd, NormalizedEvent &event) {
    event.setIfEmpty(EventField::TaskOperation, cmd.operation);
    event.setIfEmpty(EventField::TaskName, cmd.name);
    event.setIfEmpty(EventField::TaskAction, cmd.action);
    normalize::setRunAs(event, cmd.runAs);
    event.setIfEmpty(EventField::TaskRunLevel, cmd.runLevel);
    event.setIfEmpty(EventField::TaskTrigger, cmd.trigger);
    event.setIfEmpty(EventField::TargetHost, cmd.targetHost);
    if (!cmd.targetHost.isEmpty())
        event.setIfEmpty(EventField::TaskRemote, QStringLiteral("1"));
    if (!cmd.xmlFile.isEmpty())
        event.setIfEmpty(EventField::TargetPath, cmd.xmlFile);
}

} // namespace tb
