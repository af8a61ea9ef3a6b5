#include "audit/AuditLog.h"
#include "DemoWorkspaceCopy.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "triage/VerdictService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestVerdictService : public QObject {
    Q_OBJECT
    tb::testing::DemoWorkspaceCopy m_demo;
    std::unique_ptr<Workspace> m_workspace;

    qint64 count(const QString &sql) { return m_workspace->database().queryInt(sql); }
    qint64 auditRows() {
        return count(QStringLiteral("SELECT count(*) FROM audit_log WHERE object_type = 'event'"));
    }

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_demo.build(&error), qPrintable(error));
    }
    // Each test on a fresh copy of the explained demo workspace.
    void init() {
        m_workspace.reset();
        const QString path = m_demo.freshCopy(QStringLiteral("copy"));
        QVERIFY(!path.isEmpty());
        m_workspace = std::make_unique<Workspace>();
        QVERIFY(m_workspace->open(path));
    }

    void setsAndClearsWithAnAuditRowEach_data() {
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("name");
        QTest::newRow("true positive") << int(Verdict::TruePositive) << "true_positive";
        QTest::newRow("benign true positive") << int(Verdict::BenignTruePositive) << "benign_true_positive";
        QTest::newRow("false positive") << int(Verdict::FalsePositive) << "false_positive";
        QTest::newRow("needs escalation") << int(Verdict::NeedsEscalation) << "needs_escalation";
    }
    void setsAndClearsWithAnAuditRowEach() {
        QFETCH(int, verdict);
        QFETCH(QString, name);
        VerdictService service(m_workspace->database(), QStringLiteral("alice"));
        const VerdictState state{Verdict(verdict), QStringLiteral("t1053-01"), QStringLiteral("seen before")};
        VerdictService::Result result = service.apply({1, 2, 3}, state, false, QStringLiteral("keyboard"));
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.changes.size(), size_t(3));
        QCOMPARE(count(QStringLiteral(
                           "SELECT count(*) FROM verdicts WHERE verdict = '%1' AND note_id = 't1053-01' "
                           "AND comment = 'seen before' AND analyst = 'alice'")
                           .arg(name)),
                 3);
        QCOMPARE(auditRows(), 3);
        const AuditEntry last = AuditLog(m_workspace->database()).entries(QStringLiteral("event"), 1).front();
        QCOMPARE(last.action, QStringLiteral("verdict.set"));
        QCOMPARE(last.actor, QStringLiteral("alice"));
        QCOMPARE(last.objectId, QStringLiteral("3"));
        QVERIFY(last.before.isEmpty());
        QCOMPARE(
            QJsonDocument::fromJson(last.after.toUtf8()).object().value(QStringLiteral("verdict")).toString(),
            name);
        QCOMPARE(last.why, QStringLiteral("keyboard"));
        QCOMPARE(service.stateOf(2), state);

        // The same verdict again changes nothing and writes no audit row.
        result = service.apply({1, 2, 3}, state);
        QVERIFY(result.ok);
        QVERIFY(result.changes.empty());
        QCOMPARE(auditRows(), 3);

        result = service.apply({2}, VerdictState{});
        QVERIFY(result.ok);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM verdicts")), 2);
        const AuditEntry cleared =
            AuditLog(m_workspace->database()).entries(QStringLiteral("event"), 1).front();
        QCOMPARE(cleared.action, QStringLiteral("verdict.clear"));
        QVERIFY(cleared.after.isEmpty());
        QVERIFY(!service.stateOf(2).verdict);
    }

    void justifiesByTheTopExplanation() {
        VerdictService service(m_workspace->database());
        const qint64 event =
            count(QStringLiteral("SELECT min(event_id) FROM event_explanations WHERE rank = 1"));
        const QString top = m_workspace->database().queryText(
            QStringLiteral("SELECT note_id FROM event_explanations WHERE rank = 1 AND event_id = %1")
                .arg(event));
        QVERIFY(!top.isEmpty());
        QVERIFY(service.apply({event}, VerdictState{Verdict::FalsePositive, {}, {}}, true).ok);
        QCOMPARE(service.stateOf(event).noteId, top);
        // A chosen note wins over the top one.
        QVERIFY(
            service.apply({event}, VerdictState{Verdict::FalsePositive, QStringLiteral("t1053-02"), {}}, true)
                .ok);
        QCOMPARE(service.stateOf(event).noteId, QStringLiteral("t1053-02"));
    }

    void revertsAndReplays() {
        VerdictService service(m_workspace->database());
        QVERIFY(service.apply({5}, VerdictState{Verdict::TruePositive, {}, QStringLiteral("first")}).ok);
        const VerdictService::Result edit =
            service.apply({5, 6}, VerdictState{Verdict::FalsePositive, QStringLiteral("t1053-03"), {}});
        QVERIFY(edit.ok);
        QCOMPARE(edit.changes.size(), size_t(2));
        QVERIFY(service.revert(edit.changes).ok);
        QCOMPARE(service.stateOf(5), (VerdictState{Verdict::TruePositive, {}, QStringLiteral("first")}));
        QVERIFY(!service.stateOf(6).verdict);
        QVERIFY(service.replay(edit.changes).ok);
        QCOMPARE(service.stateOf(5).verdict, std::optional<Verdict>(Verdict::FalsePositive));
        QCOMPARE(service.stateOf(6).noteId, QStringLiteral("t1053-03"));
        // 1 + 2 + 2 (undo) + 2 (redo) audit rows, the undo ones saying so.
        QCOMPARE(auditRows(), 7);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE why = 'undo'")), 2);
    }

    // A failing edit writes nothing: no verdict and no audit row (they share the transaction).
    void failsWhole() {
        VerdictService service(m_workspace->database());
        const qint64 missing = count(QStringLiteral("SELECT max(id) + 100 FROM events"));
        const VerdictService::Result result =
            service.apply({1, missing}, VerdictState{Verdict::TruePositive, {}, {}});
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("FOREIGN KEY")), qPrintable(result.error));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM verdicts")), 0);
        QCOMPARE(auditRows(), 0);
    }

    void findsEventsLikeThis() {
        VerdictService service(m_workspace->database());
        const qint64 event = count(QStringLiteral("SELECT min(id) FROM events WHERE task_name IS NOT NULL "
                                                  "AND parent_name IS NOT NULL AND task_action IS NOT NULL"));
        const auto likeness = service.likenessOf(event);
        QVERIFY(likeness);
        QVERIFY(!likeness->taskName.isEmpty());
        const qint64 expected =
            count(QStringLiteral("SELECT count(*) FROM events e, events me WHERE me.id = %1 AND "
                                 "lower(e.task_name) = lower(me.task_name) AND lower(e.task_action) "
                                 "= lower(me.task_action) AND lower(e.parent_name) = "
                                 "lower(me.parent_name)")
                      .arg(event));
        QVERIFY(expected >= 1);
        QCOMPARE(service.countLike(*likeness), expected);
        const QList<qint64> ids = service.eventsLike(*likeness);
        QCOMPARE(ids.size(), expected);
        QVERIFY(ids.contains(event));
        QVERIFY(likeness->describe().contains(likeness->taskName));
        QVERIFY(!service.likenessOf(-1));
    }
};

QTEST_GUILESS_MAIN(TestVerdictService)
#include "tst_verdictservice.moc"
