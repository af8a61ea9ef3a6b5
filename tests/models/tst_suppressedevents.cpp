#include "DecisionTestSupport.h"
#include "DemoFixture.h"
#include "items/EventTableModel.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "tuning/DecisionStore.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// The event table with suppressed events: the "Suppressed by" column names the approved decisions
// that hide an event, the table shows or hides them, sorts by them, and shows a chosen set of events
// (the decision builder's "show in table").
class TestSuppressedEvents : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;
    const KnowledgeBase &m_kb = KnowledgeBase::builtIn();
    qint64 m_decision = 0;
    QList<qint64> m_suppressed; // in id order
    int m_total = 0;

    static bool applied(EventTableModel &model) {
        return QTest::qWaitFor([&model] { return !model.isLoading(); }, 20000);
    }
    static bool rowLoaded(EventTableModel &model, int row) {
        return QTest::qWaitFor([&] { return model.index(row, 0).data(EventTableModel::LoadedRole).toBool(); },
                               20000);
    }

private slots:
    void initTestCase() {
        const QString error = openDemoWorkspace(m_dir, m_workspace);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        DecisionStore store(m_workspace.database(), m_kb);
        m_decision = store.create(testDecision(QStringLiteral("Nightly backup"),
                                               {QStringLiteral("task_name=\\Corp\\NightlyBackup")}));
        QVERIFY2(m_decision > 0, qPrintable(store.errorString()));
        QVERIFY2(store.setStatus(m_decision, DecisionStatus::Approved), qPrintable(store.errorString()));
        Statement ids = m_workspace.database().prepare(
            QStringLiteral("SELECT event_id FROM event_suppressions ORDER BY event_id"));
        while (ids.step())
            m_suppressed << ids.columnInt64(0);
        QVERIFY(!m_suppressed.isEmpty());
        m_total = int(m_workspace.database().queryInt(QStringLiteral("SELECT count(*) FROM events")));
        QVERIFY(m_suppressed.size() < m_total);
    }

    void showsOrHides_data() {
        QTest::addColumn<bool>("hide");
        QTest::addColumn<bool>("chosen");
        QTest::addColumn<bool>("sortBySuppression");
        QTest::newRow("all") << false << false << false;
        QTest::newRow("hidden") << true << false << false;
        QTest::newRow("chosen") << false << true << false;
        QTest::newRow("chosen, hidden") << true << true << false;
        QTest::newRow("sorted by decision") << false << false << true;
        QTest::newRow("sorted, hidden") << true << false << true;
    }

    void showsOrHides() {
        QFETCH(bool, hide);
        QFETCH(bool, chosen);
        QFETCH(bool, sortBySuppression);
        EventTableModel model(m_workspace.database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(applied(model));
        QCOMPARE(model.rowCount(), m_total);
        const int column = model.columnOf(EventColumn::suppressedBy());
        QVERIFY(column >= 0);
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), QStringLiteral("Suppressed by"));

        EventQuery query = model.query();
        query.hideSuppressed = hide;
        // Two suppressed events and one that is not.
        qint64 other = 1;
        while (m_suppressed.contains(other))
            ++other;
        const QList<qint64> ids{m_suppressed.first(), m_suppressed.last(), other};
        if (chosen)
            query.groups = {GroupFilter{EventGroup::Events, QVariantList{ids[0], ids[1], ids[2]}}};
        if (sortBySuppression) {
            query.sortColumn = EventColumn::suppressedBy();
            query.sortOrder = Qt::AscendingOrder;
        }
        model.setQuery(query);
        QVERIFY(applied(model));
        const int expected = chosen ? (hide ? 1 : 3) : (hide ? m_total - int(m_suppressed.size()) : m_total);
        QCOMPARE(model.rowCount(), expected);
        for (int row = 0; row < std::min(expected, 5); ++row) {
            QVERIFY(rowLoaded(model, row));
            const qint64 id = model.index(row, 0).data(EventTableModel::EventIdRole).toLongLong();
            const QString mark = model.index(row, column).data().toString();
            QCOMPARE(mark, m_suppressed.contains(id) ? QStringLiteral("#%1").arg(m_decision) : QString());
            if (hide)
                QVERIFY(!m_suppressed.contains(id));
            if (chosen)
                QVERIFY(ids.contains(id));
            // Sorted by decision, the suppressed events come first (the others follow, like blanks).
            if (sortBySuppression && !hide)
                QCOMPARE(m_suppressed.contains(id), row < m_suppressed.size());
        }
    }

    void filtersByDecision() {
        EventTableModel model(m_workspace.database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(applied(model));
        model.setColumnFilter(EventColumn::suppressedBy(), QString::number(m_decision));
        QVERIFY(applied(model));
        QCOMPARE(model.rowCount(), int(m_suppressed.size()));
        model.setColumnFilter(EventColumn::suppressedBy(), QStringLiteral("="));
        QVERIFY(applied(model));
        QCOMPARE(model.rowCount(), m_total - int(m_suppressed.size()));
    }
};

QTEST_GUILESS_MAIN(TestSuppressedEvents)
#include "tst_suppressedevents.moc"
