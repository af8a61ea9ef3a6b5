#include "ingest/EventField.h"
#include "store/Database.h"
#include "store/MigrationRunner.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestMigrationRunner : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("w%1.tunebench").arg(++m_counter)); }

    static QStringList tables(Database &db) {
        QStringList names;
        Statement query =
            db.prepare(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"));
        while (query.step())
            names << query.columnText(0);
        return names;
    }

private slots:
    void freshWorkspaceHasTheWholeSchema() {
        Workspace workspace;
        QVERIFY2(workspace.open(freshPath()), qPrintable(workspace.errorString()));
        Database &db = workspace.database();
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA user_version")), MigrationRunner().latestVersion());
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA application_id")), MigrationRunner::ApplicationId);
        QCOMPARE(db.queryText(QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA foreign_keys")), 1);
        const QStringList names = tables(db);
        for (const char *table :
             {"imports", "events", "themes", "notes", "rules", "rule_aliases", "note_rules",
              "explanation_sets", "explanation_set_notes", "event_assessments", "verdicts", "decisions",
              "decision_conditions", "decision_scope", "audit_log", "workspace_settings"})
            QVERIFY2(names.contains(QLatin1String(table)), table);
    }

    // The events table and the EventField list must describe the same columns.
    void eventsTableMatchesEventFields() {
        Workspace workspace;
        QVERIFY(workspace.open(freshPath()));
        QStringList columns;
        Statement query =
            workspace.database().prepare(QStringLiteral("SELECT name FROM pragma_table_info('events')"));
        while (query.step())
            columns << query.columnText(0);
        for (const EventFieldInfo &info : eventFields())
            QVERIFY2(columns.contains(QLatin1String(info.column)), info.column);
        for (const char *column :
             {"id", "import_id", "source_file", "record_no", "content_hash", "format", "raw", "raw_fields"})
            QVERIFY2(columns.contains(QLatin1String(column)), column);
        QCOMPARE(columns.size(), eventFieldCount + 8);
    }

    void reopeningAppliesNothing() {
        const QString path = freshPath();
        {
            Workspace workspace;
            QVERIFY(workspace.open(path));
        }
        Database db = Database::open(path);
        QCOMPARE(MigrationRunner().run(db), 0);
    }

    void refusesOtherFiles_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("sqliteWithTables");
        QTest::addColumn<QString>("expected");
        QTest::newRow("another SQLite database")
            << QByteArray() << true << QStringLiteral("not a Tunebench workspace");
        QTest::newRow("a text file") << QByteArray("time,host\n2025-01-01,a\n") << false
                                     << QStringLiteral("not a Tunebench workspace (not an SQLite database)");
        QTest::newRow("a PNG") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << false
                               << QStringLiteral("not a Tunebench workspace (not an SQLite database)");
    }
    void refusesOtherFiles() {
        QFETCH(QByteArray, content);
        QFETCH(bool, sqliteWithTables);
        QFETCH(QString, expected);
        const QString path = freshPath();
        if (sqliteWithTables) {
            Database other = Database::open(path);
            other.exec(QStringLiteral("CREATE TABLE contacts (name TEXT)"));
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        Workspace workspace;
        QVERIFY(!workspace.open(path));
        QVERIFY2(workspace.errorString().contains(expected), qPrintable(workspace.errorString()));
        QVERIFY(workspace.errorString().contains(path));
    }

    void refusesNewerWorkspace() {
        const QString path = freshPath();
        {
            Workspace workspace;
            QVERIFY(workspace.open(path));
            workspace.database().exec(QStringLiteral("PRAGMA user_version = 99"));
        }
        Workspace workspace;
        QVERIFY(!workspace.open(path));
        QVERIFY2(workspace.errorString().contains(QLatin1String("newer Tunebench")),
                 qPrintable(workspace.errorString()));
        QVERIFY(workspace.errorString().contains(QLatin1String("version 99")));
        Database db = Database::open(path);
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA user_version")), 99); // untouched
    }

    void upgradesOlderWorkspaceInPlace() {
        const QString path = freshPath();
        {
            Workspace workspace;
            QVERIFY(workspace.open(path));
            workspace.database().exec(QStringLiteral("INSERT INTO workspace_settings VALUES ('k', 'kept')"));
        }
        std::vector<Migration> steps = workspaceMigrations();
        const int next = steps.back().version + 1;
        steps.push_back({next, QStringLiteral("test: add a column"), [](Database &db) {
                             db.exec(QStringLiteral("ALTER TABLE workspace_settings ADD COLUMN note TEXT"));
                         }});
        Database db = Database::open(path);
        QCOMPARE(MigrationRunner(steps).run(db), 1);
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA user_version")), next);
        QCOMPARE(db.queryText(QStringLiteral("SELECT value FROM workspace_settings WHERE key = 'k'")),
                 QStringLiteral("kept"));
    }

    void tellsWhatNeedsAnUpgrade_data() {
        QTest::addColumn<int>("version"); // -1: no file; 0: not SQLite
        QTest::addColumn<bool>("needs");
        QTest::newRow("no file") << -1 << false;
        QTest::newRow("not SQLite") << 0 << false;
        QTest::newRow("version 3") << 3 << true;
        QTest::newRow("one step behind") << MigrationRunner().latestVersion() - 1 << true;
        QTest::newRow("current") << MigrationRunner().latestVersion() << false;
    }
    void tellsWhatNeedsAnUpgrade() {
        QFETCH(int, version);
        QFETCH(bool, needs);
        const QString path = freshPath();
        if (version == 0) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("plain text, not a workspace\n");
        } else if (version > 0) {
            std::vector<Migration> steps = workspaceMigrations();
            std::erase_if(steps, [version](const Migration &m) { return m.version > version; });
            Database db = Database::open(path);
            MigrationRunner(steps).run(db);
        }
        QCOMPARE(Workspace::needsUpgrade(path), needs);
        if (needs) {
            Workspace workspace;
            QVERIFY2(workspace.open(path), qPrintable(workspace.errorString()));
            QVERIFY(!Workspace::needsUpgrade(path));
        }
    }

    // Version 4 stores each distinct explanation once: a version-3 workspace's rows are converted,
    // events with equal results share a set, every event reads back what it had, verdicts stay.
    void convertsVersion3Explanations() {
        const QString path = freshPath();
        const char *const version3Rows = R"sql(
INSERT INTO themes (id, title) VALUES ('t', 'Theme');
INSERT INTO notes (id, text, theme_id) VALUES ('n1', 'one', 't'), ('n2', 'two', 't');
INSERT INTO imports (id, file_name, file_path, file_size, sha256, format, importer_version, analyst, started_at,
                     status) VALUES (1, 'f', 'f', 1, 'x', 'csv', '1', 'a', '2026-01-01', 'completed');
INSERT INTO events (id, import_id, source_file, record_no, content_hash, format, raw, raw_fields)
    VALUES (1, 1, 'f', 1, 'h1', 'csv', '', '{}'), (2, 1, 'f', 2, 'h2', 'csv', '', '{}'),
           (3, 1, 'f', 3, 'h3', 'csv', '', '{}'), (4, 1, 'f', 4, 'h4', 'csv', '', '{}'),
           (5, 1, 'f', 5, 'h5', 'csv', '', '{}');
INSERT INTO event_assessments (event_id, fp_likelihood, counter_evidence, computed_at) VALUES
    (1, 70, '[]', '2026-01-01'), (2, 70, '[]', '2026-01-01'),
    (3, 20, '[{"id":"a","points":12},{"id":"b","points":10}]', '2026-01-01'), (4, 45, '[]', '2026-01-01');
INSERT INTO event_explanations (event_id, note_id, rank, score, evidence) VALUES
    (1, 'n2', 1, 40, '[{"id":"x","points":10}]'), (1, 'n1', 2, 30, '[]'),
    (2, 'n2', 1, 40, '[{"id":"x","points":10}]'), (2, 'n1', 2, 30, '[]'),
    (3, 'n1', 1, 30, '[{"id":"x","sentence":"kept as it was","points":3}]');
INSERT INTO verdicts (event_id, verdict, note_id, analyst, decided_at)
    VALUES (1, 'false_positive', 'n2', 'a', '2026-01-02');
)sql";
        const QString everyNote =
            QStringLiteral("SELECT group_concat(event_id || ' ' || note_id || ' ' || rank || ' ' || score || "
                           "' ' || evidence, "
                           "'|') FROM (SELECT * FROM event_explanations ORDER BY event_id, rank)");
        QString before;
        {
            std::vector<Migration> steps = workspaceMigrations();
            std::erase_if(steps, [](const Migration &m) { return m.version > 3; });
            Database db = Database::open(path);
            MigrationRunner(steps).run(db);
            db.exec(QString::fromUtf8(version3Rows));
            before = db.queryText(everyNote);
        }
        Workspace workspace;
        QVERIFY2(workspace.open(path), qPrintable(workspace.errorString()));
        Database &db = workspace.database();
        QVERIFY(db.queryInt(QStringLiteral("PRAGMA user_version")) >= 4);
        QCOMPARE(db.queryText(everyNote), before);
        QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM explanation_sets")), 3);
        QCOMPARE(db.queryInt(QStringLiteral("SELECT count(DISTINCT set_id) FROM event_assessments "
                                            "WHERE event_id IN (1, 2)")),
                 1);
        QCOMPARE(
            db.queryText(QStringLiteral(
                "SELECT group_concat(a.event_id || ' ' || a.fp_likelihood || ' ' || "
                "coalesce(a.top_note_id, '-') || ' ' || x.fp_likelihood || ' ' || x.counter_points || ' ' || "
                "x.counter_evidence, '|') FROM (SELECT * FROM event_assessments ORDER BY event_id) a "
                "JOIN explanation_sets x ON x.id = a.set_id")),
            QStringLiteral("1 70 n2 70 0 []|2 70 n2 70 0 []|3 20 n1 20 22 "
                           "[{\"id\":\"a\",\"points\":12},{\"id\":\"b\",\"points\":10}]|4 45 - 45 0 []"));
        QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM event_assessments WHERE event_id = 5")), 0);
        QCOMPARE(
            db.queryText(QStringLiteral("SELECT verdict || ' ' || note_id FROM verdicts WHERE event_id = 1")),
            QStringLiteral("false_positive n2"));
        QCOMPARE(db.queryText(QStringLiteral("PRAGMA foreign_key_check")), QString());
    }

    void failingStepRollsBackEveryPendingStep() {
        const QString path = freshPath();
        {
            Workspace workspace;
            QVERIFY(workspace.open(path));
        }
        std::vector<Migration> steps = workspaceMigrations();
        const int base = steps.back().version;
        steps.push_back({base + 1, QStringLiteral("test: good step"), [](Database &db) {
                             db.exec(QStringLiteral("CREATE TABLE added_by_good_step (x)"));
                         }});
        steps.push_back({base + 2, QStringLiteral("test: broken step"), [](Database &db) {
                             db.exec(QStringLiteral("ALTER TABLE no_such_table ADD COLUMN y"));
                         }});
        Database db = Database::open(path);
        try {
            MigrationRunner(steps).run(db);
            QFAIL("the broken step did not fail");
        } catch (const StoreError &error) {
            QVERIFY2(error.message().contains(QLatin1String("nothing was changed")),
                     qPrintable(error.message()));
            QVERIFY(error.message().contains(QLatin1String("test: broken step")));
        }
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA user_version")), base);
        QVERIFY(!tables(db).contains(QStringLiteral("added_by_good_step")));
    }

    void fromScratchFailureLeavesAnEmptyFile() {
        const QString path = freshPath();
        std::vector<Migration> steps = workspaceMigrations();
        steps.push_back({steps.back().version + 1, QStringLiteral("test: broken"),
                         [](Database &db) { db.exec(QStringLiteral("SELECT * FROM nowhere")); }});
        Database db = Database::open(path);
        QVERIFY_THROWS_EXCEPTION(StoreError, MigrationRunner(steps).run(db));
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA user_version")), 0);
        QVERIFY(tables(db).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMigrationRunner)
#include "tst_migrationrunner.moc"
