#include "EvtxFileReader.h"

#include "EvtxRecordProcess.h"
#include "FormatRegistry.h"
#include "NormalizedEvent.h"
#include "WindowsEventRecord.h"

#include <QFile>

namespace tb {

namespace {

// libevtx's error backtrace as one sentence: the innermost cause (its first line), with the
// function that reported it in parentheses.
QString describe(const QByteArray &backtrace) {
    if (backtrace.isEmpty())
        return QStringLiteral("unknown libevtx error");
    QString cause = QString::fromUtf8(backtrace).section(QLatin1Char('\n'), 0, 0).trimmed();
    if (cause.endsWith(QLatin1Char('.')))
        cause.chop(1);
    const qsizetype colon = cause.indexOf(QLatin1String(": "));
    if (colon > 0 && !cause.left(colon).contains(QLatin1Char(' ')))
        cause = cause.mid(colon + 2) + QStringLiteral(" (") + cause.left(colon) + QLatin1Char(')');
    return cause;
}

} // namespace

struct EvtxFileReader::Impl {
    explicit Impl(ReaderContext ctx)
        : context(std::move(ctx)) {}

    bool open(QString &why);
    // A new libevtx process from ordinal `from` on, after the last one died on the record before.
    bool restart(int from, QString &why);

    ReaderContext context;
    WindowsEventRecord record;
    std::unique_ptr<EvtxRecordProcess> process;
    bool opened = false;
    bool corrupted = false;
    int records = 0;
    int recovered = 0;
    int next = 0; // over records, then recovered records
};

bool EvtxFileReader::Impl::open(QString &why) {
    opened = true;
    if (context.sourcePath.isEmpty()) {
        why = QStringLiteral("an .evtx log can only be read from a file on disk (libevtx needs random "
                             "access): unpack it from the archive and import the .evtx file itself");
        return false;
    }
    process = std::make_unique<EvtxRecordProcess>(QFile::encodeName(context.sourcePath));
    if (!process->start(0, why))
        return false;
    const EvtxRecordProcess::Message message = process->next();
    using Kind = EvtxRecordProcess::Message::Kind;
    using Stage = EvtxRecordProcess::Message::Stage;
    switch (message.kind) {
    case Kind::Opened:
        records = message.records;
        recovered = message.recovered;
        corrupted = message.corrupted;
        return true;
    case Kind::OpenFailed:
        why = (message.stage == Stage::Initialize ? QStringLiteral("libevtx cannot start: %1")
               : message.stage == Stage::Open     ? QStringLiteral("libevtx cannot open the log: %1")
                                                  : QStringLiteral("libevtx cannot count the records: %1"))
                  .arg(describe(message.text));
        return false;
    default:
        why = QStringLiteral("libevtx cannot open the log: %1")
                  .arg(message.kind == Kind::Died ? QString::fromUtf8(message.text)
                                                  : QStringLiteral("its process sent no answer"));
        process.reset();
        return false;
    }
}

bool EvtxFileReader::Impl::restart(int from, QString &why) {
    if (!process->start(from, why))
        return false;
    if (process->next().kind == EvtxRecordProcess::Message::Kind::Opened)
        return true;
    why = QStringLiteral("libevtx cannot open the log again");
    return false;
}

EvtxFileReader::EvtxFileReader(QIODevice *, ReaderContext context)
    : d(std::make_unique<Impl>(std::move(context))) {}

EvtxFileReader::~EvtxFileReader() = default;

bool EvtxFileReader::matches(const FileHead &head) {
    return head.bytes.startsWith(QByteArray("ElfFile\0", 8));
}

EventReader::Status EvtxFileReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->context.fileName;
    if (!d->opened) {
        QString why;
        if (!d->open(why)) {
            issue.problem = why;
            return Status::Failed;
        }
    }
    using Kind = EvtxRecordProcess::Message::Kind;
    while (d->process && d->next < d->records + d->recovered) {
        const int ordinal = d->next++;
        const bool recovered = ordinal >= d->records;
        const int index = recovered ? ordinal - d->records : ordinal;
        event.clear();
        event.recordNo = ordinal;
        issue.record = ordinal;
        const EvtxRecordProcess::Message message = d->process->next();
        if (message.kind != Kind::Record && message.kind != Kind::RecordFailed) {
            // libevtx died on this record (or hung): it is skipped, a new process goes on after it.
            const QString died = message.kind == Kind::Died ? QString::fromUtf8(message.text)
                                                            : QStringLiteral("its process ended early");
            QString why;
            if (d->next < d->records + d->recovered && !d->restart(d->next, why)) {
                issue.problem =
                    QStringLiteral("libevtx failed on event record %1 of %2 (%3) and cannot go on: %4")
                        .arg(index + 1)
                        .arg(d->records)
                        .arg(died, why);
                return Status::Failed;
            }
            if (recovered)
                continue; // a fragment in free space, not a record of the log
            issue.problem = QStringLiteral("libevtx cannot read event record %1 of %2: %3; the record is "
                                           "skipped (a damaged or hostile log)")
                                .arg(index + 1)
                                .arg(d->records)
                                .arg(died);
            return Status::Skipped;
        }
        if (message.kind == Kind::RecordFailed) {
            if (recovered)
                continue; // a fragment in free space, not a record of the log
            const QString why = message.text.isEmpty() ? QStringLiteral("libevtx rendered no XML for it")
                                                       : describe(message.text);
            issue.problem = QStringLiteral("libevtx cannot read event record %1 of %2: %3%4")
                                .arg(index + 1)
                                .arg(d->records)
                                .arg(why, d->corrupted ? QStringLiteral("; libevtx reports the file as "
                                                                        "corrupted (a damaged chunk?)")
                                                       : QString());
            return Status::Skipped;
        }
        QByteArray xml = message.text;
        while (xml.endsWith('\n') || xml.endsWith('\r') || xml.endsWith(' '))
            xml.chop(1); // the raw record is the element, as in the XML readers
        const Status status = d->record.map(xml, event, d->context.times, issue);
        if (!recovered)
            return status;
        if (status != Status::Event) {
            issue = ImportIssue(); // libevtx rebuilt it with a template from elsewhere: garbage
            issue.file = d->context.fileName;
            continue;
        }
        if (event.rawFields.endsWith(QLatin1Char('}')))
            event.rawFields.insert(event.rawFields.size() - 1,
                                   event.rawFields.size() > 2
                                       ? QStringLiteral(",\"evtx.recovered\":\"true\"")
                                       : QStringLiteral("\"evtx.recovered\":\"true\""));
        return status;
    }
    return Status::End;
}

} // namespace tb
