#include "DecisionTestSupport.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "tuning/BackgroundDecisionChange.h"
#include "workspace/DemoWorkspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace tb;

// Decisions saved and approved off the UI thread: what lands, and waiting for an import's write lock
// (held for a whole file) rather than failing after SQLite's busy timeout.
class TestBackgroundDecisionChange : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;

    qint64 count(const QString &sql) { return Database::open(m_path).queryInt(sql); }

private slots:
    void init() {
        m_path = m_dir.filePath(QStringLiteral("demo.tunebench"));
        QFile::remove(m_path);
        QString error;
        QVERIFY2(DemoWorkspace::ensure(m_path, &error), qPrintable(error));
    }

    void savesAndApproves_data() {
        QTest::addColumn<bool>("approve");
        QTest::newRow("proposed") << false;
        QTest::newRow("approved") << true;
    }
    void savesAndApproves() {
        QFETCH(bool, approve);
        BackgroundDecisionChange change(m_path, KnowledgeBase::builtIn());
        QSignalSpy finished(&change, &BackgroundDecisionChange::finished);
        QVERIFY(change.create(
            testDecision(QStringLiteral("zoom"), {QStringLiteral("task_name|contains=Zoom")}), approve));
        QVERIFY(change.isRunning());
        QVERIFY(!change.create(testDecision(QStringLiteral("two"), {QStringLiteral("host=x")}), false));
        QVERIFY(finished.wait(20000));
        const qint64 id = finished.first().at(0).toLongLong();
        QVERIFY2(id > 0 && finished.first().at(1).toString().isEmpty(),
                 qPrintable(finished.first().at(1).toString()));
        QCOMPARE(Database::open(m_path).queryText(
                     QStringLiteral("SELECT status FROM decisions WHERE id = %1").arg(id)),
                 approve ? QStringLiteral("approved") : QStringLiteral("proposed"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM decisions")), 1);
    }

    // Held past SQLite's 5 s busy timeout, which the change used to fail on.
    void waitsForAnImportsLock() {
        Database import = Database::open(m_path);
        std::optional<Transaction> importing(std::in_place, import);
        BackgroundDecisionChange change(m_path, KnowledgeBase::builtIn());
        QSignalSpy finished(&change, &BackgroundDecisionChange::finished);
        QVERIFY(change.create(
            testDecision(QStringLiteral("zoom"), {QStringLiteral("task_name|contains=Zoom")}), true));
        QVERIFY(!finished.wait(6000));
        importing->commit();
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.first().at(1).toString().isEmpty(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM decisions WHERE status = 'approved'")), 1);
    }

    // The window closes while the change waits: it gives up, writes nothing, and does not hang.
    void givesUpWhenDropped() {
        Database import = Database::open(m_path);
        std::optional<Transaction> importing(std::in_place, import);
        {
            BackgroundDecisionChange change(m_path, KnowledgeBase::builtIn());
            QVERIFY(change.create(
                testDecision(QStringLiteral("zoom"), {QStringLiteral("task_name|contains=Zoom")}), false));
            QTest::qWait(300);
        } // ctest's timeout catches a hang here
        importing->commit();
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM decisions")), 0);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundDecisionChange)
#include "tst_backgrounddecisionchange.moc"
