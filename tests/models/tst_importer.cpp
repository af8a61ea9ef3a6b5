#include "audit/AuditLog.h"
#include "explain/WorkspaceExplainer.h"
#include "ingest/Importer.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "workspace/SearchIndexBuilder.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace tb;

class TestImporter : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    int m_counter = 0;

    static QString escuSample() {
        return QStringLiteral(TEST_DATA_DIR
                              "/formats/splunk/escu_scheduled_task_deleted_or_created_via_cmd.csv");
    }

    QString writeFile(const QByteArray &content) {
        const QString path = m_dir.filePath(QStringLiteral("input%1.csv").arg(++m_counter));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(content);
        return path;
    }

    qint64 count(const char *sql) { return m_workspace->database().queryInt(QString::fromLatin1(sql)); }

    // Everything an import may touch, to prove a failed batch changed nothing.
    QString fingerprint() {
        return m_workspace->database().queryText(
            QStringLiteral("SELECT (SELECT count(*) FROM events) || '/' || (SELECT ifnull(max(id), 0) FROM "
                           "events) || '/' || "
                           "(SELECT ifnull(group_concat(content_hash), '') FROM events)"));
    }

    // A CSV with `good` valid rows followed by `bad` rows whose time cannot be read.
    QByteArray csvWith(int good, int bad) {
        QByteArray csv = "_time,host,process\n";
        const QDateTime start(QDate(2025, 3, 4), QTime(10, 0), QTimeZone::utc());
        for (int i = 0; i < good; ++i)
            csv += start.addSecs(i).toString(Qt::ISODate).toLatin1() + ",wks-" + QByteArray::number(i) +
                   ",x.exe\n";
        for (int i = 0; i < bad; ++i)
            csv += "garbage" + QByteArray::number(i) + ",wks-bad,x.exe\n";
        return csv;
    }

private slots:
    void init() {
        m_workspace = std::make_unique<Workspace>();
        QVERIFY(m_workspace->open(m_dir.filePath(QStringLiteral("w%1.tunebench").arg(++m_counter))));
    }

    void importsAndRecordsTheBatch() {
        Importer importer(m_workspace->database());
        ImportOptions options;
        options.analyst = QStringLiteral("alice");
        options.ruleName = QStringLiteral("Scheduled Task Deleted Or Created via CMD");
        const ImportSummary summary = importer.importFile(escuSample(), options);
        QVERIFY2(summary.ok(), qPrintable(summary.error));
        QCOMPARE(summary.formatId, QStringLiteral("splunk.escu.csv"));
        QCOMPARE(summary.recordsRead, 6);
        QCOMPARE(summary.eventsAdded, 6);
        QCOMPARE(count("SELECT count(*) FROM events"), 6);
        QCOMPARE(count("SELECT count(*) FROM events WHERE source_file = "
                       "'escu_scheduled_task_deleted_or_created_via_cmd.csv' AND record_no BETWEEN 0 AND 5"),
                 6);
        Statement batch = m_workspace->database().prepare(
            QStringLiteral("SELECT file_name, file_size, sha256, format, analyst, status, records_read, "
                           "events_added, finished_at "
                           "FROM imports WHERE id = ?1"));
        batch.bind(1, summary.importId);
        QVERIFY(batch.step());
        QCOMPARE(batch.columnText(0), QStringLiteral("escu_scheduled_task_deleted_or_created_via_cmd.csv"));
        QCOMPARE(batch.columnInt64(1), QFileInfo(escuSample()).size());
        QFile file(escuSample());
        file.open(QIODevice::ReadOnly);
        QCOMPARE(batch.columnText(2),
                 QString::fromLatin1(
                     QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()));
        QCOMPARE(batch.columnText(3), QStringLiteral("splunk.escu.csv"));
        QCOMPARE(batch.columnText(4), QStringLiteral("alice"));
        QCOMPARE(batch.columnText(5), QStringLiteral("completed"));
        QCOMPARE(batch.columnInt64(6), 6);
        QCOMPARE(batch.columnInt64(7), 6);
        QVERIFY(!batch.isNull(8));
        const auto audit = AuditLog(m_workspace->database()).entries(QStringLiteral("import"));
        QCOMPARE(audit.size(), size_t(1));
        QCOMPARE(audit[0].actor, QStringLiteral("alice"));
        QCOMPARE(audit[0].objectId, QString::number(summary.importId));
    }

    void reimportAddsNothingAndSaysSo() {
        Importer importer(m_workspace->database());
        QVERIFY(importer.importFile(escuSample(), {}).ok());
        const QString before = fingerprint();
        const ImportSummary again = importer.importFile(escuSample(), {});
        QVERIFY(again.ok());
        QCOMPARE(again.eventsAdded, 0);
        QCOMPARE(again.duplicates, 6);
        QVERIFY2(again.describe().contains(QLatin1String("nothing new")), qPrintable(again.describe()));
        QCOMPARE(fingerprint(), before);
    }

    // Events imported before the task's other actions were read (schema 9) get them when their file is
    // imported again; their explanations are forgotten so that they are explained again, and the search
    // index stays whole, whether or not the background builder has reached them yet.
    void reimportCompletesTheTasksOtherActions_data() {
        QTest::addColumn<bool>("indexPending");
        QTest::newRow("events already in the search index") << false;
        QTest::newRow("events the search index has yet to take") << true;
    }
    void reimportCompletesTheTasksOtherActions() {
        QFETCH(bool, indexPending);
        const QString file = QStringLiteral(TEST_DATA_DIR "/evaluation/eval_elastic_alerts.ndjson");
        Database &db = m_workspace->database();
        Importer importer(db);
        QVERIFY(importer.importFile(file, {}).ok());
        const qint64 events = count("SELECT count(*) FROM events");
        const qint64 withOthers = count("SELECT count(*) FROM events WHERE task_other_actions IS NOT NULL");
        QVERIFY(withOthers > 0);
        QVERIFY(WorkspaceExplainer(db, KnowledgeBase::builtIn()).run().ok);
        if (indexPending) { // as right after the upgrade to schema 9
            db.exec(QStringLiteral("INSERT INTO events_fts (events_fts) VALUES ('delete-all')"));
            db.exec(QStringLiteral("INSERT OR REPLACE INTO workspace_settings (key, value) "
                                   "SELECT 'search_index_pending', min(id) || '/' || max(id) FROM events"));
        }
        db.exec(QStringLiteral("UPDATE events SET task_other_actions = NULL")); // as imported before
        const ImportSummary again = importer.importFile(file, {});
        QVERIFY(again.ok());
        QCOMPARE(again.eventsAdded, 0);
        QCOMPARE(again.duplicates, events);
        QCOMPARE(again.completed, withOthers);
        QVERIFY2(again.describe().contains(
                     QStringLiteral("%1 completed with their task's other actions").arg(withOthers)),
                 qPrintable(again.describe()));
        QCOMPARE(count("SELECT count(*) FROM events WHERE task_other_actions IS NOT NULL"), withOthers);
        QCOMPARE(count("SELECT count(*) FROM event_assessments"), events - withOthers);
        QVERIFY(WorkspaceExplainer(db, KnowledgeBase::builtIn()).isStale());
        while (SearchIndexBuilder::indexNextBatch(db, 100)) {
        }
        db.exec(QStringLiteral("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')"));
        QCOMPARE(count("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'armsvc'"), 1);
        // Once complete, importing again changes nothing.
        const ImportSummary third = importer.importFile(file, {});
        QCOMPARE(third.completed, 0);
        QVERIFY(!third.describe().contains(QLatin1String("completed")));
    }

    void badRecordsWithinTheLimitAreSkipped() {
        Importer importer(m_workspace->database());
        ImportOptions options;
        options.maxErrors = 2;
        const ImportSummary summary = importer.importFile(writeFile(csvWith(3, 2)), options);
        QVERIFY2(summary.ok(), qPrintable(summary.error));
        QCOMPARE(summary.eventsAdded, 3);
        QCOMPARE(summary.issues.size(), 2);
        QVERIFY2(summary.issues[0].toString().endsWith(QLatin1String(
                     ":record 3 (line 5): _time: \"garbage0\" is not a time this reader understands")),
                 qPrintable(summary.issues[0].toString()));
        QCOMPARE(count("SELECT errors FROM imports"), 2);
    }

    void tooManyBadRecordsLeaveNothingBehind() {
        Importer importer(m_workspace->database());
        QVERIFY(importer.importFile(escuSample(), {}).ok());
        const QString before = fingerprint();
        ImportOptions options;
        options.maxErrors = 1;
        const ImportSummary summary = importer.importFile(writeFile(csvWith(50, 2)), options);
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error.contains(QLatin1String("2 bad records, more than the 1 allowed")),
                 qPrintable(summary.error));
        QCOMPARE(fingerprint(), before);
        QCOMPARE(count("SELECT count(*) FROM imports WHERE status = 'failed' AND events_added = 0"), 1);
        QCOMPARE(count("SELECT count(*) FROM audit_log WHERE action = 'import.failed'"), 1);
    }

    void truncatedFileFailsTheWholeBatch() {
        Importer importer(m_workspace->database());
        const QString before = fingerprint();
        const ImportSummary summary =
            importer.importFile(writeFile(csvWith(20, 0) + "2025-03-04T11:00:00Z,wks-x,\"cut off here"), {});
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error.contains(QLatin1String("not closed")), qPrintable(summary.error));
        QCOMPARE(fingerprint(), before);
    }

    void cancelLeavesNothingBehind() {
        Importer importer(m_workspace->database());
        const QString before = fingerprint();
        // Enough rows for the importer to report progress at least once.
        const QString big = writeFile(csvWith(200000, 0));
        const ImportSummary summary =
            importer.importFile(big, {}, [](const ImportProgress &) { return false; });
        QCOMPARE(summary.outcome, ImportSummary::Outcome::Cancelled);
        QCOMPARE(fingerprint(), before);
        QCOMPARE(count("SELECT count(*) FROM imports WHERE status = 'cancelled'"), 1);
    }

    void unrecognisedFilesAreRefused_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                             << QStringLiteral("not a format Tunebench recognises");
        QTest::newRow("unknown csv") << QByteArray("colour,size\nred,3\n")
                                     << QStringLiteral("first line: \"colour,size\"");
        QTest::newRow("empty") << QByteArray() << QStringLiteral(".csv: the file is empty");
    }
    void unrecognisedFilesAreRefused() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const ImportSummary summary = Importer(m_workspace->database()).importFile(writeFile(content), {});
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error.contains(expected), qPrintable(summary.error));
        QCOMPARE(count("SELECT count(*) FROM events"), 0);
    }

    void readsCompressedExports_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("gzip") << "escu.csv.gz";
        QTest::newRow("zip with one file") << "escu.zip";
    }
    void readsCompressedExports() {
        QFETCH(QString, file);
        const QString path = QStringLiteral(TEST_DATA_DIR "/archives/") + file;
        const ImportSummary summary = Importer(m_workspace->database()).importFile(path, {});
        QVERIFY2(summary.ok(), qPrintable(summary.error));
        QCOMPARE(summary.formatId, QStringLiteral("splunk.escu.csv"));
        QCOMPARE(summary.eventsAdded, 6);
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        // The recorded hash and size are those of the file on disk, not of what it unpacks to.
        QCOMPARE(
            summary.sha256,
            QString::fromLatin1(QCryptographicHash::hash(raw.readAll(), QCryptographicHash::Sha256).toHex()));
        QCOMPARE(summary.fileSize, raw.size());
        // The same events as the plain CSV: importing that adds nothing.
        const ImportSummary plain = Importer(m_workspace->database()).importFile(escuSample(), {});
        QCOMPARE(plain.eventsAdded, 0);
    }

    void refusesArchivesItCannotImportWhole_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zip with two files") << "two-files.zip"
                                            << "holds more than one file (a.csv, b.csv, ...); unpack it";
        QTest::newRow("truncated gzip") << "truncated.csv.gz"
                                        << "truncated.csv.gz";
    }
    void refusesArchivesItCannotImportWhole() {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString before = fingerprint();
        const ImportSummary summary = Importer(m_workspace->database())
                                          .importFile(QStringLiteral(TEST_DATA_DIR "/archives/") + file, {});
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error.contains(expected), qPrintable(summary.error));
        QCOMPARE(fingerprint(), before);
    }

    // UTF-16 exports (Event Viewer's Save As XML, PowerShell redirection) import like UTF-8 ones,
    // detected or named with --format; their events are those of the UTF-8 export.
    void readsUtf16Exports_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("formatId"); // empty: detected
        QTest::addColumn<int>("events");
        QTest::addColumn<QString>("utf8Twin"); // the same events in UTF-8: importing it adds nothing
        const QString windows = QStringLiteral(TEST_DATA_DIR "/native/windows/");
        const QString twin =
            QStringLiteral(TEST_DATA_DIR "/formats/windows/sysmon_1_11_13_wevtutil_noroot.xml");
        QTest::newRow("PowerShell redirection") << windows + "sysmon_wevtutil_redirect_utf16le.xml"
                                                << "" << 9 << twin;
        QTest::newRow("PowerShell redirection, --format") << windows + "sysmon_wevtutil_redirect_utf16le.xml"
                                                          << "windows.event.xml" << 9 << twin;
        QTest::newRow("Event Viewer") << windows + "security_4698_eventviewer_utf16le.xml"
                                      << "" << 3 << "";
    }
    void readsUtf16Exports() {
        QFETCH(QString, file);
        QFETCH(QString, formatId);
        QFETCH(int, events);
        QFETCH(QString, utf8Twin);
        ImportOptions options;
        options.formatId = formatId;
        const ImportSummary summary = Importer(m_workspace->database()).importFile(file, options);
        QVERIFY2(summary.ok(), qPrintable(summary.error));
        QCOMPARE(summary.formatId, QStringLiteral("windows.event.xml"));
        QCOMPARE(summary.eventsAdded, events);
        if (!utf8Twin.isEmpty())
            QCOMPARE(Importer(m_workspace->database()).importFile(utf8Twin, {}).eventsAdded, 0);
    }

    void refusesBrokenUtf16() {
        const QString event = QStringLiteral(
            "<Event "
            "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1</EventID>"
            "<TimeCreated SystemTime='2025-03-04T09:41:17Z'/><EventRecordID>7</EventRecordID>"
            "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>wks-1</Computer></System>"
            "<EventData><Data Name='CommandLine'>a</Data></EventData></Event>\r\n");
        QByteArray bytes("\xFF\xFE");
        for (const QChar c : event + event)
            bytes.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        bytes.append("\x3D\xD8<\0", 4); // a high surrogate without its low half
        const QString before = fingerprint();
        const ImportSummary summary = Importer(m_workspace->database()).importFile(writeFile(bytes), {});
        QVERIFY(!summary.ok());
        QVERIFY2(
            summary.error.contains(QLatin1String("the file is not valid UTF-16 (an unpaired surrogate)")),
            qPrintable(summary.error));
        QCOMPARE(fingerprint(), before);
    }

    void formatOverride() {
        ImportOptions options;
        options.formatId = QStringLiteral("splunk.events.csv");
        const ImportSummary summary = Importer(m_workspace->database()).importFile(escuSample(), options);
        QVERIFY(summary.ok());
        QCOMPARE(summary.formatId, QStringLiteral("splunk.events.csv"));
        options.formatId = QStringLiteral("no.such.format");
        const ImportSummary refused = Importer(m_workspace->database()).importFile(escuSample(), options);
        QVERIFY(refused.error.startsWith(QLatin1String("unknown format \"no.such.format\"; known formats:")));
    }

    void progressIsReported() {
        QList<ImportProgress> reports;
        const ImportSummary summary =
            Importer(m_workspace->database())
                .importFile(writeFile(csvWith(100000, 0)), {}, [&](const ImportProgress &p) {
                    reports << p;
                    return true;
                });
        QVERIFY(summary.ok());
        QVERIFY(!reports.isEmpty());
        QCOMPARE(reports.last().records, 100000);
        QCOMPARE(reports.last().bytesDone, reports.last().bytesTotal);
    }
};

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
