#include "commands/ClearVerdictCommand.h"
#include "commands/MarkAllLikeThisCommand.h"
#include "commands/SetVerdictCommand.h"
#include "DemoFixture.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace tb;

class TestVerdictCommands : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;
    int m_notified = 0;

    VerdictCommand::Notify notify() {
        return [this](const VerdictService::Result &) { ++m_notified; };
    }
    qint64 verdicts() {
        return m_workspace.database().queryInt(QStringLiteral("SELECT count(*) FROM verdicts"));
    }

private slots:
    void initTestCase() {
        const QString error = openDemoWorkspace(m_dir, m_workspace);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void init() {
        m_workspace.database().exec(QStringLiteral("DELETE FROM verdicts"));
        m_notified = 0;
    }

    void setUndoRedo() {
        VerdictService service(m_workspace.database());
        QUndoStack stack;
        stack.push(
            new SetVerdictCommand(service, notify(), {1, 2}, VerdictState{Verdict::TruePositive, {}, {}}));
        QCOMPARE(stack.count(), 1);
        QCOMPARE(stack.text(0), QStringLiteral("Mark 2 event(s) as true positive"));
        QCOMPARE(verdicts(), 2);
        stack.push(new ClearVerdictCommand(service, notify(), {2}));
        QCOMPARE(verdicts(), 1);
        stack.undo();
        QCOMPARE(verdicts(), 2);
        stack.undo();
        QCOMPARE(verdicts(), 0);
        stack.redo();
        stack.redo();
        QCOMPARE(verdicts(), 1);
        QCOMPARE(service.stateOf(1).verdict, std::optional<Verdict>(Verdict::TruePositive));
        QCOMPARE(m_notified, 6);
    }

    // An edit that fails, or changes nothing, does not stay on the stack.
    void failedOrEmptyEditsAreDropped() {
        VerdictService service(m_workspace.database());
        QUndoStack stack;
        stack.push(
            new SetVerdictCommand(service, notify(), {999999}, VerdictState{Verdict::FalsePositive, {}, {}}));
        QCOMPARE(stack.count(), 0);
        QCOMPARE(verdicts(), 0);
        stack.push(new ClearVerdictCommand(service, notify(), {1}));
        QCOMPARE(stack.count(), 0);
    }

    void marksAllLikeThisAndUndoesEachOne() {
        VerdictService service(m_workspace.database());
        const qint64 event = m_workspace.database().queryInt(QStringLiteral(
            "SELECT min(id) FROM events WHERE task_name IN (SELECT task_name FROM events GROUP BY "
            "task_name, task_action, parent_name HAVING count(*) > 2)"));
        QVERIFY(event > 0);
        QUndoStack stack;
        stack.push(new SetVerdictCommand(service, notify(), {event},
                                         VerdictState{Verdict::NeedsEscalation, {}, {}}));
        const auto likeness = service.likenessOf(event);
        const qint64 alike = service.countLike(*likeness);
        QVERIFY(alike > 1);
        stack.push(new MarkAllLikeThisCommand(service, notify(), *likeness, alike,
                                              VerdictState{Verdict::BenignTruePositive, {}, {}}));
        QCOMPARE(verdicts(), alike);
        QVERIFY(stack.text(1).startsWith(QStringLiteral("Mark %1 event(s) like this as benign").arg(alike)));
        stack.undo();
        QCOMPARE(verdicts(), 1);
        QCOMPARE(service.stateOf(event).verdict, std::optional<Verdict>(Verdict::NeedsEscalation));
    }
};

QTEST_MAIN(TestVerdictCommands)
#include "tst_verdictcommands.moc"
