#include "CliRun.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// The blind evaluation set (tests/data/evaluation-blind) through the real tunebench-cli: each of its three
// exports (Hayabusa CSV, Sentinel SecurityAlert CSV, kube-apiserver audit log) imports completely, every
// label names an imported event and every event has a label, and `evaluate` prints its figures with the
// README's settings. The figures are printed, never bounded: the set must not become a tuning target.
class TestCliBlind : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QHash<QString, int> m_labelsPerFile;
    int m_labels = 0;

    using Run = tb::testing::CliRun;
    static Run run(const QStringList &arguments) { return tb::testing::runCli(arguments, 300000); }
    static QString data(const QString &file) {
        return QStringLiteral(TEST_DATA_DIR "/evaluation-blind/") + file;
    }
    static QString labels() { return data(QStringLiteral("labels.csv")); }
    QString db() const { return m_dir.filePath(QStringLiteral("blind.tunebench")); }

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
        QTest::newRow("Hayabusa timeline") << "blind_hayabusa_timeline.csv"
                                           << "hayabusa.csv";
        QTest::newRow("Sentinel alerts") << "blind_sentinel_alerts.csv"
                                         << "sentinel.securityalert.csv";
        QTest::newRow("Kubernetes audit log") << "blind_k8s_audit.jsonl"
                                              << "k8s.audit.jsonl";
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
        QCOMPARE(summary.value(QStringLiteral("records")).toInt(), m_labelsPerFile.value(file));
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
             QStringLiteral("admin_accounts=kbadm-*"), QStringLiteral("--set"),
             QStringLiteral("management_servers=kb-paw01,kb-paw02"), QStringLiteral("--set"),
             QStringLiteral("internal_networks=10.0.0.0/8"), QStringLiteral("--limit"), QStringLiteral("1")});
        QVERIFY2(explain.exitCode == 0, qPrintable(explain.err));

        const Run text = run(
            {QStringLiteral("evaluate"), QStringLiteral("--db"), db(), QStringLiteral("--labels"), labels()});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        qInfo().noquote() << "blind evaluation set:\n" << text.out;
        QVERIFY2(text.out.startsWith(QString::number(m_labels) + QLatin1String(" labelled events")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QLatin1String("; 0 labels matched no event")), qPrintable(text.out));

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
        }
    }
};

QTEST_GUILESS_MAIN(TestCliBlind)
#include "tst_cliblind.moc"
