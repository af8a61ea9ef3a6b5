#include "LinuxSysmonSyslogReader.h"

#include "FormatRegistry.h"
#include "LineReader.h"
#include "LinuxTaskActivity.h"
#include "NormalizedEvent.h"
#include "WindowsEventRecord.h"

namespace tb {

namespace {

// Where the XML starts: after "sysmon: " or "sysmon[123]: ", at "<Event>".
qsizetype eventStart(const QByteArray &line) {
    qsizetype at = line.indexOf(" sysmon: <Event");
    if (at >= 0)
        return at + 9;
    at = line.indexOf(" sysmon[");
    if (at < 0)
        return -1;
    const qsizetype xml = line.indexOf("]: <Event", at);
    return xml < 0 ? -1 : xml + 3;
}

} // namespace

struct LinuxSysmonSyslogReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : lines(device)
        , context(std::move(ctx)) {}

    LineReader lines;
    ReaderContext context;
    WindowsEventRecord record;
    qint64 lineIndex = -1;
};

LinuxSysmonSyslogReader::LinuxSysmonSyslogReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

LinuxSysmonSyslogReader::~LinuxSysmonSyslogReader() = default;

bool LinuxSysmonSyslogReader::matches(const FileHead &head) {
    return head.bytes.contains(" sysmon: <Event><System><Provider Name=\"Linux-Sysmon\"") ||
           (head.bytes.contains(" sysmon[") &&
            head.bytes.contains("]: <Event><System><Provider Name=\"Linux-Sysmon\""));
}

EventReader::Status LinuxSysmonSyslogReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->context.fileName;
    for (;;) {
        QByteArray line;
        if (!d->lines.next(line)) {
            if (d->lines.errorString().isEmpty())
                return Status::End;
            issue.record = d->lineIndex + 1;
            issue.problem = d->lines.errorString();
            return Status::Failed;
        }
        ++d->lineIndex;
        const qsizetype start = eventStart(line);
        if (start < 0)
            continue; // another program's message
        event.clear();
        event.recordNo = d->lineIndex;
        issue.record = d->lineIndex;
        issue.line = d->lineIndex + 1;
        event.raw = QString::fromUtf8(line);
        const QByteArray xml = line.mid(start).trimmed();
        if (!xml.endsWith("</Event>")) {
            issue.problem =
                QStringLiteral("the event is cut off (the syslog daemon's message size limit?): it ends "
                               "with \"%1\"")
                    .arg(QString::fromUtf8(xml.right(24)));
            return Status::Skipped;
        }
        const Status status = d->record.map(xml, event, d->context.times, issue);
        if (status != Status::Event)
            return status;
        // WindowsEventXml names rules after Windows; this is the Linux build of Sysmon.
        if (QString rule = event.value(EventField::RuleName); rule.startsWith(QLatin1String("Windows ")))
            event.set(EventField::RuleName, rule.replace(0, 7, QStringLiteral("Linux")));
        const QString id = event.value(EventField::EventCode);
        if (id == QLatin1String("1")) {
            LinuxTaskActivity::applyCommand(
                event, LinuxTaskActivity::argvFromCommandLine(event.value(EventField::CommandLine)),
                event.value(EventField::User));
        } else if (id == QLatin1String("11")) {
            LinuxTaskActivity::applyFile(event, event.value(EventField::TargetPath),
                                         QStringLiteral("created"));
        } else if (id == QLatin1String("23") || id == QLatin1String("26")) { // file deleted
            LinuxTaskActivity::applyFile(event, event.value(EventField::TargetPath),
                                         QStringLiteral("deleted"));
        }
        return Status::Event;
    }
}

} // namespace tb
