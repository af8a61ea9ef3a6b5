// Drives the real main window on the demo workspace through tuning: from an event to a decision,
// its impact, the true-positive block, a narrower condition, approval, the exports and the audit log.
#include "audit/AuditLog.h"
#include "DecisionBuilderDialog.h"
#include "DecisionsDialog.h"
#include "DemoWindowSupport.h"
#include "EventDetailView.h"
#include "EventTablePane.h"
#include "ExportDialog.h"
#include "highlight/HighlightedTextView.h"
#include "ImpactPreviewWidget.h"
#include "items/DecisionListModel.h"
#include "items/EventTableModel.h"
#include "MainWindow.h"
#include "StatusCountsLabel.h"
#include "TriageController.h"
#include "TuningController.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceSession.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace tb;

class TestTuningWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static bool loaded(MainWindow &window) { return testing::firstPageLoaded(window); }
    static bool counted(DecisionBuilderDialog *builder) {
        return !builder->isPreviewPending() && builder->impact()->matched() >= 0;
    }
    static QString text(MainWindow &window, const QString &sql) {
        return window.session()->database().queryText(sql);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tunesFromAnEvent() {
        MainWindow window;
        const QString opened =
            testing::openDemoWindow(window, m_dir.filePath(QStringLiteral("demo.tunebench")));
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        const int all = window.eventModel()->rowCount();

        // A Zoom updater task an installer registered, seen by the same rule on several hosts.
        const qint64 eventId = text(window, QStringLiteral("SELECT min(id) FROM events WHERE task_name = "
                                                           "'\\ZoomUpdateTask' AND rule_name = 'Windows "
                                                           "Schtasks Create Run As System'"))
                                   .toLongLong();
        QVERIFY(eventId > 0);
        const QString host =
            text(window, QStringLiteral("SELECT host FROM events WHERE id = %1").arg(eventId));
        // The table narrowed to it (as a navigator group would), its row selected.
        window.eventModel()->setGroups({GroupFilter{EventGroup::Events, QVariantList{eventId}}});
        QTRY_VERIFY_WITH_TIMEOUT(loaded(window) && window.eventModel()->rowCount() == 1, 20000);
        window.eventView()->setFocus();
        window.eventView()->setCurrentIndex(window.eventModel()->index(0, 1));
        QTRY_COMPARE_WITH_TIMEOUT(window.detailView()->eventId(), eventId, 10000);

        // Ctrl+D opens the builder on it, with the explanation's fields ticked and a count.
        QVERIFY(window.tuning()->tuneAction()->isEnabled());
        QTest::keyClick(window.eventView(), Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(window.tuning()->builder() != nullptr, 5000);
        DecisionBuilderDialog *builder = window.tuning()->builder();
        QCOMPARE(builder->eventId(), eventId);
        QVERIFY(!builder->decision().condition.isEmpty());
        QVERIFY(!builder->decision().scope.ruleIds.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(counted(builder), 20000);
        QVERIFY(builder->impact()->matched() >= 1);

        // Broad: the task name alone, for the Splunk rule and Elastic's rule for new tasks.
        QVERIFY(builder->setRuleTicked(QStringLiteral("elastic:afcce5ad-65de-4ed2-8516-5e093d3ac99a"), true));
        for (int row = 0; row < builder->fieldTable()->rowCount(); ++row)
            builder->fieldTable()
                ->item(row, DecisionBuilderDialog::FieldColumn)
                ->setCheckState(Qt::Unchecked);
        QTRY_VERIFY_WITH_TIMEOUT(!builder->isPreviewPending(), 20000);
        QCOMPARE(builder->impact()->matched(), -1); // no field ticked: nothing to count or save
        QVERIFY(!builder->saveButton()->isEnabled());
        QVERIFY(builder->setFieldTicked(EventField::TaskName, true));
        QTRY_VERIFY_WITH_TIMEOUT(counted(builder), 20000);
        const qint64 broad = builder->impact()->matched();
        QVERIFY2(broad >= 2, qPrintable(builder->impact()->countLabel()->text()));
        QVERIFY(builder->impact()->countLabel()->text().contains(QString::number(broad)));
        QVERIFY(!builder->impact()->isBlocked());
        QVERIFY(builder->approveButton()->isEnabled());

        // "Show in table" lists exactly the matched events; one on another host is a true positive.
        QVERIFY(builder->impact()->showInTableButton()->isEnabled());
        QTest::mouseClick(builder->impact()->showInTableButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.eventModel()->rowCount() == broad && loaded(window), 20000);
        int tpRow = -1;
        for (int row = 0; row < broad && tpRow < 0; ++row) {
            const qint64 id = window.eventModel()->eventIdAt(row).value_or(0);
            if (text(window, QStringLiteral("SELECT host FROM events WHERE id = %1").arg(id)) != host)
                tpRow = row;
        }
        QVERIFY(tpRow >= 0);
        const qint64 tpEvent = *window.eventModel()->eventIdAt(tpRow);
        window.eventView()->setCurrentIndex(window.eventModel()->index(tpRow, 1));
        window.triage()->mark(Verdict::TruePositive);
        QCOMPARE(
            text(window, QStringLiteral("SELECT verdict FROM verdicts WHERE event_id = %1").arg(tpEvent)),
            QStringLiteral("true_positive"));

        // The builder recounts: approval is blocked, in words.
        QTRY_VERIFY_WITH_TIMEOUT(counted(builder) && builder->impact()->isBlocked(), 20000);
        QVERIFY(!builder->approveButton()->isEnabled());
        QVERIFY(builder->impact()->warningLabel()->isVisibleTo(builder));
        QVERIFY2(builder->impact()->warningLabel()->text().contains(QStringLiteral("true positive")),
                 qPrintable(builder->impact()->warningLabel()->text()));

        // Narrowed to the event's host, it no longer hides the true positive.
        QVERIFY(builder->setFieldTicked(EventField::Host, true));
        QTRY_VERIFY_WITH_TIMEOUT(counted(builder) && !builder->impact()->isBlocked(), 20000);
        const qint64 narrow = builder->impact()->matched();
        QVERIFY(narrow >= 1 && narrow < broad);
        QVERIFY(builder->impact()->warningLabel()->text().isEmpty() ||
                !builder->impact()->warningLabel()->text().contains(QStringLiteral("true positive")));
        builder->rationaleEdit()->setPlainText(QStringLiteral("Zoom's installer registers its updater."));
        builder->authorEdit()->setText(QStringLiteral("gui-test"));
        QTRY_VERIFY_WITH_TIMEOUT(counted(builder) && builder->saveButton()->isEnabled(), 20000);
        QTest::mouseClick(builder->saveButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.tuning()->builder() == nullptr || !builder->isVisible(), 5000);
        const qint64 decisionId = text(window, QStringLiteral("SELECT max(id) FROM decisions")).toLongLong();
        QVERIFY(decisionId > 0);
        QCOMPARE(text(window, QStringLiteral("SELECT status FROM decisions WHERE id = %1").arg(decisionId)),
                 QStringLiteral("proposed"));

        // The decisions dialog lists it; approving it suppresses its events.
        window.tuning()->decisionsAction()->trigger();
        DecisionsDialog *decisions = window.tuning()->decisionsDialog();
        QVERIFY(decisions);
        QVERIFY(decisions->model()->rowOf(decisionId) >= 0);
        decisions->select(decisionId);
        QCOMPARE(decisions->selectedId(), decisionId);
        QVERIFY(decisions->approveButton()->isEnabled());
        QTest::mouseClick(decisions->approveButton(), Qt::LeftButton);
        QVERIFY(!decisions->approveButton()->isEnabled()); // while it is approved in the background
        QTRY_VERIFY_WITH_TIMEOUT(!decisions->isChanging(), 20000);
        QCOMPARE(text(window, QStringLiteral("SELECT status FROM decisions WHERE id = %1").arg(decisionId)),
                 QStringLiteral("approved"));
        QVERIFY(!decisions->approveButton()->isEnabled());
        QVERIFY(decisions->retireButton()->isEnabled());
        QCOMPARE(text(window, QStringLiteral("SELECT count(*) FROM event_suppressions WHERE decision_id = %1")
                                  .arg(decisionId))
                     .toLongLong(),
                 narrow);
        // ...and its history in the dialog comes from the audit log.
        QVERIFY2(decisions->details()->toPlainText().contains(QStringLiteral("decision.approve")),
                 qPrintable(decisions->details()->toPlainText()));
        bool audited = false;
        for (const AuditEntry &e :
             AuditLog(window.session()->database()).entries(QStringLiteral("decision"))) {
            if (e.objectId == QString::number(decisionId) && e.action == QLatin1String("decision.approve"))
                audited = true;
        }
        QVERIFY(audited);

        // The table: back to every event; hiding suppressed events takes the decision's away.
        window.eventModel()->setGroups({});
        QTRY_VERIFY_WITH_TIMEOUT(loaded(window) && window.eventModel()->rowCount() == all, 20000);
        // The status bar counts the suppressed events; the table's own count follows the toggle.
        QTRY_VERIFY2_WITH_TIMEOUT(
            window.counts()->text().contains(QStringLiteral("%1 suppressed").arg(narrow)),
            qPrintable(window.counts()->text()), 20000);
        auto *tableCount = window.tablePane()->findChild<QLabel *>(QStringLiteral("tableCount"));
        QVERIFY(tableCount);
        QCOMPARE(tableCount->text(), QStringLiteral("%L1 events").arg(all));
        window.tuning()->showSuppressedAction()->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(window) && window.eventModel()->rowCount() == all - narrow, 20000);
        QCOMPARE(tableCount->text(), QStringLiteral("%L1 events").arg(all - narrow));
        window.tuning()->showSuppressedAction()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(window) && window.eventModel()->rowCount() == all, 20000);

        // File > Export Tuning…: the Splunk filter macro and the Elastic exception items.
        window.tuning()->exportAction()->trigger();
        ExportDialog *exporter = window.tuning()->exportDialog();
        QVERIFY(exporter);
        exporter->setFormat(QStringLiteral("splunk"));
        QTRY_VERIFY_WITH_TIMEOUT(!exporter->isRunning() && exporter->format() == QLatin1String("splunk") &&
                                     !exporter->text().isEmpty(),
                                 20000);
        QVERIFY2(exporter->text().contains(QStringLiteral("_filter]")), qPrintable(exporter->text()));
        QVERIFY(exporter->text().contains(QStringLiteral("definition = search NOT")));
        QVERIFY(exporter->text().contains(QStringLiteral("decision %1").arg(decisionId)));
        // Highlighted with Tunebench's own macros.conf definition, not shown plain.
        QTRY_VERIFY_WITH_TIMEOUT(!exporter->preview()->isPending(), 20000);
        QVERIFY2(exporter->preview()->notice().isEmpty(), qPrintable(exporter->preview()->notice()));
        exporter->setFormat(QStringLiteral("elastic"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !exporter->isRunning() && exporter->text().contains(QStringLiteral("\"list_id\"")), 20000);
        QVERIFY(exporter->text().contains(QStringLiteral("\"entries\"")));
        QVERIFY(exporter->text().contains(QStringLiteral("\"type\":\"simple\"")));
        QVERIFY(exporter->text().contains(QStringLiteral("decision %1").arg(decisionId)));
        const QString saved = m_dir.filePath(QStringLiteral("exceptions.ndjson"));
        QVERIFY(exporter->saveTo(saved));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), exporter->text());
    }
};

QTEST_MAIN(TestTuningWindow)
#include "tst_tuningwindow.moc"
