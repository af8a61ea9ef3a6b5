#include "ConditionTestSupport.h"
#include "DemoFixture.h"
#include "knowledge/KnowledgeBase.h"
#include "tuning/DecisionImpact.h"
#include "tuning/DecisionImpactPreview.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

Q_DECLARE_METATYPE(tb::DecisionImpactReport)

// The decision builder's background preview on the demo workspace: it reports what DecisionImpact
// counts on the calling thread, answers only the newest of several quick requests, and lists the
// matched events for the table.
class TestDecisionImpactPreview : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;
    const KnowledgeBase &m_kb = KnowledgeBase::builtIn();

private slots:
    void initTestCase() {
        qRegisterMetaType<DecisionImpactReport>();
        const QString error = openDemoWorkspace(m_dir, m_workspace);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void countsAsDecisionImpact_data() {
        QTest::addColumn<QStringList>("where");
        QTest::addColumn<bool>("scoped");
        QTest::newRow("task name") << QStringList{QStringLiteral("task_name=\\Corp\\NightlyBackup")} << false;
        QTest::newRow("task name in rule")
            << QStringList{QStringLiteral("task_name=\\Corp\\NightlyBackup")} << true;
        QTest::newRow("wildcard") << QStringList{QStringLiteral("task_action=*AppData*")} << false;
        QTest::newRow("two fields") << QStringList{QStringLiteral("process_name=schtasks.exe"),
                                                   QStringLiteral("command_line|contains=/Create")}
                                    << false;
        QTest::newRow("regex") << QStringList{QStringLiteral("task_name|re=^\\\\Microsoft\\\\")} << false;
        QTest::newRow("nothing") << QStringList{QStringLiteral("task_name=no such task")} << false;
    }

    void countsAsDecisionImpact() {
        QFETCH(QStringList, where);
        QFETCH(bool, scoped);
        const Condition condition = parseCondition(where);
        DecisionScope scope;
        if (scoped)
            scope.ruleIds = {m_kb.resolveRule(QStringLiteral("Schtasks Run Task On Demand"), {}, {})->id};
        const DecisionImpactReport expected =
            DecisionImpact(m_workspace.database(), m_kb).compute(condition, scope);
        QVERIFY2(expected.ok, qPrintable(expected.error));

        DecisionImpactPreview preview(m_workspace.path(), m_kb);
        QSignalSpy ready(&preview, &DecisionImpactPreview::ready);
        preview.request(condition, scope);
        QVERIFY(preview.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
        QVERIFY(!preview.isRunning());
        const auto report = ready.at(0).at(0).value<DecisionImpactReport>();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.matched, expected.matched);
        QCOMPARE(report.byRule.size(), expected.byRule.size());
        QCOMPARE(report.byHost.size(), expected.byHost.size());
        QCOMPARE(report.isBlocked(), expected.isBlocked());

        QSignalSpy ids(&preview, &DecisionImpactPreview::eventIdsReady);
        preview.requestEventIds(condition, scope);
        QTRY_COMPARE_WITH_TIMEOUT(ids.size(), 1, 20000);
        QCOMPARE(ids.at(0).at(0).value<QList<qint64>>().size(), qsizetype(expected.matched));
        QCOMPARE(ids.at(0).at(1).toBool(), false);
    }

    void answersOnlyTheNewest() {
        DecisionImpactPreview preview(m_workspace.path(), m_kb);
        QSignalSpy ready(&preview, &DecisionImpactPreview::ready);
        const QStringList tasks{QStringLiteral("task_action=*"), QStringLiteral("task_name=*"),
                                QStringLiteral("task_name=\\Corp\\NightlyBackup")};
        for (const QString &task : tasks)
            preview.request(parseCondition({task}), {});
        QTRY_VERIFY_WITH_TIMEOUT(!preview.isRunning(), 20000);
        QCOMPARE(ready.size(), 1);
        const auto report = ready.at(0).at(0).value<DecisionImpactReport>();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(
            report.matched,
            DecisionImpact(m_workspace.database(), m_kb).compute(parseCondition({tasks.last()}), {}).matched);
    }

    void reportsAnUnreadableWorkspace() {
        DecisionImpactPreview preview(m_dir.filePath(QStringLiteral("missing/none.tunebench")), m_kb);
        QSignalSpy ready(&preview, &DecisionImpactPreview::ready);
        preview.request(parseCondition({QStringLiteral("task_name=x")}), {});
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
        const auto report = ready.at(0).at(0).value<DecisionImpactReport>();
        QVERIFY(!report.ok);
        QVERIFY(!report.error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDecisionImpactPreview)
#include "tst_decisionimpactpreview.moc"
