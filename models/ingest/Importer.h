#pragma once

#include "ImportIssue.h"

#include <QList>
#include <QString>
#include <QTimeZone>

#include <atomic>
#include <functional>

namespace tb {

class Database;
class EventReader;

struct ImportOptions {
    QString formatId;                         // empty: detect from the content
    QString analyst;                          // empty: the OS login
    QTimeZone assumedZone = QTimeZone::utc(); // for exports whose times carry no offset
    QString ruleName;                         // for exports that do not name their rule
    int maxErrors = 10;                       // bad records skipped before the batch is abandoned
    QString mappingPath; // a saved MappingProfile: read the file as generic CSV/JSON through it
};

struct ImportProgress {
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 records = 0;
};

// Return false to cancel; the batch then rolls back.
using ImportProgressCallback = std::function<bool(const ImportProgress &)>;

struct ImportSummary {
    enum class Outcome { Completed, Failed, Cancelled };
    Outcome outcome = Outcome::Failed;
    qint64 importId = 0; // the `imports` row, also written for failed and cancelled batches
    QString filePath;
    QString formatId;
    QString sha256;
    qint64 fileSize = 0;
    qint64 recordsRead = 0;
    qint64 eventsAdded = 0;
    qint64 duplicates = 0;
    qint64 completed = 0;      // of the duplicates, those this import completed (DuplicateCompleter)
    QList<ImportIssue> issues; // skipped records, then the reason a batch failed
    QString error;             // why the batch failed; empty when it completed

    bool ok() const { return outcome == Outcome::Completed; }
    QString outcomeName() const;
    QString toJson() const;
    QString describe() const; // one line for people
};

// Imports one file as one all-or-nothing batch: every event of the file lands, or none does.
class Importer final {
public:
    explicit Importer(Database &db);
    ImportSummary importFile(const QString &path, const ImportOptions &options,
                             const ImportProgressCallback &progress = {});
    // Imports every .evtx log of a folder (not its subfolders) as one batch: one imports row named
    // after the folder, each event with its own file's name and record number. The SHA-256 recorded
    // is that of the folder's manifest ("<sha256>  <file name>" lines, sorted by name).
    ImportSummary importFolder(const QString &dir, const ImportOptions &options,
                               const ImportProgressCallback &progress = {});

    static QString version();

private:
    struct BatchInput;
    // Reads `reader` to its end into one transaction and records the batch (or its failure).
    ImportSummary runBatch(EventReader &reader, const BatchInput &input, ImportSummary summary,
                           const ImportOptions &options, const ImportProgressCallback &progress);

    Database &m_db;
};

} // namespace tb
