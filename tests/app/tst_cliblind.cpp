#include "LabelledSetCheck.h"

#include <QTemporaryDir>

// The blind evaluation set (tests/data/evaluation-blind) through the real tunebench-cli: its three
// exports (Hayabusa CSV, Sentinel SecurityAlert CSV, kube-apiserver audit log) import completely, labels
// and events match one to one, and `evaluate` prints its figures with the README's settings. Since its misses
// were read it is a tuning set, and its figures are bounded where the engine now stands.
class TestCliBlind : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    tb::testing::LabelledSetCheck m_set{QStringLiteral("evaluation-blind"),
                                        {QStringLiteral("admin_accounts=kbadm-*"),
                                         QStringLiteral("management_servers=kb-paw01,kb-paw02"),
                                         QStringLiteral("internal_networks=10.0.0.0/8")},
                                        m_dir.filePath(QStringLiteral("blind.tunebench"))};

private slots:
    void initTestCase() { m_set.readLabels(3); }

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
        m_set.importsCompletely(file, format);
    }

    void everyEventHasALabel() { m_set.everyEventHasALabel(); }

    // A tuning set since its misses were read (its README): its figures are a regression guard.
    void holdsItsFigures() {
        m_set.evaluateAndHold(QStringLiteral("blind evaluation set"), 0.79, 0.025, 0.965);
    }
};

QTEST_GUILESS_MAIN(TestCliBlind)
#include "tst_cliblind.moc"
