#include "ingest/Importer.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/EventDetail.h"
#include "workspace/PrevalenceTable.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// The prevalence table gives the detail pane the same counts as counting each value's events.
class TestPrevalenceTable : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static QList<qint64> counts(const EventDetail &d) {
        return {d.taskNameHosts, d.taskActionHosts, d.sameTaskName, d.sameTaskAction,
                d.sameParent,    d.sameHost,        d.likeThis};
    }

private slots:
    void readsWhatCountingGives() {
        const QString path = m_dir.filePath(QStringLiteral("demo.tunebench"));
        QString error;
        QVERIFY2(DemoWorkspace::ensure(path, &error), qPrintable(error));
        Workspace workspace;
        QVERIFY(workspace.open(path));
        Database &db = workspace.database();
        const KnowledgeBase &kb = KnowledgeBase::builtIn();

        // Every 7th event and the last: counted one by one while the table is out of date.
        QList<qint64> ids;
        Statement select = db.prepare(
            QStringLiteral("SELECT id FROM events WHERE id % 7 = 0 OR id = (SELECT max(id) FROM events)"));
        while (select.step())
            ids << select.columnInt64(0);
        QVERIFY(ids.size() > 10);
        QVERIFY(!PrevalenceTable::isCurrent(db));
        QList<QList<qint64>> counted;
        for (qint64 id : ids) {
            std::optional<EventDetail> detail = EventDetail::load(db, kb, id, false);
            QVERIFY(detail);
            QVERIFY(!EventDetail::loadPrevalence(db, *detail));
            QVERIFY(detail->prevalenceLoaded);
            counted << counts(*detail);
        }
        QVERIFY(
            std::any_of(counted.cbegin(), counted.cend(), [](const QList<qint64> &c) { return c[0] > 1; }));

        PrevalenceTable::rebuild(db);
        QVERIFY(PrevalenceTable::isCurrent(db));
        for (int i = 0; i < ids.size(); ++i) {
            std::optional<EventDetail> detail = EventDetail::load(db, kb, ids[i], false);
            QVERIFY(EventDetail::loadPrevalence(db, *detail));
            QVERIFY(detail->prevalenceLoaded);
            QCOMPARE(counts(*detail), counted[i]);
        }

        // A new event makes the table out of date: its counts are counted again.
        const QString csvPath = m_dir.filePath(QStringLiteral("more.csv"));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("_time,host,user,process\n2025-03-04T10:00:00Z,wks-new,CORP\\u1,\"schtasks /create /tn T1 "
                  "/tr x.exe\"\n");
        csv.close();
        QVERIFY(Importer(db).importFile(csvPath, {}).eventsAdded == 1);
        QVERIFY(!PrevalenceTable::isCurrent(db));
        std::optional<EventDetail> detail = EventDetail::load(db, kb, ids.first(), false);
        QVERIFY(!EventDetail::loadPrevalence(db, *detail));
    }
};

QTEST_GUILESS_MAIN(TestPrevalenceTable)
#include "tst_prevalencetable.moc"
