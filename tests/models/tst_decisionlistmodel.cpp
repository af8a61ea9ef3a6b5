#include "DecisionTestSupport.h"
#include "DemoFixture.h"
#include "items/DecisionListModel.h"
#include "knowledge/KnowledgeBase.h"
#include "tuning/DecisionStore.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// The decisions dialog's model over DecisionStore on the demo workspace: newest first, one row per
// decision, the status as the store has it after each review step.
class TestDecisionListModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;
    const KnowledgeBase &m_kb = KnowledgeBase::builtIn();

    Decision decision(const QString &task) const {
        return testDecision(QStringLiteral("Task %1").arg(task), {QStringLiteral("task_name=") + task},
                            {m_kb.resolveRule(QStringLiteral("Schtasks Run Task On Demand"), {}, {})->id});
    }

private slots:
    void initTestCase() {
        const QString error = openDemoWorkspace(m_dir, m_workspace);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init() { m_workspace.database().exec(QStringLiteral("DELETE FROM decisions")); }

    void showsStatus_data() {
        QTest::addColumn<QStringList>("steps");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("title");
        QTest::newRow("new") << QStringList{} << QStringLiteral("proposed") << QStringLiteral("Proposed");
        QTest::newRow("approved") << QStringList{QStringLiteral("approved")} << QStringLiteral("approved")
                                  << QStringLiteral("Approved");
        QTest::newRow("rejected") << QStringList{QStringLiteral("rejected")} << QStringLiteral("rejected")
                                  << QStringLiteral("Rejected");
        QTest::newRow("retired") << QStringList{QStringLiteral("approved"), QStringLiteral("retired")}
                                 << QStringLiteral("retired") << QStringLiteral("Retired");
    }

    void showsStatus() {
        QFETCH(QStringList, steps);
        QFETCH(QString, status);
        QFETCH(QString, title);
        DecisionStore store(m_workspace.database(), m_kb);
        DecisionListModel model(store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.reload());
        QCOMPARE(model.rowCount(), 0);

        const qint64 id = store.create(decision(QStringLiteral("\\Corp\\NightlyBackup")));
        QVERIFY2(id > 0, qPrintable(store.errorString()));
        for (const QString &step : std::as_const(steps))
            QVERIFY2(store.setStatus(id, *decisionStatusFromName(step), QStringLiteral("reviewer")),
                     qPrintable(store.errorString()));
        QVERIFY(model.reload());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(DecisionListModel::ColumnCount));
        QCOMPARE(model.rowOf(id), 0);
        QCOMPARE(model.index(0, DecisionListModel::Id).data().toLongLong(), id);
        QCOMPARE(model.index(0, 0).data(DecisionListModel::DecisionIdRole).toLongLong(), id);
        QCOMPARE(model.index(0, 0).data(DecisionListModel::StatusNameRole).toString(), status);
        QCOMPARE(model.index(0, DecisionListModel::Status).data().toString(), title);
        QCOMPARE(model.index(0, DecisionListModel::Title).data().toString(),
                 QStringLiteral("Task \\Corp\\NightlyBackup"));
        QCOMPARE(model.index(0, DecisionListModel::Note).data().toString(), QStringLiteral("t1053-15"));
        QCOMPARE(model.index(0, DecisionListModel::Author).data().toString(), QStringLiteral("tester"));
        QVERIFY(
            model.index(0, DecisionListModel::Rules).data().toString().startsWith(QStringLiteral("splunk:")));
        QVERIFY(model.index(0, DecisionListModel::Title)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("task_name")));
    }

    void newestFirst_data() {
        QTest::addColumn<int>("decisions");
        QTest::newRow("one") << 1;
        QTest::newRow("three") << 3;
        QTest::newRow("eight") << 8;
    }

    void newestFirst() {
        QFETCH(int, decisions);
        DecisionStore store(m_workspace.database(), m_kb);
        DecisionListModel model(store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<qint64> ids;
        for (int i = 0; i < decisions; ++i) {
            ids << store.create(decision(QStringLiteral("Task%1").arg(i)));
            QVERIFY2(ids.last() > 0, qPrintable(store.errorString()));
        }
        QVERIFY(model.reload());
        QCOMPARE(model.rowCount(), decisions);
        for (int row = 0; row < decisions; ++row) {
            QCOMPARE(model.decisionAt(row)->id, ids[decisions - 1 - row]);
            QCOMPARE(model.rowOf(ids[decisions - 1 - row]), row);
        }
        QCOMPARE(model.decisionAt(decisions), nullptr);
        QCOMPARE(model.rowOf(-5), -1);
    }
};

QTEST_GUILESS_MAIN(TestDecisionListModel)
#include "tst_decisionlistmodel.moc"
