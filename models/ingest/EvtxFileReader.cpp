#include "EvtxFileReader.h"

#include "FormatRegistry.h"
#include "NormalizedEvent.h"
#include "WindowsEventRecord.h"

#include <QFile>

#include <libevtx.h>

namespace tb {

namespace {

// libevtx's error as one sentence: the innermost cause (the first line of the backtrace), with
// the function that reported it in parentheses. Frees the error.
QString takeError(libevtx_error_t *&error) {
    if (!error)
        return QStringLiteral("unknown libevtx error");
    char buffer[4096] = {};
    libevtx_error_backtrace_sprint(error, buffer, sizeof buffer);
    libevtx_error_free(&error);
    QString cause = QString::fromUtf8(buffer).section(QLatin1Char('\n'), 0, 0).trimmed();
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
    ~Impl() {
        if (file) {
            libevtx_file_close(file, nullptr);
            libevtx_file_free(&file, nullptr);
        }
    }

    bool open(QString &why);
    // The record's XML, or false with `why`.
    bool recordXml(int index, bool recovered, QByteArray &xml, QString &why);

    ReaderContext context;
    WindowsEventRecord record;
    libevtx_file_t *file = nullptr;
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
    libevtx_error_t *error = nullptr;
    if (libevtx_file_initialize(&file, &error) != 1) {
        why = QStringLiteral("libevtx cannot start: %1").arg(takeError(error));
        return false;
    }
    const QByteArray path = QFile::encodeName(context.sourcePath);
    if (libevtx_file_open(file, path.constData(), LIBEVTX_OPEN_READ, &error) != 1) {
        why = QStringLiteral("libevtx cannot open the log: %1").arg(takeError(error));
        libevtx_file_free(&file, nullptr);
        return false;
    }
    if (libevtx_file_get_number_of_records(file, &records, &error) != 1 ||
        libevtx_file_get_number_of_recovered_records(file, &recovered, &error) != 1) {
        why = QStringLiteral("libevtx cannot count the records: %1").arg(takeError(error));
        return false;
    }
    corrupted = libevtx_file_is_corrupted(file, nullptr) == 1;
    return true;
}

bool EvtxFileReader::Impl::recordXml(int index, bool isRecovered, QByteArray &xml, QString &why) {
    libevtx_error_t *error = nullptr;
    libevtx_record_t *item = nullptr;
    const int got = isRecovered ? libevtx_file_get_recovered_record_by_index(file, index, &item, &error)
                                : libevtx_file_get_record_by_index(file, index, &item, &error);
    if (got != 1) {
        why = takeError(error);
        return false;
    }
    size_t size = 0;
    bool ok = libevtx_record_get_utf8_xml_string_size(item, &size, &error) == 1 && size > 0;
    if (ok) {
        xml.resize(qsizetype(size));
        ok = libevtx_record_get_utf8_xml_string(item, reinterpret_cast<uint8_t *>(xml.data()), size,
                                                &error) == 1;
        xml.resize(qsizetype(qstrnlen(xml.constData(), size))); // the size counts the final NUL
        while (xml.endsWith('\n') || xml.endsWith('\r') || xml.endsWith(' '))
            xml.chop(1); // the raw record is the element, as in the XML readers
    }
    if (!ok)
        why = error ? takeError(error) : QStringLiteral("libevtx rendered no XML for it");
    libevtx_record_free(&item, nullptr);
    return ok;
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
    while (d->file && d->next < d->records + d->recovered) {
        const int ordinal = d->next++;
        const bool recovered = ordinal >= d->records;
        const int index = recovered ? ordinal - d->records : ordinal;
        event.clear();
        event.recordNo = ordinal;
        issue.record = ordinal;
        QByteArray xml;
        QString why;
        if (!d->recordXml(index, recovered, xml, why)) {
            if (recovered)
                continue; // a fragment in free space, not a record of the log
            issue.problem = QStringLiteral("libevtx cannot read event record %1 of %2: %3%4")
                                .arg(index + 1)
                                .arg(d->records)
                                .arg(why, d->corrupted ? QStringLiteral("; libevtx reports the file as "
                                                                        "corrupted (a damaged chunk?)")
                                                       : QString());
            return Status::Skipped;
        }
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
