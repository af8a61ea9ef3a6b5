#include "DemoFixture.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Workspace.h"
#include "tuning/DecisionStore.h"
#include "workspace/OverviewStats.h"
#include "workspace/TriageCounts.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestOverviewStats : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;

    qint64 count(const QString &sql) { return m_workspace.database().queryInt(sql); }

private slots:
    void initTestCase() {
        const QString error = openDemoWorkspace(m_dir, m_workspace);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        giveVerdicts(m_workspace.database(), 4);
    }

    void countsDaysVerdictsAndTops() {
        const OverviewStats stats = OverviewStats::compute(m_workspace.database());
        QCOMPARE(stats.total,
                 count(QStringLiteral("SELECT count(*) FROM events WHERE time_utc IS NOT NULL")));
        QCOMPARE(stats.reviewed, count(QStringLiteral("SELECT count(*) FROM verdicts")));
        qint64 sum = 0, reviewed = 0;
        QString previous;
        for (const OverviewStats::Day &day : stats.days) {
            QVERIFY(day.day > previous);
            previous = day.day;
            sum += day.total;
            for (qint64 n : day.byVerdict)
                reviewed += n;
            QCOMPARE(
                day.total,
                count(QStringLiteral("SELECT count(*) FROM events WHERE time_utc LIKE '%1%'").arg(day.day)));
        }
        QCOMPARE(sum, stats.total);
        QCOMPARE(reviewed, stats.reviewed);
        QCOMPARE(stats.topTaskNames.size(), OverviewStats::TopCount);
        for (int i = 1; i < stats.topTaskNames.size(); ++i)
            QVERIFY(stats.topTaskNames[i - 1].second >= stats.topTaskNames[i].second);
        QCOMPARE(stats.topParents.first().second,
                 count(QStringLiteral(
                     "SELECT count(*) AS n FROM events WHERE parent_name IS NOT NULL GROUP BY parent_name "
                     "COLLATE NOCASE ORDER BY n DESC LIMIT 1")));
    }

    void triageCounts() {
        const TriageCounts counts = TriageCounts::compute(m_workspace.database());
        QCOMPARE(counts.total, count(QStringLiteral("SELECT count(*) FROM events")));
        QCOMPARE(counts.reviewed, count(QStringLiteral("SELECT count(*) FROM verdicts")));
        QCOMPARE(counts.byVerdict.size(), 4);
        QCOMPARE(counts.byVerdict[2].second,
                 count(QStringLiteral("SELECT count(*) FROM verdicts WHERE verdict = 'false_positive'")));
        QCOMPARE(counts.suppressed, 0);
    }

    // The events of approved suppress decisions count once each, whatever the number of decisions
    // that suppress them; proposed and retired decisions suppress nothing.
    void countsSuppressedEvents() {
        Database &db = m_workspace.database();
        DecisionStore store(db, KnowledgeBase::builtIn());
        auto decision = [](const QStringList &where, const QStringList &hosts) {
            Decision d;
            d.title = QStringLiteral("updaters");
            QString error;
            if (!ConditionParser::fromExpressions(where, d.condition, &error))
                qFatal("%s", qPrintable(error));
            d.scope.hosts = hosts;
            d.rationale = QStringLiteral("test");
            return d;
        };
        const qint64 updaters = store.create(decision({"task_name|contains=Update"}, {"wks-dev-021"}));
        const qint64 overlapping = store.create(decision({"task_name|contains=UpdateTask"}, {"wks-dev-021"}));
        const qint64 proposed = store.create(decision({"host=jmp-01"}, {}));
        QVERIFY2(updaters > 0 && overlapping > 0 && proposed > 0, qPrintable(store.errorString()));
        QCOMPARE(TriageCounts::countSuppressed(db), 0);
        QVERIFY2(store.setStatus(updaters, DecisionStatus::Approved), qPrintable(store.errorString()));
        QVERIFY2(store.setStatus(overlapping, DecisionStatus::Approved), qPrintable(store.errorString()));
        const qint64 expected = count(QStringLiteral(
            "SELECT count(*) FROM events WHERE task_name LIKE '%Update%' AND host = 'wks-dev-021'"));
        QVERIFY(expected > 0);
        QCOMPARE(TriageCounts::countSuppressed(db), expected);
        QVERIFY(store.setStatus(updaters, DecisionStatus::Retired));
        QVERIFY(store.setStatus(overlapping, DecisionStatus::Retired));
        QCOMPARE(TriageCounts::countSuppressed(db), 0);
    }
};

QTEST_GUILESS_MAIN(TestOverviewStats)
#include "tst_overviewstats.moc"
