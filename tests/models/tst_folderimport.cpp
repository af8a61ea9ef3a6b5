#include "ingest/Importer.h"
#include "store/Statement.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// A folder of .evtx logs is one batch: one imports row for the folder, each event with its own
// file's name and record number (Importer::importFolder, `tunebench-cli import DIR`).
class TestFolderImport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    int m_counter = 0;

    static QString shared() { return QStringLiteral(SHARED_EVTX_DIR); }
    qint64 count(const QString &sql) { return m_workspace->database().queryInt(sql); }

    // A folder in the temporary directory with copies of `logs`; "damaged.evtx" is a copy of the
    // UAC-bypass log whose first record's binary XML is inverted.
    QString folderWith(const QStringList &logs) {
        const QString path = m_dir.filePath(QStringLiteral("folder%1").arg(++m_counter));
        QDir().mkpath(path);
        for (const QString &log : logs) {
            if (log == QLatin1String("damaged.evtx")) {
                QFile in(shared() + QStringLiteral("/uacbypass_cdssync_schtask_hijack_sysmon.evtx"));
                in.open(QIODevice::ReadOnly);
                QByteArray bytes = in.readAll();
                for (int i = 0; i < 64; ++i)
                    bytes[0x1300 + i] = char(~bytes[0x1300 + i]);
                QFile out(path + QLatin1Char('/') + log);
                out.open(QIODevice::WriteOnly);
                out.write(bytes);
            } else {
                QFile::copy(shared() + QLatin1Char('/') + log, path + QLatin1Char('/') + log);
            }
        }
        return path;
    }

private slots:
    void initTestCase() {
        if (!QDir(shared()).exists())
            QSKIP("the shared research folder with the real .evtx files is not here");
    }
    void init() {
        m_workspace = std::make_unique<Workspace>();
        QVERIFY(m_workspace->open(m_dir.filePath(QStringLiteral("w%1.tunebench").arg(++m_counter))));
    }

    void importsEveryLogAsOneBatch() {
        const ImportSummary summary = Importer(m_workspace->database()).importFolder(shared(), {});
        QVERIFY2(summary.ok(), qPrintable(summary.error));
        QCOMPARE(summary.formatId, QStringLiteral("evtx.binary"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM imports")), 1);
        Statement row = m_workspace->database().prepare(
            QStringLiteral("SELECT file_name, file_path, file_size, sha256, status, records_read, "
                           "events_added FROM imports"));
        QVERIFY(row.step());
        QCOMPARE(row.columnText(0), QStringLiteral("evtx"));
        QCOMPARE(row.columnText(1), QDir(shared()).absolutePath());
        QCOMPARE(row.columnInt64(2), 6 * 69632);
        QCOMPARE(row.columnText(4), QStringLiteral("completed"));
        QCOMPARE(row.columnInt64(6), summary.eventsAdded);

        // The recorded hash is that of the manifest `sha256sum *.evtx` prints.
        QByteArray manifest;
        for (const QFileInfo &log :
             QDir(shared()).entryInfoList({QStringLiteral("*.evtx")}, QDir::Files, QDir::Name)) {
            QFile file(log.absoluteFilePath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            manifest += QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex() + "  " +
                        log.fileName().toUtf8() + '\n';
        }
        QCOMPARE(row.columnText(3),
                 QString::fromLatin1(QCryptographicHash::hash(manifest, QCryptographicHash::Sha256).toHex()));

        // Each event keeps its own file and its record number there.
        QCOMPARE(count(QStringLiteral("SELECT count(DISTINCT source_file) FROM events")), 6);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE source_file = "
                                      "'atexec_4698_4699_created_deleted.evtx' AND record_no IN (0, 1)")),
                 2);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE source_file = "
                                      "'uacbypass_cdssync_schtask_hijack_sysmon.evtx'")),
                 8);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE source_file = 'evtx'")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events WHERE task_name = '\\bouWFQYO' AND "
                                      "task_operation = 'created'")),
                 1);

        const ImportSummary again = Importer(m_workspace->database()).importFolder(shared(), {});
        QVERIFY(again.ok());
        QCOMPARE(again.eventsAdded, 0);
        QCOMPARE(again.duplicates, summary.eventsAdded);
    }

    void oneDamagedLogFailsTheWholeBatch() {
        const QString folder =
            folderWith({QStringLiteral("atexec_4698_4699_created_deleted.evtx"),
                        QStringLiteral("damaged.evtx"), QStringLiteral("unrelated_psexec_security.evtx")});
        ImportOptions strict;
        strict.maxErrors = 0;
        const ImportSummary failed = Importer(m_workspace->database()).importFolder(folder, strict);
        QVERIFY(!failed.ok());
        QCOMPARE(
            failed.error,
            QStringLiteral("1 bad records, more than the 0 allowed; last: damaged.evtx:record 0: libevtx "
                           "cannot read event record 1 of 8: unsupported binary XML token type: 0xfd "
                           "(libfwevt_xml_token_read); libevtx reports the file as corrupted (a "
                           "damaged chunk?)"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM imports WHERE status = 'failed'")), 1);

        // Within the error budget the good logs land, and every bad record is named.
        const ImportSummary lenient = Importer(m_workspace->database()).importFolder(folder, {});
        QVERIFY2(lenient.ok(), qPrintable(lenient.error));
        QCOMPARE(lenient.eventsAdded, 6);
        QCOMPARE(lenient.issues.size(), 8);
        QVERIFY(lenient.issues.last().toString().startsWith(QLatin1String("damaged.evtx:record 7: ")));
    }

    void refusals_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("error");
        QTest::newRow("no logs") << "empty"
                                 << ""
                                 << ": the folder holds no .evtx files";
        QTest::newRow("another format")
            << "atexec"
            << "windows.event.xml"
            << ": a folder is imported as its .evtx logs; --format and --mapping do not apply";
        QTest::newRow("not a folder") << "missing"
                                      << ""
                                      << ": not a folder";
    }
    void refusals() {
        QFETCH(QString, folder);
        QFETCH(QString, format);
        QFETCH(QString, error);
        const QString path = folder == QLatin1String("empty") ? folderWith({})
                             : folder == QLatin1String("atexec")
                                 ? folderWith({QStringLiteral("atexec_4698_4699_created_deleted.evtx")})
                                 : m_dir.filePath(QStringLiteral("missing"));
        ImportOptions options;
        options.formatId = format;
        const ImportSummary summary = Importer(m_workspace->database()).importFolder(path, options);
        QVERIFY(!summary.ok());
        QCOMPARE(summary.error, path + error);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM events")), 0);
    }

    void cliImportsAFolder() {
        QProcess cli;
        cli.start(QStringLiteral(TUNEBENCH_BIN_DIR "/tunebench-cli"),
                  {QStringLiteral("import"), QStringLiteral("--db"),
                   m_dir.filePath(QStringLiteral("cli.tunebench")),
                   folderWith({QStringLiteral("atexec_4698_4699_created_deleted.evtx"),
                               QStringLiteral("unrelated_psexec_security.evtx")})});
        QVERIFY(cli.waitForFinished(60000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(out.contains(QRegularExpression(
                     QStringLiteral("^folder\\d+ \\(evtx\\.binary\\): 6 events added\\n$"))),
                 qPrintable(out + QString::fromUtf8(cli.readAllStandardError())));
    }
};

QTEST_GUILESS_MAIN(TestFolderImport)
#include "tst_folderimport.moc"
