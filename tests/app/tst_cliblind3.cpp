#include "LabelledSetCheck.h"

#include <QTemporaryDir>

// The third blind evaluation set (tests/data/evaluation-blind3) through the real tunebench-cli: its five
// exports (Hayabusa JSONL, Elastic alerts NDJSON, Splunk ES notables as results XML, Sysmon for Linux syslog,
// Kubernetes audit JSONL) import completely with the expected formats, labels and events match one to one,
// and `evaluate` prints its figures with the README's settings. Its figures
// are bounded where the engine now stands: it became a tuning set once its misses were read.
class TestCliBlind3 : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    tb::testing::LabelledSetCheck m_set{
        QStringLiteral("evaluation-blind3"),
        {QStringLiteral("admin_accounts=adm.*"),
         QStringLiteral("management_servers=fm-it-jump01,fm-it-jump02,fm-it-bigfix01,fm-it-awx01"),
         QStringLiteral("internal_networks=10.60.0.0/15,172.24.0.0/16")},
        m_dir.filePath(QStringLiteral("blind3.tunebench"))};

private slots:
    void initTestCase() { m_set.readLabels(5); }

    void importsEachExport_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("Hayabusa JSONL") << "blind3_hayabusa_triage.jsonl"
                                        << "hayabusa.jsonl";
        QTest::newRow("Elastic alerts") << "blind3_elastic_alerts.ndjson"
                                        << "elastic.alerts.json";
        QTest::newRow("Splunk ES notables XML") << "blind3_es_notables.xml"
                                                << "splunk.results.xml";
        QTest::newRow("Sysmon for Linux syslog") << "blind3_hpc_sysmon.log"
                                                 << "linux.sysmon.syslog";
        QTest::newRow("Kubernetes audit") << "blind3_k8s_audit.jsonl"
                                          << "k8s.audit.jsonl";
    }
    void importsEachExport() {
        QFETCH(QString, file);
        QFETCH(QString, format);
        m_set.importsCompletely(file, format);
    }

    void everyEventHasALabel() { m_set.everyEventHasALabel(); }

    // A tuning set since its misses were read (its README): its figures are a regression guard.
    void holdsItsFigures() {
        m_set.evaluateAndHold(QStringLiteral("third blind evaluation set"), 0.76, 0.02, 0.96);
    }
};

QTEST_GUILESS_MAIN(TestCliBlind3)
#include "tst_cliblind3.moc"
