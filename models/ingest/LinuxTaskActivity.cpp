#include "LinuxTaskActivity.h"

#include "FieldNormalizer.h"
#include "NormalizedEvent.h"

#include <QRegularExpression>

namespace tb {

namespace {

QString baseName(const QString &path) {
    return path.section(QLatin1Char('/'), -1);
}

void setTask(NormalizedEvent &event, const QString &operation, const QString &name, const QString &action,
             const QString &trigger, const QString &runAs) {
    event.setIfEmpty(EventField::TaskOperation, operation);
    event.setIfEmpty(EventField::TaskName, name);
    event.setIfEmpty(EventField::TaskAction, action);
    event.setIfEmpty(EventField::TaskTrigger, trigger);
    normalize::setRunAs(event, runAs);
}

// Debian's spool; the file the crontab command rewrites for `user`.
QString userCrontab(const QString &user) {
    return user.isEmpty() ? QString() : QStringLiteral("/var/spool/cron/crontabs/") + user;
}

void applyCrontab(NormalizedEvent &event, const QStringList &args, const QString &user) {
    QString owner = user, operation;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("-u") && i + 1 < args.size())
            owner = args[++i];
        else if (a == QLatin1String("-r"))
            operation = QStringLiteral("deleted");
        else if (a == QLatin1String("-e") || a == QLatin1String("-") || !a.startsWith(QLatin1Char('-')))
            operation = QStringLiteral("updated"); // edit, or replace from stdin / a file
        else if (a == QLatin1String("-l"))
            return; // only lists it
    }
    if (operation.isEmpty())
        operation = QStringLiteral("updated"); // no argument: a crontab from stdin
    setTask(event, operation, userCrontab(owner), {}, {}, owner);
}

// at [-f file] [-q queue] [-m] timespec…; atrm / at -r / at -d removes, at -l / atq lists.
void applyAt(NormalizedEvent &event, const QString &tool, const QStringList &args, const QString &user) {
    if (tool == QLatin1String("atrm")) {
        setTask(event, QStringLiteral("deleted"), args.value(0), {}, {}, user);
        return;
    }
    QString file;
    QStringList when;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("-l") || a == QLatin1String("-c"))
            return;
        if (a == QLatin1String("-r") || a == QLatin1String("-d")) {
            setTask(event, QStringLiteral("deleted"), args.value(i + 1), {}, {}, user);
            return;
        }
        if ((a == QLatin1String("-f") || a == QLatin1String("-q")) && i + 1 < args.size()) {
            if (a == QLatin1String("-f"))
                file = args[i + 1];
            ++i;
        } else if (a == QLatin1String("-t") && i + 1 < args.size()) {
            when << args[++i];
        } else if (!a.startsWith(QLatin1Char('-'))) {
            when << a;
        }
    }
    const QString trigger =
        when.isEmpty() ? QString() : tool + QLatin1Char(' ') + when.join(QLatin1Char(' '));
    setTask(event, QStringLiteral("created"), {}, file, trigger, user);
}

// systemd-run --on-calendar=… / --on-active=… … command: a transient timer.
void applySystemdRun(NormalizedEvent &event, const QStringList &args, const QString &user) {
    QStringList timers;
    qsizetype i = 0;
    QString unit;
    for (; i < args.size() && args[i].startsWith(QLatin1Char('-')); ++i) {
        if (args[i].startsWith(QLatin1String("--on-")))
            timers << args[i];
        else if (args[i].startsWith(QLatin1String("--unit=")))
            unit = args[i].mid(7);
    }
    if (timers.isEmpty())
        return;
    setTask(event, QStringLiteral("created"), unit, args.mid(i).join(QLatin1Char(' ')),
            QStringLiteral("systemd-run ") + timers.join(QLatin1Char(' ')), user);
}

void applySystemctl(NormalizedEvent &event, const QStringList &args) {
    static const QStringList verbs{QStringLiteral("enable"), QStringLiteral("disable"),
                                   QStringLiteral("start")};
    const qsizetype at =
        std::find_if(args.cbegin(), args.cend(), [](const QString &a) { return verbs.contains(a); }) -
        args.cbegin();
    if (at >= args.size())
        return;
    for (const QString &unit : args.mid(at + 1)) {
        if (unit.endsWith(QLatin1String(".timer"))) {
            const QString &verb = args[at];
            setTask(event,
                    verb == QLatin1String("enable")    ? QStringLiteral("enabled")
                    : verb == QLatin1String("disable") ? QStringLiteral("disabled")
                                                       : QStringLiteral("executed"),
                    unit, {}, {}, {});
            return;
        }
    }
}

// sh -c "… echo '*/5 * * * * curl … | sh' | crontab -": the cron line a shell installs.
void applyShellScript(NormalizedEvent &event, const QString &script, const QString &user) {
    if (!script.contains(QLatin1String("crontab")))
        return;
    static const QRegularExpression quoted(QStringLiteral("'([^']*)'|\"([^\"]*)\""));
    static const QRegularExpression cronLine(QStringLiteral(
        "^\\s*(@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)|[0-9*/,-]+\\s+[0-9*/,-]+"
        "\\s+\\S+\\s+\\S+\\s+\\S+)\\s+(.+)$"));
    QString trigger, action;
    for (auto it = quoted.globalMatch(script); it.hasNext() && action.isEmpty();) {
        const QRegularExpressionMatch q = it.next();
        const QRegularExpressionMatch m =
            cronLine.match(q.captured(1).isNull() ? q.captured(2) : q.captured(1));
        if (m.hasMatch()) {
            trigger = QStringLiteral("cron(%1)").arg(m.captured(1).simplified());
            action = m.captured(2).trimmed();
        }
    }
    static const QRegularExpression installs(QStringLiteral("\\|\\s*crontab(\\s+-)?\\s*($|[;&|)])"));
    if (action.isEmpty() && !installs.match(script).hasMatch())
        return;
    setTask(event, QStringLiteral("updated"), userCrontab(user), action, trigger, user);
}

} // namespace

bool LinuxTaskActivity::isTaskPath(QStringView path) {
    for (const char *prefix : {"/etc/cron", "/var/spool/cron/", "/var/spool/at/", "/etc/anacrontab",
                               "/var/spool/anacron/", "/etc/systemd/system/", "/usr/lib/systemd/system/",
                               "/lib/systemd/system/", "/run/systemd/system/", "/etc/sudoers.d/"}) {
        if (path.startsWith(QLatin1String(prefix)))
            return true;
    }
    return path.contains(QLatin1String("/.config/systemd/user/")) || path == QLatin1String("/etc/crontab");
}

void LinuxTaskActivity::applyFile(NormalizedEvent &event, const QString &path, const QString &operation) {
    if (!isTaskPath(path))
        return;
    event.setIfEmpty(EventField::TargetPath, path);
    event.setIfEmpty(EventField::TaskName, path);
    event.setIfEmpty(EventField::TaskOperation, operation);
}

void LinuxTaskActivity::applyCommand(NormalizedEvent &event, const QStringList &argv, const QString &user) {
    if (argv.isEmpty())
        return;
    const QString tool = baseName(argv.first());
    const QStringList args = argv.mid(1);
    if (tool == QLatin1String("crontab"))
        applyCrontab(event, args, user);
    else if (tool == QLatin1String("at") || tool == QLatin1String("batch") || tool == QLatin1String("atrm"))
        applyAt(event, tool, args, user);
    else if (tool == QLatin1String("systemd-run"))
        applySystemdRun(event, args, user);
    else if (tool == QLatin1String("systemctl"))
        applySystemctl(event, args);
    else if ((tool == QLatin1String("sh") || tool == QLatin1String("bash") || tool == QLatin1String("dash") ||
              tool == QLatin1String("zsh")) &&
             args.value(0) == QLatin1String("-c"))
        applyShellScript(event, args.mid(1).join(QLatin1Char(' ')), user);
}

QStringList LinuxTaskActivity::argvFromCommandLine(QStringView commandLine) {
    static const QRegularExpression shellScript(QStringLiteral("^(\\S*/)?(sh|bash|dash|zsh)\\s+-c\\s+(.*)$"),
                                                QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = shellScript.match(commandLine);
    if (m.hasMatch())
        return {m.captured(1) + m.captured(2), QStringLiteral("-c"), m.captured(3)};
    return splitCommandLine(commandLine);
}

QStringList LinuxTaskActivity::splitCommandLine(QStringView commandLine) {
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QChar c = commandLine[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < commandLine.size())
                word += commandLine[++i];
            else
                word += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < commandLine.size()) {
            word += commandLine[++i];
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

} // namespace tb
