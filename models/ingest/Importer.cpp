#include "Importer.h"

#include "ArchiveDevice.h"
#include "audit/AuditLog.h"
#include "DuplicateCompleter.h"
#include "EventField.h"
#include "EvtxFileReader.h"
#include "EvtxFolderReader.h"
#include "FormatRegistry.h"
#include "GenericMappedReader.h"
#include "HashingReader.h"
#include "JsonText.h"
#include "MappingProfile.h"
#include "NormalizedEvent.h"
#include "ReadAheadReader.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tb {

namespace {

QString nowUtc() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString insertEventSql() {
    QString columns = QStringLiteral("import_id, source_file, record_no, content_hash, format");
    QString values = QStringLiteral("?, ?, ?, ?, ?");
    for (const EventFieldInfo &info : eventFields()) {
        columns += QStringLiteral(", ") + QLatin1String(info.column);
        values += QStringLiteral(", ?");
    }
    columns += QStringLiteral(", raw, raw_fields");
    values += QStringLiteral(", ?, ?");
    return QStringLiteral("INSERT OR IGNORE INTO events (%1) VALUES (%2)").arg(columns, values);
}

void bindField(Statement &insert, int index, const EventFieldInfo &info, const QByteArray &value) {
    if (value.isNull()) {
        insert.bindNull(index);
        return;
    }
    // Numeric columns get numbers so that they sort and compare as numbers.
    bool ok = false;
    if (info.type == FieldType::Integer) {
        const qint64 number = value.toLongLong(&ok);
        if (ok) {
            insert.bind(index, number);
            return;
        }
    } else if (info.type == FieldType::Real) {
        const double number = value.toDouble(&ok);
        if (ok) {
            insert.bind(index, number);
            return;
        }
    }
    insert.bindStatic(index, value);
}

// What the detector saw, for the refusal message: text shows its first line, binary its magic.
QString describeHead(const QByteArray &head, const QString &firstLine) {
    const QByteArray start = head.left(512);
    if (!start.contains('\0'))
        return QStringLiteral("first line: \"%1\"").arg(firstLine.left(120));
    static const std::pair<const char *, const char *> magics[] = {{"\x89PNG", "a PNG image"},
                                                                   {"%PDF", "a PDF document"},
                                                                   {"ElfFile", "a Windows .evtx event log"},
                                                                   {"SQLite format 3", "an SQLite database"},
                                                                   {"MZ", "a Windows executable"},
                                                                   {"\x7f"
                                                                    "ELF",
                                                                    "an ELF executable"}};
    QString kind = QStringLiteral("binary data");
    for (const auto &[magic, name] : magics) {
        if (head.startsWith(magic)) {
            kind = QLatin1String(name);
            break;
        }
    }
    return QStringLiteral("%1, starting with bytes %2")
        .arg(kind, QString::fromLatin1(head.left(8).toHex(' ')));
}

QString formatList() {
    return FormatRegistry::instance().ids().join(QStringLiteral(", "));
}

} // namespace

QString ImportSummary::outcomeName() const {
    switch (outcome) {
    case Outcome::Completed:
        return QStringLiteral("completed");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case Outcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}

QString ImportSummary::toJson() const {
    QJsonArray issueList;
    for (const ImportIssue &issue : issues)
        issueList.append(issue.toString());
    const QJsonObject object{
        {QStringLiteral("import_id"), importId},    {QStringLiteral("file"), filePath},
        {QStringLiteral("format"), formatId},       {QStringLiteral("sha256"), sha256},
        {QStringLiteral("size"), fileSize},         {QStringLiteral("status"), outcomeName()},
        {QStringLiteral("records"), recordsRead},   {QStringLiteral("added"), eventsAdded},
        {QStringLiteral("duplicates"), duplicates}, {QStringLiteral("completed"), completed},
        {QStringLiteral("errors"), issueList},      {QStringLiteral("error"), error},
    };
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString ImportSummary::describe() const {
    const QString name = QFileInfo(filePath).fileName();
    if (outcome == Outcome::Cancelled)
        return QStringLiteral("%1: import cancelled; the workspace is unchanged").arg(name);
    if (outcome == Outcome::Failed)
        return QStringLiteral("%1: import failed, the workspace is unchanged: %2").arg(name, error);
    // Events imported before the task's other actions were read get them now.
    const QString completions =
        completed > 0 ? QStringLiteral(" (%1 completed with their task's other actions)").arg(completed)
                      : QString();
    if (eventsAdded == 0 && duplicates > 0)
        return QStringLiteral("%1 (%2): nothing new; all %3 records are already in the workspace%4")
            .arg(name, formatId)
            .arg(duplicates)
            .arg(completions);
    QString text = QStringLiteral("%1 (%2): %3 events added").arg(name, formatId).arg(eventsAdded);
    if (duplicates > 0)
        text += QStringLiteral(", %1 already present%2").arg(duplicates).arg(completions);
    if (!issues.isEmpty())
        text += QStringLiteral(", %1 bad records skipped").arg(issues.size());
    return text;
}

QString Importer::version() {
    return QStringLiteral(TUNEBENCH_VERSION);
}

Importer::Importer(Database &db)
    : m_db(db) {}

// What a batch needs to know about its input besides the reader.
struct Importer::BatchInput {
    QString fileName; // imports.file_name, and events.source_file unless the reader names a file
    QString filePath; // imports.file_path
    QString startedAt;
    QString analyst;
    std::function<qint64()> bytesDone; // for progress (read on the caller's thread)
    std::function<QString()> sha256;   // of what was imported, once it is all read
    std::function<void()> afterRead;   // a last check; throws StoreError to fail the batch
};

ImportSummary Importer::importFile(const QString &path, const ImportOptions &options,
                                   const ImportProgressCallback &progress) {
    ImportSummary summary;
    summary.filePath = path;
    const QString fileName = QFileInfo(path).fileName();
    const QString startedAt = nowUtc();
    const QString analyst = options.analyst.isEmpty() ? AuditLog::currentActor() : options.analyst;

    auto fail = [&](const QString &why) {
        summary.outcome = ImportSummary::Outcome::Failed;
        summary.error = why;
        return summary;
    };

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
    summary.fileSize = file.size();

    // .gz and .zip exports are read through libarchive on top of the hashing reader, so the
    // recorded SHA-256 and the progress are those of the file on disk.
    HashingReader hashing(&file);
    QIODevice *input = &hashing;
    std::unique_ptr<ArchiveDevice> archive;
    QByteArray headBytes = file.peek(64 * 1024);
    if (const auto kind = ArchiveDevice::sniff(headBytes); kind != ArchiveDevice::Kind::None) {
        archive = std::make_unique<ArchiveDevice>(&hashing, kind, path);
        if (!archive->openArchive())
            return fail(archive->errorString());
        input = archive.get();
        headBytes = archive->peek(64 * 1024);
    }

    if (headBytes.isEmpty())
        return fail(QStringLiteral("%1: the file is empty").arg(path));
    // Every reader reads UTF-8: a UTF-16 export (Event Viewer, PowerShell redirection) is decoded.
    std::unique_ptr<QIODevice> decoded;
    input = FormatRegistry::textDevice(input, headBytes, decoded);

    std::unique_ptr<EventReader> reader;
    ReaderContext context{fileName, TimeNormalizer(options.assumedZone), options.ruleName,
                          archive ? QString() : QFileInfo(path).absoluteFilePath()};
    if (!options.mappingPath.isEmpty()) {
        MappingProfile profile;
        QString profileError;
        if (!MappingProfile::load(options.mappingPath, profile, &profileError))
            return fail(profileError);
        summary.formatId = profile.formatId();
        reader = std::make_unique<GenericMappedReader>(input, context, std::move(profile));
    } else {
        const ImportFormat *format = nullptr;
        if (!options.formatId.isEmpty()) {
            format = FormatRegistry::instance().byId(options.formatId);
            if (!format)
                return fail(QStringLiteral("unknown format \"%1\"; known formats: %2")
                                .arg(options.formatId, formatList()));
        } else {
            const FileHead head = FileHead::fromBytes(headBytes);
            format = FormatRegistry::instance().detect(head);
            if (!format)
                return fail(
                    QStringLiteral("%1: not a format Tunebench recognises (%2); known formats: %3")
                        .arg(archive ? path + QStringLiteral(" (") + archive->entryName() + QLatin1Char(')')
                                     : path,
                             describeHead(headBytes, head.firstLine), formatList()));
        }
        summary.formatId = format->id;

        reader = format->createReader(input, context);
    }

    BatchInput batchInput;
    batchInput.fileName = fileName;
    batchInput.filePath = QFileInfo(path).absoluteFilePath();
    batchInput.startedAt = startedAt;
    batchInput.analyst = analyst;
    batchInput.bytesDone = [&hashing] { return hashing.bytesConsumed(); };
    batchInput.sha256 = [&hashing] { return QString::fromLatin1(hashing.finishSha256()); };
    batchInput.afterRead = [&archive, &path] {
        if (archive) {
            if (const QString extra = archive->nextEntryName(); !extra.isEmpty())
                throw StoreError(
                    QStringLiteral("%1 holds more than one file (%2, %3, ...); unpack it and import "
                                   "each file, so that nothing is skipped")
                        .arg(path, archive->entryName(), extra));
        }
    };
    return runBatch(*reader, batchInput, summary, options, progress);
}

ImportSummary Importer::importFolder(const QString &dir, const ImportOptions &options,
                                     const ImportProgressCallback &progress) {
    ImportSummary summary;
    summary.filePath = dir;
    summary.formatId = EvtxFileReader::formatId();
    auto fail = [&](const QString &why) {
        summary.outcome = ImportSummary::Outcome::Failed;
        summary.error = why;
        return summary;
    };
    const QFileInfo folder(dir);
    if (!folder.isDir())
        return fail(QStringLiteral("%1: not a folder").arg(dir));
    if (!options.mappingPath.isEmpty() ||
        (!options.formatId.isEmpty() && options.formatId != summary.formatId))
        return fail(
            QStringLiteral("%1: a folder is imported as its .evtx logs; --format and --mapping do not apply")
                .arg(dir));
    const QStringList paths = EvtxFolderReader::logsIn(dir);
    if (paths.isEmpty())
        return fail(QStringLiteral("%1: the folder holds no .evtx files").arg(dir));
    for (const QString &log : paths)
        summary.fileSize += QFileInfo(log).size();

    EvtxFolderReader reader(
        paths, ReaderContext(folder.fileName(), TimeNormalizer(options.assumedZone), options.ruleName));
    BatchInput input;
    input.fileName = folder.absoluteFilePath().section(QLatin1Char('/'), -1);
    input.filePath = folder.absoluteFilePath();
    input.startedAt = nowUtc();
    input.analyst = options.analyst.isEmpty() ? AuditLog::currentActor() : options.analyst;
    input.bytesDone = [&reader] { return reader.bytesDone(); };
    input.sha256 = [&paths] {
        // The folder's manifest, as sha256sum would print it: one hash names the whole set.
        QByteArray manifest;
        for (const QString &log : paths) {
            QFile file(log);
            file.open(QIODevice::ReadOnly);
            HashingReader hashing(&file);
            manifest += hashing.finishSha256() + "  " + QFileInfo(log).fileName().toUtf8() + '\n';
        }
        return QString::fromLatin1(QCryptographicHash::hash(manifest, QCryptographicHash::Sha256).toHex());
    };
    return runBatch(reader, input, summary, options, progress);
}

ImportSummary Importer::runBatch(EventReader &reader, const BatchInput &input, ImportSummary summary,
                                 const ImportOptions &options, const ImportProgressCallback &progress) {
    const QString &fileName = input.fileName;
    const QString &startedAt = input.startedAt;
    const QString &analyst = input.analyst;
    try {
        // A big batch touches every index page many times: a 32 MiB page cache keeps most in memory
        // instead of re-reading them from the WAL (the default is 2 MiB; more would break the 150 MB RSS
        // budget).
        m_db.exec(QStringLiteral("PRAGMA cache_size = -32768"));
        Transaction batch(m_db);
        Statement insertImport = m_db.prepare(QStringLiteral(
            "INSERT INTO imports (file_name, file_path, file_size, sha256, format, importer_version, "
            "analyst, "
            "assumed_tz, started_at, status) VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7, ?8, 'completed')"));
        insertImport.bind(1, fileName);
        insertImport.bind(2, input.filePath);
        insertImport.bind(3, summary.fileSize);
        insertImport.bind(4, summary.formatId);
        insertImport.bind(5, version());
        insertImport.bind(6, analyst);
        insertImport.bind(7, QString::fromUtf8(options.assumedZone.id()));
        insertImport.bind(8, startedAt);
        insertImport.step();
        const qint64 importId = m_db.lastInsertRowId();

        Statement insertEvent = m_db.prepare(insertEventSql());
        DuplicateCompleter completer(m_db);
        QElapsedTimer sinceReport;
        sinceReport.start();
        bool cancelled = false;
        {
            ReadAheadReader readAhead(reader, summary.formatId, fileName);
            ReadAheadReader::Batch batch;
            while (!cancelled && readAhead.next(batch)) {
                summary.recordsRead += batch.records;
                summary.issues.append(batch.skipped);
                if (batch.failed) {
                    summary.issues.append(batch.failure);
                    throw StoreError(batch.failure.toString());
                }
                if (summary.issues.size() > options.maxErrors)
                    throw StoreError(QStringLiteral("%1 bad records, more than the %2 allowed; last: %3")
                                         .arg(summary.issues.size())
                                         .arg(options.maxErrors)
                                         .arg(summary.issues.last().toString()));
                const QByteArray formatUtf8 = summary.formatId.toUtf8();
                const QByteArray fileUtf8 = fileName.toUtf8();
                for (const ReadAheadReader::Item &item : batch.events) {
                    int index = 1;
                    insertEvent.bind(index++, importId);
                    insertEvent.bindStatic(index++, item.sourceFile.isNull() ? fileUtf8 : item.sourceFile);
                    insertEvent.bind(index++, item.recordNo);
                    insertEvent.bindStatic(index++, item.contentHash);
                    insertEvent.bindStatic(index++, formatUtf8);
                    for (const EventFieldInfo &info : eventFields())
                        bindField(insertEvent, index++, info, item.fields[size_t(info.field)]);
                    insertEvent.bindStatic(index++, item.raw);
                    insertEvent.bindStatic(index++, item.rawFields);
                    insertEvent.step();
                    insertEvent.reset();
                    if (m_db.changes() > 0) {
                        ++summary.eventsAdded;
                    } else {
                        ++summary.duplicates;
                        if (completer.complete(item.contentHash,
                                               item.fields[size_t(EventField::TaskOtherActions)]))
                            ++summary.completed;
                    }
                }
                if (progress && sinceReport.elapsed() >= 100) {
                    sinceReport.restart();
                    if (!progress({input.bytesDone(), summary.fileSize, summary.recordsRead}))
                        cancelled = true;
                }
            }
        } // the read-ahead thread has stopped here; the device is ours again
        if (!cancelled && input.afterRead)
            input.afterRead();
        if (cancelled) {
            batch.rollback();
            summary.outcome = ImportSummary::Outcome::Cancelled;
            summary.error = QStringLiteral("cancelled by the analyst");
        } else {
            summary.sha256 = input.sha256();
            QStringList issueText;
            for (const ImportIssue &i : summary.issues)
                issueText << i.toString();
            Statement finish = m_db.prepare(QStringLiteral(
                "UPDATE imports SET sha256 = ?1, finished_at = ?2, records_read = ?3, events_added = ?4, "
                "duplicates = ?5, errors = ?6, error_summary = ?7 WHERE id = ?8"));
            finish.bind(1, summary.sha256);
            finish.bind(2, nowUtc());
            finish.bind(3, summary.recordsRead);
            finish.bind(4, summary.eventsAdded);
            finish.bind(5, summary.duplicates);
            finish.bind(6, qint64(summary.issues.size()));
            finish.bind(7, issueText.isEmpty() ? QString() : issueText.join(QLatin1Char('\n')));
            finish.bind(8, importId);
            finish.step();
            summary.importId = importId;
            summary.outcome = ImportSummary::Outcome::Completed;
            AuditLog(m_db).append({0,
                                   {},
                                   analyst,
                                   QStringLiteral("import"),
                                   QStringLiteral("import"),
                                   QString::number(importId),
                                   {},
                                   summary.toJson(),
                                   {}});
            batch.commit();
            if (progress)
                progress({summary.fileSize, summary.fileSize, summary.recordsRead});
            return summary;
        }
    } catch (const StoreError &error) {
        summary.outcome = ImportSummary::Outcome::Failed;
        summary.error = error.message();
    }

    // The batch rolled back; record that it was attempted, in a transaction of its own.
    summary.eventsAdded = 0;
    summary.duplicates = 0;
    try {
        Transaction record(m_db);
        Statement insertImport = m_db.prepare(QStringLiteral(
            "INSERT INTO imports (file_name, file_path, file_size, sha256, format, importer_version, "
            "analyst, "
            "assumed_tz, started_at, finished_at, status, records_read, errors, error_summary) "
            "VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
        insertImport.bind(1, fileName);
        insertImport.bind(2, input.filePath);
        insertImport.bind(3, summary.fileSize);
        insertImport.bind(4, summary.formatId);
        insertImport.bind(5, version());
        insertImport.bind(6, analyst);
        insertImport.bind(7, QString::fromUtf8(options.assumedZone.id()));
        insertImport.bind(8, startedAt);
        insertImport.bind(9, nowUtc());
        insertImport.bind(10, summary.outcomeName());
        insertImport.bind(11, summary.recordsRead);
        insertImport.bind(12, qint64(summary.issues.size()));
        insertImport.bind(13, summary.error);
        insertImport.step();
        summary.importId = m_db.lastInsertRowId();
        AuditLog(m_db).append({0,
                               {},
                               analyst,
                               QStringLiteral("import.") + summary.outcomeName(),
                               QStringLiteral("import"),
                               QString::number(summary.importId),
                               {},
                               summary.toJson(),
                               {}});
        record.commit();
    } catch (const StoreError &error) {
        summary.error +=
            QStringLiteral(" (and the failed batch could not be recorded: %1)").arg(error.message());
    }
    return summary;
}

} // namespace tb
