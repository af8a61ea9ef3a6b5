#include "FuzzSupport.h"

#include "ingest/EvtxFileReader.h"
#include "ingest/FormatRegistry.h"
#include "ingest/HashingReader.h"
#include "ingest/NormalizedEvent.h"

#include <QBuffer>
#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace tb::fuzz {

void consume(const NormalizedEvent &event, const QString &formatId) {
    // The importer's de-duplication key and its UTF-8 encoding of every column.
    const QString hash = contentHash(formatId, event.identity.isEmpty() ? event.raw : event.identity);
    volatile qsizetype total = hash.size() + event.raw.toUtf8().size() + event.rawFields.toUtf8().size() +
                               event.sourceFile.toUtf8().size();
    for (const QString &field : event.fields)
        total = total + field.toUtf8().size();
    (void)total;
}

QStringList drain(EventReader &reader, const QString &formatId) {
    NormalizedEvent event;
    ImportIssue issue;
    QStringList issues;
    for (;;) {
        event.clear();
        switch (reader.next(event, issue)) {
        case EventReader::Status::Event:
            consume(event, formatId);
            break;
        case EventReader::Status::Skipped:
            issues << issue.toString();
            break;
        case EventReader::Status::End:
            return issues;
        case EventReader::Status::Failed:
            issues << issue.toString();
            return issues;
        }
    }
}

QString scratchFile(const QByteArray &input, const char *suffix) {
    // One file per process and suffix: libFuzzer runs inputs one after the other, and -fork/-jobs
    // workers are separate processes.
    const QString path = QDir::temp().filePath(
        QStringLiteral("tunebench-fuzz-%1%2").arg(qint64(::getpid())).arg(QString::fromLatin1(suffix)));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(input) != input.size()) {
        std::fprintf(stderr, "fuzz: cannot write the scratch file %s\n", qPrintable(path));
        std::abort();
    }
    return path;
}

QStringList readAs(const ImportFormat &format, const QByteArray &input) {
    QByteArray copy = input;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    HashingReader hashing(&buffer);
    QString sourcePath;
    if (format.id == EvtxFileReader::formatId())
        sourcePath = scratchFile(input, ".evtx");
    ReaderContext context(QStringLiteral("fuzz.input"), TimeNormalizer(), QString(), sourcePath);
    const std::unique_ptr<EventReader> reader = format.createReader(&hashing, std::move(context));
    const QStringList issues = drain(*reader, format.id);
    (void)hashing.finishSha256();
    return issues;
}

QList<const ImportFormat *> formatsNamed(const char *commaSeparatedIds) {
    QList<const ImportFormat *> formats;
    for (const QString &id :
         QString::fromLatin1(commaSeparatedIds).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const ImportFormat *format = FormatRegistry::instance().byId(id.trimmed());
        if (!format) {
            std::fprintf(stderr, "fuzz: the FormatRegistry knows no format \"%s\"\n", qPrintable(id));
            std::abort();
        }
        formats << format;
    }
    return formats;
}

QStringList lines(const QByteArray &input) {
    QStringList result;
    for (QByteArray line : input.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        result << QString::fromUtf8(line);
    }
    return result;
}

} // namespace tb::fuzz
