#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestDatabase : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Database m_db;

private slots:
    void init() {
        m_db = Database::open(m_dir.filePath(QStringLiteral("t.sqlite")));
        m_db.exec(QStringLiteral("DROP TABLE IF EXISTS t; CREATE TABLE t (a INTEGER, b TEXT, c REAL)"));
    }

    void bindAndReadBack_data() {
        QTest::addColumn<QVariant>("value");
        QTest::newRow("integer") << QVariant(qint64(-42));
        QTest::newRow("large integer") << QVariant(qint64(1) << 53);
        QTest::newRow("text") << QVariant(QStringLiteral("C:\\Users\\jdoe\\AppData"));
        QTest::newRow("unicode") << QVariant(QStringLiteral("täsk ✓ 名前"));
        QTest::newRow("embedded newline") << QVariant(QStringLiteral("line1\nline2"));
        QTest::newRow("double") << QVariant(3.25);
        QTest::newRow("null") << QVariant();
    }
    void bindAndReadBack() {
        QFETCH(QVariant, value);
        Statement insert = m_db.prepare(QStringLiteral("INSERT INTO t (b) VALUES (?1)"));
        insert.bind(1, value);
        QVERIFY(!insert.step());
        Statement select = m_db.prepare(QStringLiteral("SELECT b FROM t"));
        QVERIFY(select.step());
        QCOMPARE(select.columnValue(0), value);
        QVERIFY(!select.step());
    }

    void badSqlThrowsWithPath() {
        try {
            m_db.prepare(QStringLiteral("SELEC nonsense"));
            QFAIL("no StoreError");
        } catch (const StoreError &error) {
            QVERIFY(error.message().contains(QLatin1String("t.sqlite")));
            QVERIFY(error.message().contains(QLatin1String("syntax error")));
        }
    }

    void transactionRollsBackUnlessCommitted() {
        {
            Transaction transaction(m_db);
            m_db.exec(QStringLiteral("INSERT INTO t (a) VALUES (1)"));
        }
        QCOMPARE(m_db.queryInt(QStringLiteral("SELECT count(*) FROM t")), 0);
        {
            Transaction transaction(m_db);
            m_db.exec(QStringLiteral("INSERT INTO t (a) VALUES (1)"));
            transaction.commit();
        }
        QCOMPARE(m_db.queryInt(QStringLiteral("SELECT count(*) FROM t")), 1);
        QVERIFY(!m_db.inTransaction());
    }

    void transactionRollsBackWhenAnExceptionLeaves() {
        try {
            Transaction transaction(m_db);
            m_db.exec(QStringLiteral("INSERT INTO t (a) VALUES (7)"));
            m_db.exec(QStringLiteral("INSERT INTO missing_table VALUES (1)"));
            transaction.commit();
        } catch (const StoreError &) {
        }
        QCOMPARE(m_db.queryInt(QStringLiteral("SELECT count(*) FROM t")), 0);
    }

    void statementReuseAfterReset() {
        Statement insert = m_db.prepare(QStringLiteral("INSERT INTO t (a) VALUES (?1)"));
        for (int i = 0; i < 5; ++i) {
            insert.bind(1, i);
            insert.step();
            insert.reset();
        }
        QCOMPARE(m_db.queryInt(QStringLiteral("SELECT sum(a) FROM t")), 10);
    }

    void openMissingDirectoryFails() {
        QVERIFY_THROWS_EXCEPTION(StoreError, Database::open(QStringLiteral("/nonexistent/dir/x.sqlite")));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
