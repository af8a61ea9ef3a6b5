#include "DemoFixture.h"
#include "items/EventTableModel.h"
#include "items/NavigatorModel.h"
#include "items/StackingModel.h"
#include "store/Workspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestNavigatorModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;

    // The table's row count under one group filter: the navigator's count must be the same.
    int tableRowsFor(const GroupFilter &filter) {
        EventTableModel table(m_workspace.database());
        table.setGroups({filter});
        if (!QTest::qWaitFor([&table] { return !table.isLoading(); }, 10000))
            return -1;
        return table.rowCount();
    }

private slots:
    void initTestCase() {
        const QString error = openDemoWorkspace(m_dir, m_workspace);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        giveVerdicts(m_workspace.database(), 5);
        m_workspace.database().exec(QStringLiteral("DELETE FROM event_assessments WHERE event_id = 3"));
    }

    void countsEachBranchLikeTheTableFilters_data() {
        QTest::addColumn<int>("group");
        for (EventGroup group : NavigatorModel::branches())
            QTest::addRow("%s", qPrintable(NavigatorModel::branchTitle(group))) << int(group);
    }
    void countsEachBranchLikeTheTableFilters() {
        QFETCH(int, group);
        NavigatorModel model(m_workspace.database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex branch = model.branchIndex(EventGroup(group));
        QVERIFY(branch.isValid());
        QVERIFY(model.hasChildren(branch));
        // The tester has already asked every branch for its rows: counting is under way, and a second
        // request while it runs is ignored.
        QVERIFY(!model.isLoaded(EventGroup(group)));
        QVERIFY(!model.canFetchMore(branch));
        model.fetchMore(branch);
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(EventGroup(group)), 10000);
        QVERIFY(!model.canFetchMore(branch));
        const int groups = model.rowCount(branch);
        QVERIFY(groups > 0);
        QCOMPARE(branch.siblingAtColumn(NavigatorModel::CountColumn).data().toString(),
                 QStringLiteral("%L1").arg(groups));
        const qint64 events = m_workspace.database().queryInt(QStringLiteral("SELECT count(*) FROM events"));
        qint64 sum = 0, previous = std::numeric_limits<qint64>::max();
        for (int row = 0; row < groups; ++row) {
            const QModelIndex child = model.index(row, 0, branch);
            const auto filter = model.filterAt(child);
            QVERIFY(filter);
            const qint64 count = child.siblingAtColumn(NavigatorModel::CountColumn)
                                     .data()
                                     .toString()
                                     .remove(QLatin1Char(','))
                                     .toLongLong();
            if (!filter->value.isNull()) {
                QVERIFY2(count <= previous, "most frequent first");
                previous = count;
            }
            sum += count;
            if (row < 12) // the table agrees with the count (the first groups: enough and quick)
                QCOMPARE(tableRowsFor(*filter), int(count));
            QCOMPARE(model.groupIndex(*filter), child);
        }
        QCOMPARE(sum, events); // every event is in exactly one group of a branch
        QVERIFY(!model.filterAt(branch));
    }

    void refreshCountsAgain() {
        NavigatorModel model(m_workspace.database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex branch = model.branchIndex(EventGroup::Verdict);
        model.fetchMore(branch);
        QTRY_VERIFY(model.isLoaded(EventGroup::Verdict));
        const QModelIndex unreviewed = model.groupIndex({EventGroup::Verdict, QVariant()});
        QVERIFY(unreviewed.isValid());
        const QString before = unreviewed.siblingAtColumn(1).data().toString();
        m_workspace.database().exec(QStringLiteral("INSERT INTO verdicts (event_id, verdict, analyst, "
                                                   "decided_at) VALUES (1, 'needs_escalation', 't', 'x')"));
        QSignalSpy loaded(&model, &NavigatorModel::branchLoaded);
        model.refresh(EventGroup::Verdict);
        QVERIFY(loaded.wait(10000));
        const QModelIndex escalation =
            model.groupIndex({EventGroup::Verdict, QStringLiteral("needs_escalation")});
        QVERIFY(escalation.isValid());
        QCOMPARE(escalation.data().toString(), QStringLiteral("Needs escalation"));
        QCOMPARE(escalation.siblingAtColumn(1).data().toString(),
                 QString::number(m_workspace.database().queryInt(
                     QStringLiteral("SELECT count(*) FROM verdicts WHERE verdict = 'needs_escalation'"))));
        QVERIFY(model.groupIndex({EventGroup::Verdict, QVariant()}).siblingAtColumn(1).data().toString() !=
                before);
        m_workspace.database().exec(QStringLiteral("DELETE FROM verdicts WHERE event_id = 1"));
    }

    void stacksTheRarestFirst_data() {
        QTest::addColumn<int>("group");
        QTest::newRow("task names") << int(EventGroup::TaskName);
        QTest::newRow("task actions") << int(EventGroup::TaskAction);
    }
    void stacksTheRarestFirst() {
        QFETCH(int, group);
        StackingModel model(m_workspace.database(), EventGroup::TaskName);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroup(EventGroup(group));
        QTRY_VERIFY(!model.isLoading());
        QVERIFY(model.rowCount() > 5);
        qint64 previous = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const qint64 events = model.index(row, StackingModel::EventsColumn)
                                      .data()
                                      .toString()
                                      .remove(QLatin1Char(','))
                                      .toLongLong();
            QVERIFY(events >= previous);
            previous = events;
        }
        for (int row : {0, model.rowCount() - 1}) {
            const auto filter = model.filterAt(row);
            QVERIFY(filter);
            QCOMPARE(int(filter->group), group);
            QCOMPARE(tableRowsFor(*filter), model.index(row, StackingModel::EventsColumn)
                                                .data()
                                                .toString()
                                                .remove(QLatin1Char(','))
                                                .toInt());
        }
        QVERIFY(model.index(model.rowCount() - 1, StackingModel::HostsColumn).data().toInt() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestNavigatorModel)
#include "tst_navigatormodel.moc"
