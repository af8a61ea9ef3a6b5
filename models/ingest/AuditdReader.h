#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Linux audit logs (`/var/log/audit/audit.log`, `ausearch --raw`; FORMATS.md §8.1), RAW or
// ENRICHED (interpreted fields after a 0x1D byte, or a space when forwarded through syslog). The
// records of one event share `msg=audit(<epoch>.<ms>:<serial>)` and need not be next to each
// other: they are grouped by that key into one event (SYSCALL + EXECVE + CWD + PATH… + PROCTITLE),
// hex-encoded values decoded. crontab, at and shell-installed cron lines, and files written under
// the cron, at, systemd and sudoers.d directories fill the task fields (LinuxTaskActivity).
// An event cut off by the end of the file (its rest is in the next, rotated log) or missing its
// SYSCALL (it began in the previous one) is reported as a skipped record, never merged half-way.
class AuditdReader final : public EventReader {
public:
    AuditdReader(QIODevice *device, ReaderContext context);
    ~AuditdReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("linux.auditd"); }
    static bool matches(const FileHead &head);

    // Events whose records are this many lines apart from their first are taken as complete.
    static constexpr qint64 groupWindowLines = 2000;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
