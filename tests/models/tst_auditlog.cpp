#include "audit/AuditLog.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestAuditLog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;

private slots:
    void initTestCase() { QVERIFY(m_workspace.open(m_dir.filePath(QStringLiteral("a.tunebench")))); }

    void appendsAndReadsBack() {
        AuditLog log(m_workspace.database());
        const qint64 id = log.append({0,
                                      {},
                                      QStringLiteral("alice"),
                                      QStringLiteral("verdict.set"),
                                      QStringLiteral("event"),
                                      QStringLiteral("17"),
                                      QStringLiteral("null"),
                                      QStringLiteral("{\"verdict\":\"false_positive\"}"),
                                      QStringLiteral("vendor updater")});
        QVERIFY(id > 0);
        const auto entries = log.entries(QStringLiteral("event"));
        QCOMPARE(entries.size(), size_t(1));
        QCOMPARE(entries[0].actor, QStringLiteral("alice"));
        QCOMPARE(entries[0].action, QStringLiteral("verdict.set"));
        QCOMPARE(entries[0].objectId, QStringLiteral("17"));
        QCOMPARE(entries[0].why, QStringLiteral("vendor updater"));
        QVERIFY(entries[0].at.isValid());
    }

    // One object's history, as the decisions dialog reads it: only that object's entries.
    void readsOneObjectsHistory() {
        AuditLog log(m_workspace.database());
        for (const char *id : {"1", "2", "1"})
            log.append({0,
                        {},
                        QStringLiteral("bob"),
                        QStringLiteral("decision.update"),
                        QStringLiteral("decision"),
                        QString::fromLatin1(id),
                        {},
                        {},
                        {}});
        const auto entries = log.entries(QStringLiteral("decision"), 100, QStringLiteral("1"));
        QCOMPARE(entries.size(), size_t(2));
        for (const AuditEntry &e : entries)
            QCOMPARE(e.objectId, QStringLiteral("1"));
        QVERIFY(entries[0].id > entries[1].id); // newest first
        QCOMPARE(log.entries(QStringLiteral("decision"), 100).size(), size_t(3));
    }

    void refusesChanges_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("update") << QStringLiteral("UPDATE audit_log SET actor = 'mallory'")
                                << QStringLiteral("rows cannot be changed");
        QTest::newRow("delete") << QStringLiteral("DELETE FROM audit_log")
                                << QStringLiteral("rows cannot be deleted");
    }
    void refusesChanges() {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        AuditLog(m_workspace.database())
            .append({0, {}, {}, QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("1"), {}, {}, {}});
        const qint64 before =
            m_workspace.database().queryInt(QStringLiteral("SELECT count(*) FROM audit_log"));
        try {
            m_workspace.database().exec(sql);
            QFAIL("the audit log accepted a change");
        } catch (const StoreError &error) {
            QVERIFY2(error.message().contains(expected), qPrintable(error.message()));
        }
        QCOMPARE(m_workspace.database().queryInt(QStringLiteral("SELECT count(*) FROM audit_log")), before);
        QCOMPARE(m_workspace.database().queryInt(
                     QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'mallory'")),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
