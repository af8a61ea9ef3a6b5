#include "CliRun.h"

#include "knowledge/KnowledgeBase.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "tuning/export/ExporterRegistry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// `tunebench-cli export` through the real binary, on decisions stored as schema v1 rows.
class TestCliExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    using Run = tb::testing::CliRun;
    static Run run(const QStringList &arguments) { return tb::testing::runCli(arguments); }
    QString db() const { return m_dir.filePath(QStringLiteral("export.tunebench")); }

private slots:
    void initTestCase() {
        Workspace workspace;
        QVERIFY(workspace.open(db()));
        Database &d = workspace.database();
        Transaction t(d);
        KnowledgeBase::builtIn().installInto(d);
        d.exec(QStringLiteral(
            "INSERT INTO decisions (id, title, action, note_id, rationale, author, created_at, updated_at, "
            "expires_at, "
            "status) VALUES "
            "(1, 'Adobe updater', 'suppress', 't1053-18', 'MSI custom action', 'akumar', "
            "'2026-11-16T09:12:00Z', "
            "'2026-11-16T09:12:00Z', '2027-05-16', 'approved'), "
            "(2, 'Proposed only', 'suppress', NULL, '', 'jlopez', '2026-11-16T09:12:00Z', "
            "'2026-11-16T09:12:00Z', NULL, "
            "'proposed');"
            "INSERT INTO decision_conditions (decision_id, field, modifiers, value_list) VALUES "
            "(1, 'parent_name', '', '[\"msiexec.exe\"]'), (1, 'command_line', 'contains', '[\"Adobe "
            "Acrobat\"]'), "
            "(2, 'command_line', 're', '[\"a+b\"]');"
            "INSERT INTO decision_scope (decision_id, kind, value) VALUES "
            "(1, 'rule', 'splunk:41a0e58e-884c-11ec-9976-acde48001122'), "
            "(1, 'rule', 'elastic:afcce5ad-65de-4ed2-8516-5e093d3ac99a'), "
            "(2, 'rule', 'elastic:afcce5ad-65de-4ed2-8516-5e093d3ac99a');"));
        t.commit();
    }

    void everyFormatToStandardOutput_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("splunk") << "splunk"
                                << "definition = search NOT ((parent_process_name=\"msiexec.exe\" AND "
                                   "process=\"*Adobe Acrobat*\"))";
        QTest::newRow("splunk-search") << "splunk-search"
                                       << "| search NOT (";
        QTest::newRow("sigma") << "sigma"
                               << "# No approved decision applies to a Sigma rule.";
        QTest::newRow("elastic") << "elastic"
                                 << "\"item_id\":\"tunebench-decision-1\"";
        QTest::newRow("kql") << "kql"
                             << "| where not((InitiatingProcessFileName =~ \"msiexec.exe\"";
        QTest::newRow("csv") << "csv"
                             << "2,Proposed only,proposed,suppress,not exported: status proposed";
        QTest::newRow("json") << "json"
                              << "\"title\": \"Proposed only\"";
        QTest::newRow("markdown") << "markdown"
                                  << "## Decision 1: Adobe updater";
    }
    void everyFormatToStandardOutput() {
        QFETCH(QString, format);
        QFETCH(QString, expected);
        const Run r = run({QStringLiteral("export"), QStringLiteral("--db"), db(), QStringLiteral("--format"),
                           format, QStringLiteral("--date"), QStringLiteral("2026-11-20")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.bytes.contains(expected.toUtf8()), r.bytes.constData());
    }

    void registryNamesEveryFormat() {
        const Run r = run({QStringLiteral("export"), QStringLiteral("--help")});
        for (const QString &id : ExporterRegistry::ids())
            QVERIFY2(r.bytes.contains(id.toUtf8()), qPrintable(id));
    }

    void outputFile() {
        const QString path = m_dir.filePath(QStringLiteral("macros.conf"));
        const Run r = run({QStringLiteral("export"), QStringLiteral("--db"), db(), QStringLiteral("--format"),
                           QStringLiteral("splunk"), QStringLiteral("-o"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.bytes.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("[windows_schtasks_create_run_as_system_filter]"));
    }

    void expiryJudgedOnTheDate() {
        const Run r = run({QStringLiteral("export"), QStringLiteral("--db"), db(), QStringLiteral("--format"),
                           QStringLiteral("splunk"), QStringLiteral("--date"), QStringLiteral("2027-05-17")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.bytes.contains("# No approved decision applies to an ESCU detection."));
    }

    void errors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown format") << QStringList{"--format", "qradar"} << 2
                                        << "export: --format must be one of splunk, splunk-search, sigma";
        QTest::newRow("bad date") << QStringList{"--format", "csv", "--date", "tomorrow"} << 2
                                  << "--date tomorrow: not a YYYY-MM-DD day";
    }
    void errors() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = run(QStringList{QStringLiteral("export"), QStringLiteral("--db"), db()} + arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.bytes.isEmpty());
    }

    // An export that fails leaves no partial file behind.
    void failedExportWritesNothing() {
        Workspace workspace;
        QVERIFY(workspace.open(db()));
        workspace.database().exec(QStringLiteral("UPDATE decisions SET status = 'approved' WHERE id = 2"));
        const QString path = m_dir.filePath(QStringLiteral("exceptions.ndjson"));
        const Run r = run({QStringLiteral("export"), QStringLiteral("--db"), db(), QStringLiteral("--format"),
                           QStringLiteral("elastic"), QStringLiteral("-o"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(
                     QStringLiteral("Elastic: decision 2 (Proposed only): Elastic exception entries have no "
                                    "regular expressions")),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(path));
        workspace.database().exec(QStringLiteral("UPDATE decisions SET status = 'proposed' WHERE id = 2"));
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cliexport.moc"
