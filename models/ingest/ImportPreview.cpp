#include "ImportPreview.h"

#include "ArchiveDevice.h"
#include "EventReader.h"
#include "EvtxFileReader.h"
#include "EvtxFolderReader.h"
#include "FormatRegistry.h"
#include "GenericMappedReader.h"

#include <QFile>
#include <QFileInfo>

namespace tb {

// A folder is one batch of its .evtx logs: the preview names them and shows the first records.
ImportPreview ImportPreview::readFolder(const QString &dir, const ImportOptions &options, int records) {
    ImportPreview preview;
    preview.formatId = EvtxFileReader::formatId();
    const QStringList logs = EvtxFolderReader::logsIn(dir);
    if (logs.isEmpty()) {
        preview.error = QStringLiteral("%1: the folder holds no .evtx files").arg(dir);
        return preview;
    }
    preview.detected = true;
    preview.formatTitle = logs.size() == 1
                              ? QStringLiteral("Folder of 1 Windows .evtx log, one batch")
                              : QStringLiteral("Folder of %1 Windows .evtx logs, one batch").arg(logs.size());
    preview.sourceFiles = logs;
    EvtxFolderReader reader(logs, ReaderContext(QFileInfo(dir).fileName(),
                                                TimeNormalizer(options.assumedZone), options.ruleName));
    preview.readRecords(reader, records);
    return preview;
}

void ImportPreview::readRecords(EventReader &reader, int records) {
    NormalizedEvent event;
    ImportIssue issue;
    while (events.size() < records) {
        const EventReader::Status status = reader.next(event, issue);
        if (status == EventReader::Status::Event) {
            events.append(event);
        } else if (status == EventReader::Status::Skipped) {
            issues.append(issue);
            if (issues.size() > records)
                break;
        } else {
            if (status == EventReader::Status::Failed)
                issues.append(issue);
            break;
        }
    }
}

ImportPreview ImportPreview::read(const QString &path, const ImportOptions &options, int records,
                                  const std::optional<MappingProfile> &profile) {
    ImportPreview preview;
    if (QFileInfo(path).isDir())
        return readFolder(path, options, records);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        preview.error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return preview;
    }
    QIODevice *input = &file;
    std::unique_ptr<ArchiveDevice> archive;
    QByteArray head = file.peek(64 * 1024);
    if (const auto kind = ArchiveDevice::sniff(head); kind != ArchiveDevice::Kind::None) {
        archive = std::make_unique<ArchiveDevice>(&file, kind, path);
        if (!archive->openArchive()) {
            preview.error = archive->errorString();
            return preview;
        }
        input = archive.get();
        head = archive->peek(64 * 1024);
    }
    if (head.isEmpty()) {
        preview.error = QStringLiteral("%1: the file is empty").arg(path);
        return preview;
    }
    const FileHead fileHead = FileHead::fromBytes(head);
    if (fileHead.isJson()) {
        preview.framing = QStringLiteral("json");
        for (const auto &[key, value] : fileHead.firstJson.items())
            preview.sourceColumns << key;
    } else if (fileHead.csvHeader.size() > 1) {
        preview.framing = QStringLiteral("csv");
        preview.delimiter = fileHead.delimiter;
        preview.sourceColumns = fileHead.csvHeader;
    }

    std::unique_ptr<EventReader> reader;
    const ReaderContext context{QFileInfo(path).fileName(), TimeNormalizer(options.assumedZone),
                                options.ruleName, archive ? QString() : QFileInfo(path).absoluteFilePath()};
    if (profile) {
        preview.formatId = profile->formatId();
        preview.formatTitle = QStringLiteral("Column mapping “%1”").arg(profile->name);
        reader = std::make_unique<GenericMappedReader>(input, context, *profile);
    } else {
        const ImportFormat *format = options.formatId.isEmpty()
                                         ? FormatRegistry::instance().detect(fileHead)
                                         : FormatRegistry::instance().byId(options.formatId);
        if (!format) {
            preview.error =
                options.formatId.isEmpty()
                    ? QStringLiteral("not a format Tunebench recognises; map its columns to import it")
                    : QStringLiteral("unknown format \"%1\"").arg(options.formatId);
            return preview;
        }
        preview.detected = options.formatId.isEmpty();
        preview.formatId = format->id;
        preview.formatTitle = format->title;
        reader = format->createReader(input, context);
    }
    preview.readRecords(*reader, records);
    return preview;
}

} // namespace tb
