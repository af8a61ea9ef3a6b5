#include "CliRun.h"

#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// Drives the real tunebench-cli binary through decide, impact, decisions and decision on the demo
// exports: exit codes, stdout and stderr are the contract.
class TestCliDecisions : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    using Run = tb::testing::CliRun;
    static Run run(const QStringList &arguments) { return tb::testing::runCli(arguments); }
    QString db() const { return m_dir.filePath(QStringLiteral("decisions.tunebench")); }
    QStringList nightlyBackup() const {
        return {"--db",    db(),
                "--rule",  "Schtasks Run Task On Demand",
                "--where", "task_name=\\Corp\\NightlyBackup"};
    }
    static QJsonObject json(const QString &line) { return QJsonDocument::fromJson(line.toUtf8()).object(); }

private slots:
    void initTestCase() {
        QVERIFY(run({"import", "--db", db(), DEMO_DATA_DIR "/splunk_notables.csv",
                     DEMO_DATA_DIR "/elastic_alerts.ndjson"})
                    .exitCode == 0);
        const Run explain = run({"explain", "--db", db(), "--set", "admin_accounts=adm_*", "--limit", "1"});
        QVERIFY2(explain.exitCode == 0, qPrintable(explain.err));
    }

    void impactCountsByRuleHostVerdict() {
        const Run r = run(QStringList{"impact"} + nightlyBackup() + QStringList{"--json", "--events", "3"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject impact = json(r.out);
        QCOMPARE(impact.value("matched").toInt(), 5);
        QCOMPARE(impact.value("by_rule").toArray().size(), 1);
        QCOMPARE(impact.value("by_rule").toArray()[0].toObject().value("label").toString(),
                 QStringLiteral("Schtasks Run Task On Demand"));
        QCOMPARE(impact.value("by_host").toArray().size(), 2);
        QCOMPARE(impact.value("by_verdict").toArray()[0].toObject().value("key").toString(),
                 QStringLiteral("unreviewed"));
        QCOMPARE(impact.value("event_ids").toArray().size(), 3);
        QCOMPARE(impact.value("blocked").toBool(), false);

        const Run text = run(QStringList{"impact"} + nightlyBackup());
        QVERIFY(text.out.startsWith(QLatin1String("matches 5 of 383 events on 2 of 28 hosts, from 1 rule")));
        QVERIFY(text.out.contains(QLatin1String("by host:")));
    }

    void impactWarnsAboutBroadConditions() {
        const Run r =
            run({"impact", "--db", db(), "--where", "user|startswith=adm_", "--where", "host|exists=true"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("BLOCKING: it would hide")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("warning: it names no rule")));
    }

    // decide → decisions → decision --retire, each audited; the TP marks block approval.
    void decideApproveListRetire() {
        const Run decided = run(QStringList{"decide"} + nightlyBackup() +
                                QStringList{"--where", "user=adm_backup", "--note", "t1053-01", "--rationale",
                                            "nightly backup by the backup admin", "--expires", "2099-12-31",
                                            "--approve", "--json", "--analyst", "alice"});
        QVERIFY2(decided.exitCode == 0, qPrintable(decided.err));
        const QJsonObject decision = json(decided.out);
        const int id = decision.value("id").toInt();
        QVERIFY(id > 0);
        QCOMPARE(decision.value("status").toString(), QStringLiteral("approved"));
        QCOMPARE(decision.value("author").toString(), QStringLiteral("alice"));
        QCOMPARE(decision.value("expires_at").toString(), QStringLiteral("2099-12-31"));
        QCOMPARE(decision.value("impact").toObject().value("matched").toInt(), 3);

        const Run listed = run({"decisions", "--db", db(), "--json", "--status", "approved"});
        QCOMPARE(listed.exitCode, 0);
        const QStringList lines = listed.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(json(lines[0]).value("id").toInt(), id);

        const Run shown = run({"decision", "--db", db(), "--id", QString::number(id), "--json"});
        QCOMPARE(json(shown.out).value("suppressed_events").toInt(), 3);

        const Run retired =
            run({"decision", "--db", db(), "--id", QString::number(id), "--retire", "--why", "moved"});
        QVERIFY2(retired.exitCode == 0, qPrintable(retired.err));
        QVERIFY(retired.out.startsWith(QStringLiteral("%1  retired").arg(id)));
        const Run again = run({"decision", "--db", db(), "--id", QString::number(id), "--approve"});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QLatin1String("is retired and cannot become approved")),
                 qPrintable(again.err));

        const Run audit = run({"audit", "--db", db(), "--type", "decision", "--json"});
        QStringList actions;
        for (const QString &line : audit.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            actions.prepend(json(line).value("action").toString());
        QCOMPARE(actions, (QStringList{"decision.create", "decision.approve", "decision.retire"}));
    }

    void truePositiveBlocksApproval() {
        {
            tb::Workspace
                workspace; // the CLI has no verdict command yet: mark one event as the analyst would
            QVERIFY(workspace.open(db()));
            workspace.database().exec(QStringLiteral(
                "INSERT INTO verdicts (event_id, verdict, analyst, decided_at) SELECT id, 'true_positive', "
                "'carol', "
                "'2026-11-29T00:00:00.000Z' FROM events WHERE task_name = '\\Corp\\NightlyBackup' AND host = "
                "'srv-file-01'"));
        }
        const Run r =
            run(QStringList{"decide"} + nightlyBackup() + QStringList{"--note", "t1053-01", "--approve"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("it would hide 1 event marked true positive")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("stays proposed")));
        QVERIFY(r.out.contains(QLatin1String("BLOCKING: it would hide 1 event marked true positive")));
        QVERIFY(r.out.startsWith(QLatin1String("decision ")));
    }

    void errors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no condition")
            << QStringList{"decide", "--note", "t1053-01"} << 2 << "name at least one --where";
        QTest::newRow("bad modifier") << QStringList{"impact", "--where", "host|fuzzy=a"} << 2
                                      << "--where host|fuzzy: unknown modifier \"fuzzy\"";
        QTest::newRow("unknown field")
            << QStringList{"impact", "--where", "hostname=a"} << 2 << "\"hostname\" is not an event field";
        QTest::newRow("unknown rule") << QStringList{"impact", "--where", "host=a", "--rule", "No Such Rule"}
                                      << 1 << "--rule No Such Rule: unknown rule";
        QTest::newRow("unknown note") << QStringList{"decide", "--where", "host=a", "--note", "t1053-99"} << 1
                                      << "unknown note \"t1053-99\"";
        QTest::newRow("expiry in the past")
            << QStringList{"decide", "--where", "host=a", "--note", "t1053-01", "--expires", "2001-01-01"}
            << 1 << "the expiry date 2001-01-01 is in the past";
        QTest::newRow("not a date") << QStringList{"decide", "--where", "host=a", "--expires", "next week"}
                                    << 2 << "--expires next week: not a date";
        QTest::newRow("true positive") << QStringList{"decide", "--where", "host=a", "--verdict", "tp"} << 2
                                       << "a true positive is never tuned away";
        QTest::newRow("bad regex") << QStringList{"decide", "--where", "task_name|re=(x", "--note",
                                                  "t1053-01"}
                                   << 1 << "is not a valid regular expression";
        QTest::newRow("no id") << QStringList{"decision", "--approve"} << 2 << "--id N";
        QTest::newRow("two changes") << QStringList{"decision", "--id", "1", "--approve", "--reject"} << 2
                                     << "choose one of";
        QTest::newRow("no such decision") << QStringList{"decision", "--id", "999"} << 1 << "no decision 999";
        QTest::newRow("bad status") << QStringList{"decisions", "--status", "done"} << 2 << "--status done";
    }
    void errors() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        arguments << "--db" << db();
        const Run r = run(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCliDecisions)
#include "tst_cli_decisions.moc"
