#include "LabelledSetCheck.h"

#include <QTemporaryDir>

// The fourth blind evaluation set (tests/data/evaluation-blind4) through the real tunebench-cli: its four
// exports (Zircolite CSV, Kibana Discover CSV of Elastic Security alerts, Splunk ES notables CSV, Defender
// for Endpoint alerts API JSON) import completely with the expected formats, labels and events match one
// to one, and `evaluate` prints its figures with the README's settings. The figures are printed, never
// bounded: the set must not become a tuning target.
class TestCliBlind4 : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    tb::testing::LabelledSetCheck m_set{
        QStringLiteral("evaluation-blind4"),
        {QStringLiteral("admin_accounts=adm-*"),
         QStringLiteral("management_servers=kl-it-jump01,kl-it-jump02,kl-lx-chef01"),
         QStringLiteral("internal_networks=10.40.0.0/14,172.20.0.0/16")},
        m_dir.filePath(QStringLiteral("blind4.tunebench"))};

private slots:
    void initTestCase() { m_set.readLabels(4); }

    void importsEachExport_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("Zircolite CSV") << "blind4_zircolite_triage.csv"
                                       << "zircolite.csv";
        QTest::newRow("Kibana Discover CSV") << "blind4_kibana_alerts.csv"
                                             << "elastic.discover.csv";
        QTest::newRow("Splunk ES notables CSV") << "blind4_es_notables.csv"
                                                << "splunk.notable.csv";
        QTest::newRow("Defender alerts API") << "blind4_mde_alerts.json"
                                             << "mde.alerts.json";
    }
    void importsEachExport() {
        QFETCH(QString, file);
        QFETCH(QString, format);
        m_set.importsCompletely(file, format);
    }

    void everyEventHasALabel() { m_set.everyEventHasALabel(); }

    void evaluatePrintsItsFigures() {
        QJsonObject engine;
        m_set.evaluate(QStringLiteral("fourth blind evaluation set"), &engine);
    }
};

QTEST_GUILESS_MAIN(TestCliBlind4)
#include "tst_cliblind4.moc"
