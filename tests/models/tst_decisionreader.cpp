#include "knowledge/KnowledgeBase.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "tuning/DecisionReader.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace tb;

// The exporters' reader of schema v1 decisions, on rows written as the tuning store writes them.
class TestDecisionReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;

private slots:
    void initTestCase() {
        QVERIFY(m_workspace.open(m_dir.filePath(QStringLiteral("w.tunebench"))));
        Database &db = m_workspace.database();
        Transaction t(db);
        KnowledgeBase::builtIn().installInto(db);
        db.exec(QStringLiteral(
            "INSERT INTO decisions (id, title, action, note_id, rationale, author, created_at, updated_at, "
            "expires_at, "
            "review_at, status) VALUES "
            "(7, 'Adobe updater', 'suppress', 't1053-18', 'MSI custom action', 'akumar', "
            "'2026-11-16T09:12:00.000000Z', "
            "'2026-11-16T10:00:00.000000Z', '2027-05-16', NULL, 'approved'), "
            "(8, 'Choco', 'lower_severity', NULL, '', 'jlopez', '2026-11-17T08:00:00.000000Z', "
            "'2026-11-17T08:00:00.000000Z', NULL, '2027-01-01', 'proposed');"
            "INSERT INTO decision_conditions (decision_id, field, modifiers, value_list) VALUES "
            "(7, 'parent_name', '', '[\"msiexec.exe\"]'), "
            "(7, 'command_line', 'contains|all', '[\"/TN\", \"Adobe Acrobat Update Task\"]'), "
            "(7, 'task_remote', '', '[0]'), "
            "(8, 'task_name', '', '[\"\\\\Corp\\\\ChocoUpgradeAll\"]');"
            "INSERT INTO decision_scope (decision_id, kind, value) VALUES "
            "(7, 'rule', 'splunk:41a0e58e-884c-11ec-9976-acde48001122'), (7, 'host', 'wks-mkt-009'), "
            "(8, 'rule', 'splunk:41a0e58e-884c-11ec-9976-acde48001122');"));
        t.commit();
    }

    void readsEveryDecision() {
        QList<Decision> decisions;
        QString error;
        QVERIFY2(DecisionReader::readAll(m_workspace.database(), decisions, &error), qPrintable(error));
        QCOMPARE(decisions.size(), 2);
        const Decision &d = decisions[0];
        QCOMPARE(d.id, 7);
        QCOMPARE(d.title, QStringLiteral("Adobe updater"));
        QCOMPARE(d.status, DecisionStatus::Approved);
        QCOMPARE(d.action, DecisionAction::Suppress);
        QCOMPARE(d.noteId, QStringLiteral("t1053-18"));
        QCOMPARE(d.createdAt, QDateTime(QDate(2026, 11, 16), QTime(9, 12), QTimeZone::utc()));
        QCOMPARE(d.expiresAt, std::optional<QDate>(QDate(2027, 5, 16)));
        QVERIFY(!d.reviewAt);
        QCOMPARE(d.condition.match.size(), 3);
        QCOMPARE(d.condition.match[1].key(), QStringLiteral("command_line|contains|all"));
        QCOMPARE(d.condition.match[1].values, (QStringList{"/TN", "Adobe Acrobat Update Task"}));
        QCOMPARE(d.condition.match[2].values, QStringList{"0"});
        QCOMPARE(d.scope.ruleIds, QStringList{"splunk:41a0e58e-884c-11ec-9976-acde48001122"});
        QCOMPARE(d.scope.hosts, QStringList{"wks-mkt-009"});
        QCOMPARE(decisions[1].action, DecisionAction::LowerSeverity);
        QCOMPARE(decisions[1].reviewAt, std::optional<QDate>(QDate(2027, 1, 1)));
        QCOMPARE(decisions[1].condition.match[0].values, QStringList{"\\Corp\\ChocoUpgradeAll"});
    }

    void badConditionNamesTheDecision() {
        Database &db = m_workspace.database();
        db.exec(QStringLiteral(
            "INSERT INTO decision_conditions (decision_id, field, modifiers, value_list) VALUES "
            "(8, 'no_such_field', '', '[\"x\"]')"));
        QList<Decision> decisions;
        QString error;
        QVERIFY(!DecisionReader::readAll(db, decisions, &error));
        QVERIFY2(error.startsWith(QStringLiteral("decision 8: condition no_such_field:")), qPrintable(error));
        db.exec(QStringLiteral("DELETE FROM decision_conditions WHERE field = 'no_such_field'"));
    }
};

QTEST_GUILESS_MAIN(TestDecisionReader)
#include "tst_decisionreader.moc"
