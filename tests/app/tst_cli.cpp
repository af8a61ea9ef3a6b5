#include "CliRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// Drives the real tunebench-cli binary: its exit codes, stdout and stderr are the contract.
class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    using Run = tb::testing::CliRun;
    static Run run(const QStringList &arguments) { return tb::testing::runCli(arguments); }
    QString db() const { return m_dir.filePath(QStringLiteral("cli.tunebench")); }

private slots:
    void importsTheDemoNotablesAsJson() {
        const Run r = run({QStringLiteral("import"), QStringLiteral("--db"), db(), QStringLiteral("--json"),
                           QStringLiteral(DEMO_DATA_DIR "/splunk_notables.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject summary = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(summary.value(QStringLiteral("format")).toString(), QStringLiteral("splunk.notable.csv"));
        QVERIFY(summary.value(QStringLiteral("added")).toInt() >= 100);
    }

    void statsAfterImport() {
        const Run r = run({QStringLiteral("stats"), QStringLiteral("--db"), db(), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(stats.value(QStringLiteral("events")).toInt() >= 100);
        QVERIFY(stats.value(QStringLiteral("hosts")).toInt() >= 10);
        const Run text = run({QStringLiteral("stats"), QStringLiteral("--db"), db()});
        QVERIFY(text.out.contains(QLatin1String("by rule")));
    }

    void eventsAsJsonLines() {
        const Run r = run({QStringLiteral("events"), QStringLiteral("--db"), db(), QStringLiteral("--json"),
                           QStringLiteral("--limit"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        for (const QString &line : lines) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY(event.contains(QStringLiteral("id")));
            QCOMPARE(event.value(QStringLiteral("source_file")).toString(),
                     QStringLiteral("splunk_notables.csv"));
        }
    }

    void explainAndAudit() {
        const Run explain =
            run({QStringLiteral("explain"), QStringLiteral("--db"), db(), QStringLiteral("--json"),
                 QStringLiteral("--set"), QStringLiteral("admin_accounts=adm_*"), QStringLiteral("--limit"),
                 QStringLiteral("3")});
        QVERIFY2(explain.exitCode == 0, qPrintable(explain.err));
        const QStringList lines = explain.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        for (const QString &line : lines) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            for (const char *key :
                 {"id", "source_file", "record_no", "fp_likelihood", "explanations", "counter_evidence"})
                QVERIFY2(event.contains(QLatin1String(key)), key);
            const QJsonArray explanations = event.value(QStringLiteral("explanations")).toArray();
            QVERIFY(!explanations.isEmpty());
            QVERIFY(!explanations.first().toObject().value(QStringLiteral("text")).toString().isEmpty());
            // Every point of the likelihood names its source: the terms, base first, add up to it.
            const QJsonArray terms = event.value(QStringLiteral("likelihood_terms")).toArray();
            QVERIFY(terms.size() >= 2);
            QVERIFY(terms.first()
                        .toObject()
                        .value(QStringLiteral("id"))
                        .toString()
                        .startsWith(QLatin1String("base:")));
            int sum = 0;
            for (const QJsonValue &term : terms) {
                QVERIFY(!term.toObject().value(QStringLiteral("sentence")).toString().isEmpty());
                sum += term.toObject().value(QStringLiteral("points")).toInt();
            }
            QCOMPARE(std::clamp(sum, 0, 100), event.value(QStringLiteral("fp_likelihood")).toInt());
        }
        const Run audit =
            run({QStringLiteral("audit"), QStringLiteral("--db"), db(), QStringLiteral("--json")});
        QCOMPARE(audit.exitCode, 0);
        QVERIFY(audit.out.contains(QLatin1String("\"action\":\"setting.set\"")));
        QVERIFY(audit.out.contains(QLatin1String("\"action\":\"import\"")));
    }

    void errorsGoToStderrWithNonZeroExit_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command")
            << QStringList{"frobnicate"} << 2 << "unknown command \"frobnicate\"";
        QTest::newRow("missing --db") << QStringList{"stats"} << 1 << "--db WORKSPACE is required";
        QTest::newRow("no files") << QStringList{"import", "--db", "x.tunebench"} << 2
                                  << "name at least one FILE";
        QTest::newRow("bad zone") << QStringList{"import", "--db",         "x.tunebench",
                                                 "--tz",   "Mars/Olympus", "f.csv"}
                                  << 2 << "--tz Mars/Olympus: not a time zone";
        QTest::newRow("missing file") << QStringList{"import", "--db", "x.tunebench", "/nonexistent/f.csv"}
                                      << 1 << "/nonexistent/f.csv: cannot open";
    }
    void errorsGoToStderrWithNonZeroExit() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        for (QString &a : arguments) {
            if (a == QLatin1String("x.tunebench"))
                a = m_dir.filePath(a);
        }
        const Run r = run(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
