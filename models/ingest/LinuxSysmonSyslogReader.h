#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Sysmon for Linux as syslog writes it (FORMATS.md §8.2): one line per event, any syslog prefix,
// then ` sysmon: ` (or `sysmon[pid]: `) and the event as one line of XML without a namespace. The
// XML is mapped by WindowsEventXml (same schema as Windows Sysmon); process creation and file
// writes then fill the cron / at / systemd task fields (LinuxTaskActivity). Lines of other programs
// are not records; an event the syslog daemon truncated is a skipped record.
class LinuxSysmonSyslogReader final : public EventReader {
public:
    LinuxSysmonSyslogReader(QIODevice *device, ReaderContext context);
    ~LinuxSysmonSyslogReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("linux.sysmon.syslog"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
