// Drives the real main window on the demo workspace, by keyboard where an analyst would.
#include "audit/AuditLog.h"
#include "DemoWindowSupport.h"
#include "EventDetailPane.h"
#include "EventDetailView.h"
#include "EventTablePane.h"
#include "items/EventTableModel.h"
#include "items/NavigatorModel.h"
#include "MainWindow.h"
#include "NavigatorPane.h"
#include "StatusCountsLabel.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "triage/DeferredVerdictWriter.h"
#include "triage/VerdictService.h"
#include "TriageController.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceSession.h"

#include <QLineEdit>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace tb;

class TestTriageWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static qint64 count(MainWindow &window, const QString &sql) {
        return window.session()->database().queryInt(sql);
    }
    static bool loaded(MainWindow &window) { return testing::firstPageLoaded(window); }
    static qint64 currentEvent(MainWindow &window) {
        return window.eventModel()->eventIdAt(window.eventView()->currentIndex().row()).value_or(0);
    }
    static QString stateOf(MainWindow &window, qint64 id) {
        return window.session()->database().queryText(
            QStringLiteral("SELECT verdict FROM verdicts WHERE event_id = %1").arg(id));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void triagesByKeyboard() {
        MainWindow window;
        const QString opened =
            testing::openDemoWindow(window, m_dir.filePath(QStringLiteral("demo.tunebench")));
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        const int all = window.eventModel()->rowCount();
        QVERIFY(all > 100);

        // Filter by a rule in the navigator: the table shows exactly that rule's events.
        QTreeView *tree = window.navigator()->groupsView();
        auto *navigator = qobject_cast<NavigatorModel *>(tree->model());
        const QModelIndex rules = navigator->branchIndex(EventGroup::Rule);
        tree->expand(rules);
        QTRY_VERIFY_WITH_TIMEOUT(navigator->isLoaded(EventGroup::Rule), 10000);
        tree->expand(navigator->branchIndex(EventGroup::Verdict));
        QTRY_VERIFY_WITH_TIMEOUT(navigator->isLoaded(EventGroup::Verdict), 10000);
        const QModelIndex rule = navigator->index(0, 0, rules);
        const QString ruleName = rule.data().toString();
        const int ruleEvents = rule.siblingAtColumn(1).data().toString().remove(QLatin1Char(',')).toInt();
        tree->setCurrentIndex(rule);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(window) && window.eventModel()->rowCount() == ruleEvents, 10000);
        QVERIFY(ruleEvents < all);
        QCOMPARE(
            ruleEvents,
            int(count(window, QStringLiteral("SELECT count(*) FROM events WHERE rule_name = '%1'")
                                  .arg(QString(ruleName).replace(QLatin1Char('\''), QStringLiteral("''"))))));

        // Search within it: type into the quick-search box.
        QLineEdit *search = window.tablePane()->searchBox();
        const QString word = QStringLiteral("schtasks");
        QTest::keyClicks(search, word);
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(window.eventModel()->query().search == word && loaded(window), 10000);
        const int found = window.eventModel()->rowCount();
        QVERIFY(found > 0 && found <= ruleEvents);

        // Select an event and read its top explanation in the detail pane.
        QTableView *view = window.eventView();
        view->setFocus();
        view->setCurrentIndex(window.eventModel()->index(0, 1));
        QTRY_VERIFY(window.detailView()->eventId() > 0);
        const qint64 event = currentEvent(window);
        QCOMPARE(window.detailView()->eventId(), event);
        const QString top =
            window.eventModel()->index(0, window.eventModel()->topExplanationColumn()).data().toString();
        QVERIFY(!top.isEmpty());
        QVERIFY(window.detailPane()->toPlainText().contains(top));
        QVERIFY(window.detailPane()->toPlainText().contains(QLatin1String("Unreviewed")));
        // How the likelihood adds up, from the rule's base to the total.
        QVERIFY(window.detailPane()->toPlainText().contains(QLatin1String("How the likelihood adds up")));
        QVERIFY(window.detailPane()->toPlainText().contains(QLatin1String("the rule's authors")));
        // Its prevalence and the events like it are counted in the background, then shown.
        QTRY_VERIFY(window.detailView()->isComplete());
        QVERIFY2(window.detailPane()->toPlainText().contains(QLatin1String("Events like this:")),
                 qPrintable(window.detailPane()->toPlainText()));

        // F marks it a false positive, justified by its top explanation, with an audit row.
        const qint64 auditBefore =
            count(window, QStringLiteral("SELECT count(*) FROM audit_log WHERE object_type = 'event'"));
        QTest::keyClick(view, Qt::Key_F);
        QCOMPARE(stateOf(window, event), QStringLiteral("false_positive"));
        QCOMPARE(
            window.session()->database().queryText(
                QStringLiteral(
                    "SELECT n.text FROM verdicts v JOIN notes n ON n.id = v.note_id WHERE v.event_id = %1")
                    .arg(event)),
            top);
        QTRY_COMPARE(window.eventModel()->verdictAt(0), QStringLiteral("false_positive"));
        QTRY_VERIFY(window.detailPane()->toPlainText().contains(QLatin1String("False positive")));
        QCOMPARE(
            count(window, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'verdict.set' AND "
                                         "object_id = '%1'")
                              .arg(event)),
            1);

        // Ctrl+Z undoes it (and says so in the audit log); marking again works.
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(stateOf(window, event).isEmpty());
        QCOMPARE(count(window, QStringLiteral(
                                   "SELECT count(*) FROM audit_log WHERE action = 'verdict.clear' AND why = "
                                   "'undo' AND object_id = '%1'")
                                   .arg(event)),
                 1);
        QTRY_VERIFY(window.eventModel()->verdictAt(0).isEmpty());
        QCOMPARE(currentEvent(window), event);
        QTest::keyClick(view, Qt::Key_F);
        QCOMPARE(stateOf(window, event), QStringLiteral("false_positive"));

        // Shift+F: every event like it (same task name, action, parent), after its count is confirmed.
        VerdictService &service = window.session()->verdicts();
        const auto likeness = service.likenessOf(event);
        QVERIFY(likeness);
        const qint64 alike = service.countLike(*likeness);
        QString asked;
        window.triage()->setConfirm([&asked](const QString &question) {
            asked = question;
            return true;
        });
        QTest::keyClick(view, Qt::Key_F, Qt::ShiftModifier);
        QVERIFY2(asked.contains(QStringLiteral("%1 event").arg(alike)), qPrintable(asked));
        for (qint64 id : service.eventsLike(*likeness))
            QCOMPARE(stateOf(window, id), QStringLiteral("false_positive"));
        QCOMPARE(window.undoStack()->count(),
                 2); // mark again, all like this (pushing dropped the undone mark)

        // The counts: status bar, navigator and the audit log agree with the verdicts table.
        const qint64 reviewed = count(window, QStringLiteral("SELECT count(*) FROM verdicts"));
        QCOMPARE(reviewed, alike);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.counts()->accessibleDescription().contains(QStringLiteral("%1 reviewed").arg(reviewed)),
            10000);
        QVERIFY(window.counts()->accessibleDescription().contains(
            QStringLiteral("False positive %1").arg(reviewed)));
        // The navigator's verdict branch is counted again after each edit.
        QTRY_VERIFY(navigator->groupIndex({EventGroup::Verdict, QStringLiteral("false_positive")}).isValid());
        QTRY_COMPARE(navigator->groupIndex({EventGroup::Verdict, QStringLiteral("false_positive")})
                         .siblingAtColumn(1)
                         .data()
                         .toString(),
                     QStringLiteral("%1").arg(reviewed));
        const qint64 audited =
            count(window, QStringLiteral("SELECT count(*) FROM audit_log WHERE object_type = 'event'"));
        // 1 mark + 1 undo + 1 mark again + (alike - 1) by "all like this" (the first was already FP).
        QCOMPARE(audited - auditBefore, 3 + alike - 1);

        // Undoing the bulk edit restores each event's own previous state.
        window.undoStack()->undo();
        QCOMPARE(stateOf(window, event), QStringLiteral("false_positive"));
        QCOMPARE(count(window, QStringLiteral("SELECT count(*) FROM verdicts")), 1);
        window.undoStack()->redo();
        QCOMPARE(count(window, QStringLiteral("SELECT count(*) FROM verdicts")), alike);

        // N goes to the next unreviewed event of the table.
        search->clear();
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(window.eventModel()->query().search.isEmpty() && loaded(window), 10000);
        view->setFocus();
        view->setCurrentIndex(window.eventModel()->index(0, 1));
        QTest::keyClick(view, Qt::Key_N);
        QTRY_VERIFY(view->currentIndex().row() > 0);
        QVERIFY(window.eventModel()->verdictAt(view->currentIndex().row()).isEmpty());
    }

    // An import holds the workspace's write lock for a whole file. Verdicts given meanwhile show at
    // once, undo works on them, and they are saved, in order, when the import is done.
    void triagesWhileAnImportHoldsTheWorkspace() {
        MainWindow window;
        const QString opened =
            testing::openDemoWindow(window, m_dir.filePath(QStringLiteral("during-import.tunebench")));
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        QTableView *view = window.eventView();
        view->setFocus();
        view->setCurrentIndex(window.eventModel()->index(0, 1));
        const qint64 event = currentEvent(window);
        QVERIFY(event > 0);
        window.triage()->advanceAction()->setChecked(false);

        Database import = Database::open(window.session()->path());
        std::optional<Transaction> importing(std::in_place, import);
        window.triage()->setImportRunning(true);

        QTest::keyClick(view, Qt::Key_F);
        QCOMPARE(window.eventModel()->verdictAt(0), QStringLiteral("false_positive")); // shown at once
        QVERIFY(stateOf(window, event).isEmpty());                                     // not saved yet
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(window.eventModel()->verdictAt(0).isEmpty());
        QTest::keyClick(view, Qt::Key_T);
        QCOMPARE(window.eventModel()->verdictAt(0), QStringLiteral("true_positive"));
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("saved when it is done")));

        importing->commit();
        window.triage()->setImportRunning(false);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(window, event), QStringLiteral("true_positive"), 10000);
        QTRY_VERIFY(window.session()->deferredVerdicts().isIdle());
        QCOMPARE(
            count(window, QStringLiteral("SELECT count(*) FROM audit_log WHERE object_type = 'event' AND "
                                         "object_id = '%1'")
                              .arg(event)),
            3); // set, undone (cleared), set again
        QTRY_COMPARE(window.eventModel()->verdictAt(0), QStringLiteral("true_positive"));
    }
};

QTEST_MAIN(TestTriageWindow)
#include "tst_triagewindow.moc"
