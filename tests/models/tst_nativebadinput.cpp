#include "ingest/Importer.h"
#include "store/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// Bad native logs (Windows XML, .evtx, auditd, Kubernetes) each get their exact message, and the
// workspace stays as it was: a batch is all-or-nothing whatever the input.
class TestNativeBadInput : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;

    static QString native(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/native/") + QLatin1String(name);
    }

    QString fingerprint() {
        return m_workspace.database().queryText(QStringLiteral(
            "SELECT (SELECT count(*) FROM events) || '/' || (SELECT ifnull(max(id), 0) FROM events) || "
            "'/' || (SELECT count(*) FROM imports WHERE status = 'completed')"));
    }

    // Logs made on the fly from the real ones in the shared folder (never kept in the repository).
    QString generated(const QString &name) {
        const QString path = m_dir.filePath(name);
        QFile in(QStringLiteral(SHARED_EVTX_DIR "/uacbypass_cdssync_schtask_hijack_sysmon.evtx"));
        if (!in.open(QIODevice::ReadOnly))
            return path;
        QByteArray bytes = in.readAll();
        if (name == QLatin1String("corrupt_chunk.evtx")) {
            for (int i = 0; i < 64; ++i) // the first record's binary XML, inside chunk 0
                bytes[0x1300 + i] = char(~bytes[0x1300 + i]);
        }
        QFile out(path);
        out.open(QIODevice::WriteOnly);
        out.write(bytes);
        return path;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_workspace.open(m_dir.filePath(QStringLiteral("w.tunebench"))));
        // Something already in the workspace, which a bad import must not disturb.
        QVERIFY(Importer(m_workspace.database())
                    .importFile(
                        QStringLiteral(TEST_DATA_DIR "/formats/windows/security_4698-4702_wevtutil.xml"), {})
                    .ok());
    }

    void refusedWithExactMessage_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("XML entity bomb")
            << native("windows/entity_bomb.xml")
            << "entity_bomb.xml:record 0: line 2: the file declares a DOCTYPE; Tunebench never expands XML "
               "entities, so it refuses the file";
        QTest::newRow("external entity") << native("windows/external_entity.xml")
                                         << "external_entity.xml:record 0: line 1: the file declares a "
                                            "DOCTYPE; Tunebench never expands XML "
                                            "entities, so it refuses the file";
        QTest::newRow("entity declared between events")
            << native("windows/entity_between_events.xml")
            << "entity_between_events.xml:record 2: line 4: the file declares an XML entity (<!ENTITY); "
               "Tunebench "
               "never expands XML entities, so it refuses the file";
        QTest::newRow("TaskContent that is not XML")
            << native("windows/taskcontent_not_xml.xml")
            << "1 bad records, more than the 0 allowed; last: taskcontent_not_xml.xml:record 0 (line 2): "
               "TaskContent: the task definition is not XML (it starts with \"this is not a task d\")";
        QTest::newRow("EVTX with a corrupt chunk") << generated(QStringLiteral("corrupt_chunk.evtx"))
                                                   << "1 bad records, more than the 0 allowed; last: "
                                                      "corrupt_chunk.evtx:record 0: libevtx cannot read "
                                                      "event record 1 of 8: unsupported binary XML token "
                                                      "type: 0xfd (libfwevt_xml_token_read); libevtx "
                                                      "reports the file as corrupted (a damaged chunk?)";
        QTest::newRow("audit event cut by the end of the file")
            << native("linux/audit_rotated.log.1")
            << "1 bad records, more than the 0 allowed; last: audit_rotated.log.1:record 6 (line 7): the "
               "file ends "
               "inside audit event 1741090500.250:48500 (items=2 but 1 PATH record, no PROCTITLE): the rest "
               "is "
               "probably in the next log file; the partial event is not imported";
        QTest::newRow("audit event begun in the previous file")
            << native("linux/audit_rotated.log")
            << "1 bad records, more than the 0 allowed; last: audit_rotated.log:record 0 (line 1): audit "
               "event "
               "1741090500.250:48500 has no SYSCALL record: it began in the previous log file (rotated?); "
               "the "
               "partial event is not imported";
        QTest::newRow("Kubernetes event with an unknown stage")
            << native("kubernetes/unknown_stage.jsonl")
            << "1 bad records, more than the 0 allowed; last: unknown_stage.jsonl:record 1 (line 2): stage "
               "\"ResponseDelivered\" is not a Kubernetes audit stage (RequestReceived, ResponseStarted, "
               "ResponseComplete, Panic)";
        QTest::newRow("XML cut off inside an event")
            << native("windows/truncated_noroot.xml")
            << "truncated_noroot.xml:record 2: line 3: the file ends inside the <Event> that starts here "
               "(truncated?)";
        QTest::newRow("Sysmon for Linux event cut by syslog")
            << native("linux/sysmon_syslog_mixed.log")
            << "1 bad records, more than the 0 allowed; last: sysmon_syslog_mixed.log:record 2 (line 3): the "
               "event "
               "is cut off (the syslog daemon's message size limit?)";
    }
    void refusedWithExactMessage() {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        if (!QFile::exists(file))
            QSKIP("the shared research folder with the real .evtx files is not here");
        const QString before = fingerprint();
        ImportOptions options;
        options.maxErrors = 0; // so that one bad record fails the batch
        QElapsedTimer timer;
        timer.start();
        const ImportSummary summary = Importer(m_workspace.database()).importFile(file, options);
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error.startsWith(expected), qPrintable(summary.error));
        QCOMPARE(fingerprint(), before);
        QVERIFY(timer.elapsed() < 5000); // an entity bomb is refused, not expanded
    }

    void externalEntityIsNeverFetched() {
        // Were the entity resolved, /etc/passwd's first line would be in the workspace somewhere.
        ImportOptions options;
        options.maxErrors = 100;
        Importer(m_workspace.database()).importFile(native("windows/external_entity.xml"), options);
        QCOMPARE(m_workspace.database().queryInt(
                     QStringLiteral("SELECT count(*) FROM events WHERE raw LIKE '%root:x:0:0%' OR "
                                    "command_line LIKE '%root:x:%'")),
                 0);
    }

    void evtxInsideAnArchive() {
        const QString gzip = QStandardPaths::findExecutable(QStringLiteral("gzip"));
        if (gzip.isEmpty() || !QDir(QStringLiteral(SHARED_EVTX_DIR)).exists())
            QSKIP("needs gzip and the shared .evtx files");
        const QString path = m_dir.filePath(QStringLiteral("security.evtx.gz"));
        QProcess process;
        process.setStandardOutputFile(path);
        process.start(
            gzip, {QStringLiteral("-c"), QStringLiteral(SHARED_EVTX_DIR "/unrelated_psexec_security.evtx")});
        QVERIFY(process.waitForFinished());
        const QString before = fingerprint();
        const ImportSummary summary = Importer(m_workspace.database()).importFile(path, {});
        QVERIFY(!summary.ok());
        QCOMPARE(summary.error,
                 QStringLiteral(
                     "security.evtx.gz: an .evtx log can only be read from a file on disk (libevtx needs "
                     "random access): unpack it from the archive and import the .evtx file itself"));
        QCOMPARE(fingerprint(), before);
    }

    void skippedWithinTheErrorBudget() {
        // With the default budget the good events land and the bad ones are named.
        const ImportSummary summary =
            Importer(m_workspace.database()).importFile(native("kubernetes/unknown_stage.jsonl"), {});
        QVERIFY2(summary.ok(), qPrintable(summary.error));
        QCOMPARE(summary.eventsAdded, 1);
        QCOMPARE(summary.issues.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestNativeBadInput)
#include "tst_nativebadinput.moc"
