#include "ExportTestSupport.h"

#include "tuning/export/SplExpression.h"
#include "tuning/export/SplunkFilters.h"

#include <QRegularExpression>
#include <QTest>

using namespace tb;
using namespace tb::exporttest;

namespace {

// One approved decision for the Run As System detection with these condition expressions.
ExportInput single(const QStringList &where, const QStringList &hosts = {}) {
    ExportInput input;
    input.today = QDate(2026, 11, 16);
    Decision d = decision(200, QStringLiteral("test"), DecisionStatus::Approved, where,
                          {QStringLiteral("splunk:41a0e58e-884c-11ec-9976-acde48001122")}, {}, {},
                          QStringLiteral("t"));
    d.scope.hosts = hosts;
    input.decisions = {d};
    return input;
}

QString definitionOf(const QByteArray &conf) {
    for (const QByteArray &line : conf.split('\n'))
        if (line.startsWith("definition = "))
            return QString::fromUtf8(line.mid(13));
    return {};
}

} // namespace

class TestSplunkExporters : public QObject {
    Q_OBJECT

private slots:
    void golden_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("hostile");
        QTest::addColumn<QString>("file");
        QTest::newRow("macros.conf") << "splunk" << false << "demo-macros.conf";
        QTest::newRow("search") << "splunk-search" << false << "demo-search.spl";
        QTest::newRow("hostile macros.conf") << "splunk" << true << "hostile-macros.conf";
        QTest::newRow("hostile search") << "splunk-search" << true << "hostile-search.spl";
    }
    void golden() {
        QFETCH(QString, format);
        QFETCH(bool, hostile);
        QFETCH(QString, file);
        QVERIFY(exportsAsGolden(format, hostile ? hostileInput() : demoInput(), file));
    }

    // Every line of the file is a comment, a stanza header or one of the three settings: no value
    // leaks a line break (or a continuation backslash) into the .conf syntax.
    void confLinesAreWellFormed_data() {
        QTest::addColumn<bool>("hostile");
        QTest::newRow("demo") << false;
        QTest::newRow("hostile") << true;
    }
    void confLinesAreWellFormed() {
        QFETCH(bool, hostile);
        const ExportInput input = hostile ? hostileInput() : demoInput();
        const QString conf = QString::fromUtf8(run(QStringLiteral("splunk"), input));
        static const QRegularExpression line(
            QStringLiteral("^(|#.*|\\[[a-z0-9_]+_filter\\]|definition = .+|description = .+|iseval = 0)$"));
        for (const QString &l : conf.split(QLatin1Char('\n'))) {
            QVERIFY2(line.match(l).hasMatch(), qPrintable(l));
            QVERIFY2(!l.endsWith(QLatin1Char('\\')), qPrintable(l));
        }
    }

    // Only approved, unexpired suppressions reach the macros.
    void onlyExportableDecisions() {
        const QString conf = QString::fromUtf8(run(QStringLiteral("splunk"), demoInput()));
        for (int id : {1, 2, 3, 4, 5})
            QVERIFY2(conf.contains(QStringLiteral("# decision %1:").arg(id)),
                     qPrintable(QString::number(id)));
        for (int id : {6, 7, 8, 9, 10})
            QVERIFY2(!conf.contains(QStringLiteral("# decision %1:").arg(id)),
                     qPrintable(QString::number(id)));
        QVERIFY(conf.contains(QStringLiteral("[windows_schtasks_create_run_as_system_filter]")));
        QVERIFY(conf.contains(QStringLiteral("[kubernetes_cron_job_creation_filter]")));
        QVERIFY(
            !conf.contains(QStringLiteral("[schtasks_used_for_forcing_a_reboot_filter]"))); // rejected only
    }

    void quoted_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("spl");
        QTest::newRow("plain") << "schtasks.exe"
                               << "\"schtasks.exe\"";
        QTest::newRow("double quote") << "say \"hi\""
                                      << "\"say \\\"hi\\\"\"";
        QTest::newRow("backslash") << "C:\\Temp\\"
                                   << "\"C:\\\\Temp\\\\\"";
        QTest::newRow("pipe and backtick") << "a|b `m`"
                                           << "\"a|b `m`\"";
        QTest::newRow("unicode") << QString::fromUtf8("Zo\xc3\xab") << QString::fromUtf8("\"Zo\xc3\xab\"");
        QTest::newRow("formula") << "=1+2"
                                 << "\"=1+2\"";
    }
    void quoted() {
        QFETCH(QString, value);
        QFETCH(QString, spl);
        QCOMPARE(SplExpression::quoted(value), spl);
    }

    // What one predicate becomes: search terms where the search command can say it exactly,
    // a where clause of eval functions where it cannot.
    void definition_data() {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<QString>("definition");
        QTest::newRow("equals") << QStringList{"process_name=schtasks.exe"} << QStringList()
                                << "search NOT ((process_name=\"schtasks.exe\"))";
        QTest::newRow("one of") << QStringList{"process_name=a.exe", "process_name=b.exe"} << QStringList()
                                << "search NOT ((process_name IN (\"a.exe\", \"b.exe\")))";
        QTest::newRow("contains path")
            << QStringList{"parent_image|contains=\\AppData\\Local\\Temp\\"} << QStringList()
            << "search NOT ((parent_process_path=\"*\\\\AppData\\\\Local\\\\Temp\\\\*\"))";
        QTest::newRow("startswith") << QStringList{"command_line|startswith=cmd /c"} << QStringList()
                                    << "search NOT ((process=\"cmd /c*\"))";
        QTest::newRow("endswith") << QStringList{"target_path|endswith=.dpkg-new"} << QStringList()
                                  << "search NOT ((file_path=\"*.dpkg-new\"))";
        QTest::newRow("glob") << QStringList{"task_name=\\Google*{*}"} << QStringList()
                              << "search NOT ((TaskName=\"\\\\Google*{*}\"))";
        QTest::newRow("all") << QStringList{"command_line|contains|all=a", "command_line|contains|all=b"}
                             << QStringList() << "search NOT ((process=\"*a*\" AND process=\"*b*\"))";
        QTest::newRow("quote and pipe") << QStringList{"command_line|contains=/TN \"x|y\""} << QStringList()
                                        << "search NOT ((process=\"*/TN \\\"x|y\\\"*\"))";
        QTest::newRow("cidr") << QStringList{"source_ip|cidr=10.20.0.0/16"} << QStringList()
                              << "search NOT ((src_ip=\"10.20.0.0/16\"))";
        QTest::newRow("two subnets") << QStringList{"source_ip|cidr=10.0.0.0/8", "source_ip|cidr=fd00::/8"}
                                     << QStringList()
                                     << "search NOT (((src_ip=\"10.0.0.0/8\" OR src_ip=\"fd00::/8\")))";
        QTest::newRow("exists") << QStringList{"task_name|exists=true"} << QStringList()
                                << "search NOT ((TaskName=*))";
        QTest::newRow("absent") << QStringList{"task_name|exists=false"} << QStringList()
                                << "search NOT ((NOT TaskName=*))";
        QTest::newRow("user with domain") << QStringList{"user=adm_backup"} << QStringList()
                                          << "search NOT ((user IN (\"adm_backup\", \"*\\\\adm_backup\")))";
        QTest::newRow("host scope")
            << QStringList{"process_name=x"} << QStringList{"jmp-01"}
            << "search NOT ((process_name=\"x\" AND dest IN (\"jmp-01\", \"jmp-01.*\")))";
        // The search command cannot escape '*', has no one-character wildcard and no regexes.
        QTest::newRow("literal star") << QStringList{"command_line|contains=100\\*"} << QStringList()
                                      << "where NOT ((match(coalesce(process, \"\"), \"(?i)100\\\\*\")))";
        QTest::newRow("one character")
            << QStringList{"process_name=app?.exe"} << QStringList()
            << "where NOT ((match(coalesce(process_name, \"\"), \"(?i)^app[\\\\s\\\\S]\\\\.exe$\")))";
        QTest::newRow("line break") << QStringList{"command_line|contains=a\nb"} << QStringList()
                                    << "where NOT ((match(coalesce(process, \"\"), \"(?i)a\\\\nb\")))";
        QTest::newRow("regex")
            << QStringList{"command_line|re=-enc\\s+[A-Za-z0-9+/=]{20,}"} << QStringList()
            << "where NOT (((len(coalesce(process, \"\"))>0 AND match(coalesce(process, \"\"), "
               "\"(?i)-enc\\\\s+[A-Za-z0-9+/=]{20,}\"))))";
        QTest::newRow("dotted field") << QStringList{"k8s_namespace|re=^kube-"} << QStringList()
                                      << "where NOT (((len(coalesce('objectRef.namespace', \"\"))>0 AND "
                                         "match(coalesce('objectRef.namespace', \"\"), \"(?i)^kube-\"))))";
    }
    void definition() {
        QFETCH(QStringList, where);
        QFETCH(QStringList, hosts);
        QFETCH(QString, definition);
        QString error;
        const QByteArray conf = run(QStringLiteral("splunk"), single(where, hosts), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(definitionOf(conf), definition);
        const QByteArray snippet = run(QStringLiteral("splunk-search"), single(where, hosts));
        QVERIFY(snippet.contains("\n| " + definition.toUtf8() + '\n'));
    }

    // Decisions that search can say and decisions that need eval filter one after the other.
    void searchThenWhere() {
        ExportInput input = single({QStringLiteral("process_name=a.exe")});
        Decision second = input.decisions.first();
        second.id = 201;
        second.condition = {};
        QVERIFY(ConditionParser::fromExpressions({QStringLiteral("command_line|re=x+y")}, second.condition,
                                                 nullptr));
        input.decisions << second;
        QCOMPARE(definitionOf(run(QStringLiteral("splunk"), input)),
                 QStringLiteral(
                     "search NOT ((process_name=\"a.exe\")) | where NOT (((len(coalesce(process, \"\"))>0 "
                     "AND match(coalesce(process, \"\"), \"(?i)x+y\"))))"));
    }

    void errors_data() {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<QStringList>("rules");
        QTest::addColumn<QString>("message");
        const QStringList runAsSystem{"splunk:41a0e58e-884c-11ec-9976-acde48001122"};
        QTest::newRow("no CIM name")
            << QStringList{"task_run_as=SYSTEM"} << runAsSystem
            << "Splunk: decision 200 (test): field task_run_as: Splunk CIM has no such field";
        QTest::newRow("inside the task XML") << QStringList{"task_action=C:\\x.exe"} << runAsSystem
                                             << "Splunk: decision 200 (test): field task_action: TaskContent "
                                                "as Splunk CIM cannot say equality "
                                                "(see docs/FIELDS.md)";
        QTest::newRow("unknown detection")
            << QStringList{"process_name=x"} << QStringList{"splunk:00000000-0000-0000-0000-000000000000"}
            << "Splunk: decision 200 (test): rule splunk:00000000-0000-0000-0000-000000000000 is not an ESCU "
               "detection of the knowledge base, so its filter macro is unknown";
    }
    void errors() {
        QFETCH(QStringList, where);
        QFETCH(QStringList, rules);
        QFETCH(QString, message);
        ExportInput input = single(where);
        input.decisions.first().scope.ruleIds = rules;
        for (const QString &format : {QStringLiteral("splunk"), QStringLiteral("splunk-search")}) {
            QString error;
            QVERIFY(run(format, input, &error).isEmpty());
            QCOMPARE(error, message);
        }
    }

    void confText() {
        QCOMPARE(SplunkFilters::confText(QStringLiteral("a\nb\tc")), QStringLiteral("a b c"));
        QCOMPARE(SplunkFilters::confText(QStringLiteral("ends with \\")),
                 QStringLiteral("ends with \\ (end)"));
    }
};

QTEST_GUILESS_MAIN(TestSplunkExporters)
#include "tst_splunkexporters.moc"
