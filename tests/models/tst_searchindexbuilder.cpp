#include "store/Migration.h"
#include "store/MigrationRunner.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "workspace/SearchIndexBuilder.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// A workspace made before the search index (schema 2) is upgraded at once; its events are indexed
// afterwards in batches, and each is found exactly once.
class TestSearchIndexBuilder : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_counter = 0;

    // A workspace of schema `version` (2: before the search index) with `events` events whose command
    // lines say "run tool<i % 3>".
    QString olderWorkspace(int events, int version = 2) {
        const QString path = m_dir.filePath(QStringLiteral("old%1.tunebench").arg(++m_counter));
        Database db = Database::open(path);
        std::vector<Migration> steps = workspaceMigrations();
        steps.erase(std::remove_if(steps.begin(), steps.end(),
                                   [version](const Migration &m) { return m.version > version; }),
                    steps.end());
        MigrationRunner(steps).run(db);
        db.exec(QStringLiteral(
            "INSERT INTO imports (id, file_name, file_path, file_size, sha256, format, importer_version, "
            "analyst, "
            "started_at, status) VALUES (1, 'f', 'f', 0, '', 'csv', '1', 'a', 'now', 'completed')"));
        Statement insert = db.prepare(QStringLiteral(
            "INSERT INTO events (import_id, source_file, record_no, content_hash, format, command_line, "
            "raw, raw_fields) VALUES (1, 'f', ?1, ?1, 'csv', ?2, '', '{}')"));
        for (int i = 0; i < events; ++i) {
            insert.bind(1, qint64(i));
            insert.bind(2, QStringLiteral("run tool%1").arg(i % 3));
            insert.step();
            insert.reset();
        }
        return path;
    }

    static qint64 matches(Database &db, const char *words) {
        Statement query = db.prepare(QStringLiteral(
            "SELECT count(*), count(DISTINCT rowid) FROM events_fts WHERE events_fts MATCH ?1"));
        query.bind(1, QString::fromLatin1(words));
        query.step();
        return query.columnInt64(0) == query.columnInt64(1) ? query.columnInt64(0) : -1; // -1: found twice
    }

private slots:
    void indexesOlderEventsInBatches_data() {
        QTest::addColumn<int>("events");
        QTest::addColumn<int>("batch");
        QTest::newRow("one batch") << 10 << 100;
        QTest::newRow("several batches") << 100 << 7;
        QTest::newRow("batch boundary") << 21 << 7;
    }
    void indexesOlderEventsInBatches() {
        QFETCH(int, events);
        QFETCH(int, batch);
        const QString path = olderWorkspace(events);
        Workspace workspace;
        QVERIFY(workspace.open(path));
        Database &db = workspace.database();
        QVERIFY(SearchIndexBuilder::isPending(db));
        QCOMPARE(matches(db, "run"), 0); // upgraded without indexing

        // An event added meanwhile is indexed by the trigger, and not a second time by the build.
        db.exec(QStringLiteral(
            "INSERT INTO events (import_id, source_file, record_no, content_hash, format, "
            "command_line, raw, raw_fields) VALUES (1, 'f', -1, 'new', 'csv', 'run tool9', '', "
            "'{}')"));
        QCOMPARE(matches(db, "tool9"), 1);
        int batches = 0;
        qint64 left = -1;
        qint64 lastLeft = events + 1;
        while (SearchIndexBuilder::indexNextBatch(db, batch, &left)) {
            ++batches;
            QVERIFY(left < lastLeft && left > 0); // what is left shrinks with every batch
            lastLeft = left;
        }
        QCOMPARE(left, 0);
        QCOMPARE(batches, (events + batch - 1) / batch - 1);
        QVERIFY(!SearchIndexBuilder::isPending(db));
        QVERIFY(!SearchIndexBuilder::indexNextBatch(db, batch));
        QCOMPARE(matches(db, "run"), events + 1);
        QCOMPARE(matches(db, "tool1"), (events + 1) / 3);
        QCOMPARE(matches(db, "tool9"), 1);
    }

    void buildsInTheBackground() {
        const QString path = olderWorkspace(50);
        Workspace workspace;
        QVERIFY(workspace.open(path));
        SearchIndexBuilder builder(path);
        QSignalSpy finished(&builder, &SearchIndexBuilder::finished);
        QSignalSpy progressed(&builder, &SearchIndexBuilder::progressed);
        builder.start();
        QVERIFY(finished.wait(20000));
        QVERIFY(!progressed.isEmpty());
        QCOMPARE(progressed.last().at(0).toLongLong(), progressed.last().at(1).toLongLong()); // all done
        QCOMPARE(finished.first().first().toString(), QString());
        QCOMPARE(matches(workspace.database(), "run"), 50);
    }

    // Schema 9 adds task_other_actions to the index: the index is made anew, and an upgraded workspace
    // finds its events again once the builder is through, and the other actions of the new ones.
    void otherActionsBecomeSearchable() {
        const QString path = olderWorkspace(20, 8);
        {
            Database db = Database::open(path);
            while (SearchIndexBuilder::indexNextBatch(db, 100)) {
            }
            QCOMPARE(matches(db, "run"), 20); // indexed under schema 8
        }
        Workspace workspace;
        QVERIFY(workspace.open(path));
        Database &db = workspace.database();
        QVERIFY(SearchIndexBuilder::isPending(db));
        db.exec(QStringLiteral(
            "INSERT INTO events (import_id, source_file, record_no, content_hash, format, task_action, "
            "task_other_actions, raw, raw_fields) VALUES (1, 'f', -1, 'new', 'csv', 'GoogleUpdate.exe /c', "
            "'rundll32.exe C:\\ProgramData\\armsvc.dll,Start', '', '{}')"));
        QCOMPARE(matches(db, "armsvc"), 1);
        while (SearchIndexBuilder::indexNextBatch(db, 7)) {
        }
        QCOMPARE(matches(db, "run"), 20);
        QCOMPARE(matches(db, "armsvc"), 1);
        QCOMPARE(matches(db, "googleupdate"), 1);
    }

    void newWorkspaceHasNothingPending() {
        Workspace workspace;
        QVERIFY(workspace.open(m_dir.filePath(QStringLiteral("new.tunebench"))));
        QVERIFY(!SearchIndexBuilder::isPending(workspace.database()));
    }
};

QTEST_GUILESS_MAIN(TestSearchIndexBuilder)
#include "tst_searchindexbuilder.moc"
