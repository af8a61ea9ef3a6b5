#pragma once

#include <QString>
#include <QStringList>

namespace tb {

struct NormalizedEvent;

// What Linux process and file activity says about scheduled tasks (FORMATS.md §8.1, §8.2, §8.5):
// files written under the cron, at, anacron, systemd-unit and sudoers.d directories, and the
// commands that change them (crontab, at/batch/atrm, systemd-run timers, `systemctl enable x.timer`,
// and a shell piping an echoed cron line into `crontab -`). Fills only task fields still empty.
class LinuxTaskActivity final {
public:
    static bool isTaskPath(QStringView path);
    // A file created / updated / deleted (the operation as task_operation spells it).
    static void applyFile(NormalizedEvent &event, const QString &path, const QString &operation);
    // A process started with this argv (argv[0] may be a path); `user` is who ran it.
    static void applyCommand(NormalizedEvent &event, const QStringList &argv, const QString &user);
    // Splits a command line the way a POSIX shell would for simple words: blanks separate, single
    // and double quotes group, a backslash escapes the next character outside single quotes.
    static QStringList splitCommandLine(QStringView commandLine);
    // The argv behind a command line that was joined with blanks (Sysmon for Linux): split as above,
    // except that a shell's `-c` script stays one word, as it was.
    static QStringList argvFromCommandLine(QStringView commandLine);
};

} // namespace tb
