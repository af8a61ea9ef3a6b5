#include "LabelledSetCheck.h"

#include <QTemporaryDir>

// The former held-out set (tests/data/evaluation-holdout), a tuning set since commit 925c7d7, through
// the real tunebench-cli. Its figures are bounded where the engine meets the targets (benign
// >= 50 and the AUC) and, for the malicious rate it still misses, at what it reaches today, so that a
// change that makes them worse fails.
class TestCliHoldout : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    tb::testing::LabelledSetCheck m_set{QStringLiteral("evaluation-holdout"),
                                        {QStringLiteral("admin_accounts=a-*"),
                                         QStringLiteral("management_servers=hh-paw-01,hh-paw-02"),
                                         QStringLiteral("internal_networks=10.0.0.0/8")},
                                        m_dir.filePath(QStringLiteral("holdout.tunebench"))};

private slots:
    void initTestCase() { m_set.readLabels(3); }

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
        m_set.importsCompletely(file, format);
    }

    void everyEventHasALabel() { m_set.everyEventHasALabel(); }

    void meetsWhatItMet() {
        m_set.evaluateAndHold(QStringLiteral("former held-out evaluation set"), 0.87, 0.08, 0.955);
    }
};

QTEST_GUILESS_MAIN(TestCliHoldout)
#include "tst_cliholdout.moc"
