#include "ExportTestSupport.h"

#include "tuning/export/KqlExporter.h"

#include <QTest>

using namespace tb;
using namespace tb::exporttest;

namespace {

ExportInput single(const QStringList &where, const QStringList &hosts = {}) {
    ExportInput input;
    input.today = QDate(2026, 11, 16);
    Decision d =
        decision(500, QStringLiteral("test"), DecisionStatus::Approved, where,
                 {QStringLiteral("sigma:92626ddd-662c-49e3-ac59-f6535f12d189")}, {}, {}, QStringLiteral("t"));
    d.scope.hosts = hosts;
    input.decisions = {d};
    return input;
}

QString clauseOf(const QByteArray &kql) {
    for (const QByteArray &line : kql.split('\n'))
        if (line.startsWith("| where "))
            return QString::fromUtf8(line);
    return {};
}

// A KQL string literal read back: verbatim @"…" ("" is a quote) or "…" with backslash escapes.
QString unquote(const QString &literal) {
    if (literal.startsWith(QLatin1String("@\"")))
        return literal.mid(2, literal.size() - 3).replace(QLatin1String("\"\""), QLatin1String("\""));
    QString out;
    for (qsizetype i = 1; i + 1 < literal.size(); ++i) {
        QChar c = literal[i];
        if (c == QLatin1Char('\\')) {
            c = literal[++i];
            out += c == QLatin1Char('n')   ? QChar(QLatin1Char('\n'))
                   : c == QLatin1Char('r') ? QChar(QLatin1Char('\r'))
                   : c == QLatin1Char('t') ? QChar(QLatin1Char('\t'))
                                           : c;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

class TestKqlExporter : public QObject {
    Q_OBJECT

private slots:
    // The demo decisions KQL can say (1-3, 5 on AKSAudit, 9 on DeviceEvents; 4 names a file path no
    // KQL table here has, see errors()).
    void golden_data() {
        QTest::addColumn<bool>("hostile");
        QTest::addColumn<QString>("file");
        QTest::newRow("demo") << false << "demo-filters.kql";
        QTest::newRow("hostile") << true << "hostile-filters.kql";
    }
    void golden() {
        QFETCH(bool, hostile);
        QFETCH(QString, file);
        QVERIFY(exportsAsGolden(QStringLiteral("kql"),
                                hostile ? hostileInput() : demoInput({1, 2, 3, 5, 6, 7, 8, 9, 10}), file));
    }

    void onlyExportableDecisions() {
        const QString kql =
            QString::fromUtf8(run(QStringLiteral("kql"), demoInput({1, 2, 3, 5, 6, 7, 8, 9, 10})));
        for (int id : {1, 2, 3, 5, 9})
            QVERIFY(kql.contains(QStringLiteral("// decision %1:").arg(id)));
        for (int id : {6, 7, 8, 10})
            QVERIFY(!kql.contains(QStringLiteral("// decision %1:").arg(id)));
    }

    void stringLiteral_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("kql");
        QTest::newRow("plain") << "schtasks.exe"
                               << "\"schtasks.exe\"";
        QTest::newRow("path is verbatim") << "C:\\Temp\\"
                                          << "@\"C:\\Temp\\\"";
        QTest::newRow("verbatim quote") << "\\\"x\""
                                        << "@\"\\\"\"x\"\"\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \\\"hi\\\"\"";
        QTest::newRow("line break") << "a\nb\\c"
                                    << "\"a\\nb\\\\c\"";
        QTest::newRow("tab and return") << "a\tb\r"
                                        << "\"a\\tb\\r\"";
        QTest::newRow("pipe and backtick") << "a|b `c`"
                                           << "\"a|b `c`\"";
        QTest::newRow("unicode") << QString::fromUtf8("Zo\xc3\xab") << QString::fromUtf8("\"Zo\xc3\xab\"");
    }
    void stringLiteral() {
        QFETCH(QString, value);
        QFETCH(QString, kql);
        QCOMPARE(KqlExporter::stringLiteral(value), kql);
        QCOMPARE(unquote(kql), value);
    }

    void clause_data() {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<QString>("clause");
        QTest::newRow("equals") << QStringList{"process_name=schtasks.exe"} << QStringList()
                                << "| where not(FileName =~ \"schtasks.exe\")";
        QTest::newRow("one of") << QStringList{"process_name=a.exe", "process_name=b.exe"} << QStringList()
                                << "| where not(FileName in~ (\"a.exe\", \"b.exe\"))";
        QTest::newRow("contains") << QStringList{"command_line|contains=/ru system"} << QStringList()
                                  << "| where not(ProcessCommandLine contains \"/ru system\")";
        QTest::newRow("startswith")
            << QStringList{"parent_image|startswith=C:\\Windows\\"} << QStringList()
            << "| where not(InitiatingProcessFolderPath startswith @\"C:\\Windows\\\")";
        QTest::newRow("endswith") << QStringList{"process_image|endswith=\\schtasks.exe"} << QStringList()
                                  << "| where not(FolderPath endswith @\"\\schtasks.exe\")";
        QTest::newRow("glob")
            << QStringList{"command_line=*/tn ??*"} << QStringList()
            << "| where not(ProcessCommandLine matches regex @\"(?i)/tn [\\s\\S][\\s\\S]\")";
        QTest::newRow("regex")
            << QStringList{"command_line|re=-enc\\s"} << QStringList()
            << "| where not((isnotempty(ProcessCommandLine) and ProcessCommandLine matches regex "
               "@\"(?i)-enc\\s\"))";
        QTest::newRow("and") << QStringList{"process_name=schtasks.exe", "user=SYSTEM"} << QStringList()
                             << "| where not((FileName =~ \"schtasks.exe\" and AccountName =~ \"SYSTEM\"))";
        QTest::newRow("host scope")
            << QStringList{"process_name=x"} << QStringList{"jmp-01"}
            << "| where not((FileName =~ \"x\" and (DeviceName =~ \"jmp-01\" or DeviceName "
               "startswith \"jmp-01.\")))";
        QTest::newRow("number") << QStringList{"process_pid=4242"} << QStringList()
                                << "| where not(ProcessId == 4242)";
        QTest::newRow("exists") << QStringList{"parent_command_line|exists=false"} << QStringList()
                                << "| where not(isempty(InitiatingProcessCommandLine))";
        // No DeviceProcessEvents name for the source address: SecurityEvent, whose IpAddress has it.
        QTest::newRow("cidr on SecurityEvent") << QStringList{"source_ip|cidr=10.0.0.0/8"} << QStringList()
                                               << "| where not(ipv4_is_in_range(IpAddress, \"10.0.0.0/8\"))";
        QTest::newRow("ipv6 cidr") << QStringList{"source_ip|cidr=fd00::/8"} << QStringList()
                                   << "| where not(ipv6_is_in_range(IpAddress, \"fd00::/8\"))";
        QTest::newRow("task XML") << QStringList{"task_action|contains=updater.exe"} << QStringList()
                                  << "| where not(EventData contains \"updater.exe\")";
    }
    void clause() {
        QFETCH(QStringList, where);
        QFETCH(QStringList, hosts);
        QFETCH(QString, clause);
        QString error;
        const QByteArray kql = run(QStringLiteral("kql"), single(where, hosts), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(clauseOf(kql), clause);
    }

    // A decision DeviceProcessEvents and SecurityEvent cannot express goes to the next table that can.
    void otherTables_data() {
        QTest::addColumn<qint64>("decision");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("clause");
        QTest::newRow("kubernetes: AKSAudit")
            << qint64(5) << "AKSAudit"
            << "| where not((tostring(User.username) =~ \"system:serviceaccount:ci:deployer\" and "
               "tostring(ObjectRef.resource) =~ \"cronjobs\" and ipv4_is_in_range(tostring(SourceIps[0]), "
               "\"10.20.0.0/16\")))";
        QTest::newRow("task name glob: DeviceEvents")
            << qint64(9) << "DeviceEvents"
            << "| where not((tostring(parse_json(AdditionalFields).TaskName) matches regex "
               "@\"(?i)^\\\\GoogleUpdaterTaskUser[\\s\\S]*\\{[\\s\\S]*\\}$\" and "
               "tostring(parse_json(AdditionalFields).TaskContent) contains "
               "@\"\\AppData\\Local\\Google\\GoogleUpdater\\\"))";
    }
    void otherTables() {
        QFETCH(qint64, decision);
        QFETCH(QString, table);
        QFETCH(QString, clause);
        QString error;
        const QByteArray kql = run(QStringLiteral("kql"), demoInput({decision}), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(kql.contains(", table " + table.toUtf8() + '\n'), kql.constData());
        QCOMPARE(clauseOf(kql), clause);
    }

    void errors_data() {
        QTest::addColumn<qint64>("decision");
        QTest::addColumn<QString>("message");
        QTest::newRow("target path")
            << qint64(4)
            << "KQL: decision 4 (dpkg installs cron files during package upgrades): field target_path: KQL "
               "DeviceProcessEvents has no such field; decision 4 (dpkg installs cron files during package "
               "upgrades): field target_path: KQL SecurityEvent has no such field; decision 4 (dpkg installs "
               "cron files during package upgrades): field target_path: KQL DeviceEvents has no such field; "
               "decision 4 (dpkg installs cron files during package upgrades): field process_name: KQL "
               "AKSAudit has no such field";
    }
    void errors() {
        QFETCH(qint64, decision);
        QFETCH(QString, message);
        QString error;
        QVERIFY(run(QStringLiteral("kql"), demoInput({decision}), &error).isEmpty());
        QCOMPARE(error, message);
    }
};

QTEST_GUILESS_MAIN(TestKqlExporter)
#include "tst_kqlexporter.moc"
