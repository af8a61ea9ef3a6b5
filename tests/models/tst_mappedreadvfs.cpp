#include "explain/MappedReadVfs.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// A read-only connection through the mapping VFS reads what a plain connection reads: pages inside
// the map, pages a checkpoint wrote into the mapped range after it was mapped, and pages past its
// end (the file grew after the connection opened).
class TestMappedReadVfs : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static void insertRows(Database &db, int from, int count) {
        Transaction transaction(db);
        Statement insert = db.prepare(QStringLiteral("INSERT INTO t (id, text) VALUES (?1, ?2)"));
        for (int i = from; i < from + count; ++i) {
            insert.bind(1, qint64(i));
            // Rows of a few hundred bytes to a few kilobytes: some span overflow pages.
            insert.bind(2, QString(QChar(char16_t(u'a' + i % 26))).repeated(100 + (i * 37) % 3000));
            insert.step();
            insert.reset();
        }
        transaction.commit();
    }
    static QStringList rows(Database &db) {
        QStringList out;
        Statement all =
            db.prepare(QStringLiteral("SELECT id, length(text), substr(text, 1, 1) FROM t ORDER BY id"));
        while (all.step())
            out << QStringLiteral("%1 %2 %3")
                       .arg(all.columnInt64(0))
                       .arg(all.columnInt64(1))
                       .arg(all.columnText(2));
        return out;
    }

private slots:
    void readsWhatAPlainConnectionReads_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("addedAfterOpen");
        QTest::newRow("empty file grows") << 0 << 500;
        QTest::newRow("as mapped") << 2000 << 0;
        QTest::newRow("grows past the map") << 2000 << 3000;
    }
    void readsWhatAPlainConnectionReads() {
        QFETCH(int, rows);
        QFETCH(int, addedAfterOpen);
        const QString path = m_dir.filePath(QStringLiteral("vfs-%1-%2 #?%.db").arg(rows).arg(addedAfterOpen));
        Database writer = Database::open(path);
        writer.exec(
            QStringLiteral("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)"));
        insertRows(writer, 0, rows);
        writer.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); // the rows in the file itself
        const qint64 sizeAtOpen = QFileInfo(path).size();

        Database mapped = Database::open(mappedReadOnlyUri(path), Database::Mode::ReadOnly);
        mapped.exec(QStringLiteral("PRAGMA mmap_size = 4096"));
        QCOMPARE(TestMappedReadVfs::rows(mapped), TestMappedReadVfs::rows(writer));

        insertRows(writer, rows, addedAfterOpen);
        writer.exec(QStringLiteral("UPDATE t SET text = upper(text) WHERE id % 7 = 0")); // inside the map
        writer.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        if (addedAfterOpen > 1000)
            QVERIFY(QFileInfo(path).size() > sizeAtOpen);
        const QStringList expected = TestMappedReadVfs::rows(writer);
        QCOMPARE(expected.size(), rows + addedAfterOpen);
        QCOMPARE(TestMappedReadVfs::rows(mapped), expected);
        QCOMPARE(mapped.queryText(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    }

    // Read-only: writing through it fails, and the file is unchanged.
    void refusesToWrite() {
        const QString path = m_dir.filePath(QStringLiteral("readonly.db"));
        Database writer = Database::open(path);
        writer.exec(
            QStringLiteral("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)"));
        insertRows(writer, 0, 10);
        Database mapped = Database::open(mappedReadOnlyUri(path), Database::Mode::ReadOnly);
        QVERIFY_THROWS_EXCEPTION(StoreError, mapped.exec(QStringLiteral("DELETE FROM t")));
        QCOMPARE(writer.queryInt(QStringLiteral("SELECT count(*) FROM t")), 10);
    }
};

QTEST_GUILESS_MAIN(TestMappedReadVfs)
#include "tst_mappedreadvfs.moc"
