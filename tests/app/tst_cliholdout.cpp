#include "CliRun.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// The held-out evaluation set (tests/data/evaluation-holdout) through the real tunebench-cli: every
// export imports completely, every label names an imported event and every event has a label, and
// `evaluate` prints its figures. The figures themselves are reported, not bounded: the set measures
// generalisation and must not become a tuning target.
class TestCliHoldout : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QHash<QString, int> m_labelsPerFile;
    int m_labels = 0;

    using Run = tb::testing::CliRun;
    static Run run(const QStringList &arguments) { return tb::testing::runCli(arguments, 300000); }
    static QString data(const QString &file) {
        return QStringLiteral(TEST_DATA_DIR "/evaluation-holdout/") + file;
    }
    static QString labels() { return data(QStringLiteral("labels.csv")); }
    QString db() const { return m_dir.filePath(QStringLiteral("holdout.tunebench")); }

private slots:
    void initTestCase() {
        QFile file(labels());
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        QCOMPARE(file.readLine().trimmed(), QByteArray("source_file,record_no,verdict,notes,scenario"));
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty())
                continue;
            ++m_labelsPerFile[QString::fromUtf8(line.left(line.indexOf(',')))];
            ++m_labels;
        }
        QCOMPARE(m_labelsPerFile.size(), 3);
    }

    void importsEachExport_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("Splunk ES notables") << "holdout_splunk_notables.csv"
                                            << "splunk.notable.csv";
        QTest::newRow("Elastic alerts") << "holdout_elastic_alerts.ndjson"
                                        << "elastic.alerts.json";
        QTest::newRow("Chainsaw Sigma hunt") << "holdout_chainsaw_sigma.jsonl"
                                             << "chainsaw.jsonl";
    }
    void importsEachExport() {
        QFETCH(QString, file);
        QFETCH(QString, format);
        const Run r = run(
            {QStringLiteral("import"), QStringLiteral("--db"), db(), QStringLiteral("--json"), data(file)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject summary = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(summary.value(QStringLiteral("format")).toString(), format);
        QCOMPARE(summary.value(QStringLiteral("duplicates")).toInt(), 0);
        QVERIFY2(summary.value(QStringLiteral("errors")).toArray().isEmpty(), qPrintable(r.out));
        // one label per record: the generator writes both from the same list
        QCOMPARE(summary.value(QStringLiteral("added")).toInt(), m_labelsPerFile.value(file));
    }

    void everyEventHasALabel() {
        const Run r = run({QStringLiteral("events"), QStringLiteral("--db"), db(), QStringLiteral("--json"),
                           QStringLiteral("--limit"), QString::number(m_labels + 100)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QHash<QString, int> events;
        QSet<QString> keys;
        for (const QString &line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            const QString file = event.value(QStringLiteral("source_file")).toString();
            ++events[file];
            keys.insert(file + QLatin1Char(':') +
                        QString::number(event.value(QStringLiteral("record_no")).toInt()));
        }
        QCOMPARE(events, m_labelsPerFile);
        QCOMPARE(keys.size(), m_labels);
    }

    void evaluatePrintsItsFigures() {
        const Run explain = run(
            {QStringLiteral("explain"), QStringLiteral("--db"), db(), QStringLiteral("--set"),
             QStringLiteral("admin_accounts=a-*"), QStringLiteral("--set"),
             QStringLiteral("management_servers=hh-paw-01,hh-paw-02"), QStringLiteral("--set"),
             QStringLiteral("internal_networks=10.0.0.0/8"), QStringLiteral("--limit"), QStringLiteral("1")});
        QVERIFY2(explain.exitCode == 0, qPrintable(explain.err));

        const Run text = run(
            {QStringLiteral("evaluate"), QStringLiteral("--db"), db(), QStringLiteral("--labels"), labels()});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        qInfo().noquote() << "held-out evaluation set:\n" << text.out;
        QVERIFY2(text.out.startsWith(QString::number(m_labels) + QLatin1String(" labelled events")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QLatin1String("; 0 labels matched no event")), qPrintable(text.out));
        for (const char *figure :
             {"top-1 note (benign)", "top-3 notes (benign)", "benign with likelihood >= 50",
              "malicious with likelihood >= 50", "ROC AUC of the likelihood", "theme confusion"})
            QVERIFY2(text.out.contains(QLatin1String(figure)), figure);

        const Run json = run({QStringLiteral("evaluate"), QStringLiteral("--db"), db(),
                              QStringLiteral("--labels"), labels(), QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("unmatched_labels")).toInt(-1), 0);
        for (const char *side : {"engine", "baseline_rule_only"}) {
            const QJsonObject figures = report.value(QLatin1String(side)).toObject();
            QCOMPARE(figures.value(QStringLiteral("labelled")).toInt(), m_labels);
            QVERIFY(figures.value(QStringLiteral("benign")).toInt() > 0);
            QVERIFY(figures.value(QStringLiteral("malicious")).toInt() > 0);
            for (const char *share : {"top1", "top3", "benign_likely_fp", "malicious_likely_fp", "roc_auc"}) {
                const double value = figures.value(QLatin1String(share)).toDouble(-1);
                QVERIFY2(value >= 0 && value <= 1, share);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCliHoldout)
#include "tst_cliholdout.moc"
