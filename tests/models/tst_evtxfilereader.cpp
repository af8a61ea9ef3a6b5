#include "ReaderTestSupport.h"

#include "ingest/EvtxFileReader.h"
#include "ingest/FormatRegistry.h"
#include "ingest/Importer.h"
#include "store/Workspace.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;
using namespace tb::testing;

// The real logs of the shared research folder are read where they are (never copied into the
// repository); damaged logs are made from them in a temporary folder.
class TestEvtxFileReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static QString shared(const QString &name) { return QStringLiteral(SHARED_EVTX_DIR "/") + name; }
    static ReadResult read(const QString &path) { return readFile(factory<EvtxFileReader>(), path); }

    // A copy of `name` with `count` bytes inverted from `offset`.
    QString damaged(const QString &name, qint64 offset, int count, const QString &copyName) {
        QFile in(shared(name));
        if (!in.open(QIODevice::ReadOnly))
            return {};
        QByteArray bytes = in.readAll();
        for (int i = 0; i < count; ++i)
            bytes[offset + i] = char(~bytes[offset + i]);
        const QString path = m_dir.filePath(copyName);
        QFile out(path);
        out.open(QIODevice::WriteOnly);
        out.write(bytes);
        return path;
    }

private slots:
    void initTestCase() {
        if (!QDir(QStringLiteral(SHARED_EVTX_DIR)).exists())
            QSKIP("the shared research folder with the real .evtx files is not here");
        QVERIFY(m_dir.isValid());
    }

    void detects() {
        const ImportFormat *format = FormatRegistry::instance().detect(
            FileHead::fromBytes(head(shared("atexec_4698_4699_created_deleted.evtx"))));
        QVERIFY(format);
        QCOMPARE(format->id, QStringLiteral("evtx.binary"));
    }

    void readsRealLogs_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records"); // the log's own records (shared README), recovered ones follow
        QTest::newRow("uscheduler sysmon 13") << "uscheduler_cve_2020_1313_sysmon13.evtx" << 4;
        QTest::newRow("uac bypass sysmon") << "uacbypass_cdssync_schtask_hijack_sysmon.evtx" << 8;
        QTest::newRow("remote task sysmon") << "remote_task_src_powershell_sysmon.evtx" << 3;
        QTest::newRow("atexec 4698/4699") << "atexec_4698_4699_created_deleted.evtx" << 2;
        QTest::newRow("atexec 5145") << "atexec_5145_remote_task_creation.evtx" << 4;
        QTest::newRow("psexec security") << "unrelated_psexec_security.evtx" << 4;
    }
    void readsRealLogs() {
        QFETCH(QString, file);
        QFETCH(int, records);
        const ReadResult result = read(shared(file));
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.last, EventReader::Status::End);
        QVERIFY(result.events.size() >= records);
        for (int i = 0; i < result.events.size(); ++i) {
            const NormalizedEvent &e = result.events[i];
            QCOMPARE(e.rawFields.contains(QLatin1String("\"evtx.recovered\":\"true\"")), i >= records);
            QCOMPARE(e.value(EventField::Platform), QStringLiteral("windows"));
            QVERIFY(!e.value(EventField::TimeUtc).isEmpty());
            QVERIFY(!e.identity.isEmpty());
        }
        for (int i = 0; i < records; ++i)
            QCOMPARE(result.events[i].recordNo, i);

        // evtxexport (libevtx-utils) is the reference: the same XML for every record of the log.
        const QString evtxexport = QStandardPaths::findExecutable(QStringLiteral("evtxexport"));
        if (evtxexport.isEmpty())
            QSKIP("evtxexport is not installed: the XML is not compared with the reference tool");
        QProcess process;
        process.start(evtxexport, {QStringLiteral("-f"), QStringLiteral("xml"), shared(file)});
        QVERIFY(process.waitForFinished(30000));
        const QString reference = QString::fromUtf8(process.readAllStandardOutput());
        static const QRegularExpression element(QStringLiteral("<Event .*?</Event>"),
                                                QRegularExpression::DotMatchesEverythingOption);
        QStringList expected;
        for (auto it = element.globalMatch(reference); it.hasNext();)
            expected << it.next().captured();
        QCOMPARE(expected.size(), records);
        for (int i = 0; i < records; ++i)
            QCOMPARE(result.events[i].raw, expected[i]);
    }

    void mapsFields_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        const QString atexec = QStringLiteral("atexec_4698_4699_created_deleted.evtx");
        QTest::newRow("4698 task") << atexec << 0 << "task_name"
                                   << "\\bouWFQYO";
        QTest::newRow("doubly escaped TaskContent")
            << atexec << 0 << "task_action"
            << "cmd.exe /C whoami > %windir%\\Temp\\bouWFQYO.tmp 2>&1";
        QTest::newRow("run as") << atexec << 0 << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("created") << atexec << 0 << "task_operation"
                                 << "created";
        QTest::newRow("deleted") << atexec << 1 << "task_operation"
                                 << "deleted";
        QTest::newRow("subject") << atexec << 0 << "user"
                                 << "admmig";
        QTest::newRow("9 fraction digits kept to µs") << atexec << 0 << "time_utc"
                                                      << "2021-06-10T21:21:26.383726Z";
        QTest::newRow("host") << atexec << 0 << "host"
                              << "fs01";
        QTest::newRow("channel") << atexec << 1 << "event_source"
                                 << "Security";
        QTest::newRow("5145 share path") << "atexec_5145_remote_task_creation.evtx" << 0 << "target_path"
                                         << "\\\\*\\IPC$\\atsvc";
        QTest::newRow("sysmon image") << "uacbypass_cdssync_schtask_hijack_sysmon.evtx" << 4 << "process_name"
                                      << "taskhostw.exe";
        QTest::newRow("4688 process") << "unrelated_psexec_security.evtx" << 1 << "process_image"
                                      << "C:\\Windows\\duKhLYUX.exe";
    }
    void mapsFields() {
        QFETCH(QString, file);
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read(shared(file));
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void damagedChunk_data() {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("events");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<QString>("firstIssue");
        // The first record's binary XML (its template, which the later records share).
        QTest::newRow("record data") << qint64(0x1300) << 64 << 0 << 8
                                     << "damaged.evtx:record 0: libevtx cannot read event record 1 of 8: "
                                        "unsupported binary XML token type: 0xfd (libfwevt_xml_token_read); "
                                        "libevtx reports the file as corrupted (a damaged chunk?)";
        // The chunk's signature: libevtx gives the chunk's records up as recovered ones.
        QTest::newRow("chunk signature") << qint64(0x1000) << 8 << 8 << 0 << "";
    }
    void damagedChunk() {
        QFETCH(qint64, offset);
        QFETCH(int, count);
        QFETCH(int, events);
        QFETCH(int, skipped);
        QFETCH(QString, firstIssue);
        const QString path = damaged(QStringLiteral("uacbypass_cdssync_schtask_hijack_sysmon.evtx"), offset,
                                     count, "damaged.evtx");
        const ReadResult result = read(path);
        QCOMPARE(result.last, EventReader::Status::End);
        QCOMPARE(result.events.size(), events);
        QCOMPARE(result.issues.size(), skipped);
        QCOMPARE(result.issueText(0), firstIssue);
        for (const NormalizedEvent &e : result.events)
            QVERIFY(e.rawFields.contains(QLatin1String("\"evtx.recovered\":\"true\"")));
    }

    // Found by fuzz_evtx (tests/fuzz/regressions/): for one recovered fragment of this log libevtx
    // asks for 8 GiB, and reading it crashed the whole importer (SIGSEGV). libevtx runs in a capped
    // child process now: the fragment is left out, the log's four records are read.
    void survivesWhatCrashedLibevtx() {
        const ReadResult result =
            read(QStringLiteral(TEST_DATA_DIR "/../fuzz/regressions/evtx_libevtx_8gib_fragment.evtx"));
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.last, EventReader::Status::End);
        QVERIFY(result.events.size() >= 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(result.events[i].recordNo, i);
            QVERIFY(!result.events[i].rawFields.contains(QLatin1String("evtx.recovered")));
        }
    }

    void truncatedLogFails() {
        QFile in(shared(QStringLiteral("atexec_4698_4699_created_deleted.evtx")));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QString path = m_dir.filePath(QStringLiteral("truncated.evtx"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.read(2000));
        out.close();
        const ReadResult result = read(path);
        QCOMPARE(result.last, EventReader::Status::Failed);
        QCOMPARE(result.events.size(), 0);
        QVERIFY2(
            result.issueText(0).startsWith(QLatin1String("truncated.evtx: libevtx cannot open the log: ")),
            qPrintable(result.issueText(0)));
    }

    void needsAFileOnDisk() {
        QFile in(shared(QStringLiteral("atexec_4698_4699_created_deleted.evtx")));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const ReadResult result =
            readBytes(factory<EvtxFileReader>(), in.readAll(), QStringLiteral("x.evtx"));
        QCOMPARE(result.last, EventReader::Status::Failed);
        QCOMPARE(
            result.issueText(0),
            QStringLiteral("x.evtx: an .evtx log can only be read from a file on disk (libevtx needs random "
                           "access): unpack it from the archive and import the .evtx file itself"));
    }

    void refusedInsideAnArchive() {
        const QString gzip = QStandardPaths::findExecutable(QStringLiteral("gzip"));
        if (gzip.isEmpty())
            QSKIP("gzip is not installed");
        const QString path = m_dir.filePath(QStringLiteral("log.evtx.gz"));
        QProcess process;
        process.setStandardOutputFile(path);
        process.start(
            gzip, {QStringLiteral("-c"), shared(QStringLiteral("atexec_4698_4699_created_deleted.evtx"))});
        QVERIFY(process.waitForFinished());
        Workspace workspace;
        QVERIFY(workspace.open(m_dir.filePath(QStringLiteral("w.tunebench"))));
        const ImportSummary summary = Importer(workspace.database()).importFile(path, {});
        QVERIFY(!summary.ok());
        QCOMPARE(summary.formatId, QStringLiteral("evtx.binary"));
        QVERIFY2(summary.error.contains(QLatin1String("an .evtx log can only be read from a file on disk")),
                 qPrintable(summary.error));
        QCOMPARE(workspace.database().queryInt(QStringLiteral("SELECT count(*) FROM events")), 0);
    }

    void importsThroughTheImporter() {
        Workspace workspace;
        QVERIFY(workspace.open(m_dir.filePath(QStringLiteral("import.tunebench"))));
        const QString file = shared(QStringLiteral("atexec_4698_4699_created_deleted.evtx"));
        const ImportSummary first = Importer(workspace.database()).importFile(file, {});
        QVERIFY2(first.ok(), qPrintable(first.error));
        QCOMPARE(first.eventsAdded, 2);
        QCOMPARE(first.sha256.size(), 64);
        const ImportSummary again = Importer(workspace.database()).importFile(file, {});
        QVERIFY(again.ok());
        QCOMPARE(again.eventsAdded, 0);
        QCOMPARE(again.duplicates, 2);
    }
};

QTEST_GUILESS_MAIN(TestEvtxFileReader)
#include "tst_evtxfilereader.moc"
