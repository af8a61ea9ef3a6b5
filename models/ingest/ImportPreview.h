#pragma once

#include "Importer.h"
#include "ImportIssue.h"
#include "MappingProfile.h"
#include "NormalizedEvent.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tb {

class EventReader;

// What the import dialog shows before anything is written: the format detected from the content (the
// same detection the Importer uses), the source columns (for a column mapping), and the first records
// as they will be normalized. Reads only the start of the file.
struct ImportPreview {
    QString formatId;    // detected, chosen, or the generic format of the mapping
    QString formatTitle; // for people
    bool detected = false;
    QString framing; // "csv" or "json" when the file could be read with a mapping; empty otherwise
    char delimiter = ',';
    QStringList sourceColumns; // the CSV header or the first JSON object's flattened keys
    QStringList sourceFiles;   // a folder's logs, in the order they are read
    QList<NormalizedEvent> events;
    QList<ImportIssue> issues;
    QString error; // the file cannot be read (or no reader matches and no mapping is given)

    // `options.formatId` forces a format; `profile` reads the file through a column mapping instead.
    static ImportPreview read(const QString &path, const ImportOptions &options, int records = 20,
                              const std::optional<MappingProfile> &profile = std::nullopt);

private:
    static ImportPreview readFolder(const QString &dir, const ImportOptions &options, int records);
    void readRecords(EventReader &reader, int records);
};

} // namespace tb
