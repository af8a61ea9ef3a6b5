#include "DemoWorkspaceCopy.h"
#include "store/Database.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "triage/DeferredVerdictWriter.h"
#include "triage/VerdictJournal.h"
#include "triage/VerdictService.h"
#include "workspace/WorkspaceSession.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace tb;

// Verdict edits made while an import holds the workspace's write lock: shown and journaled at once,
// saved in order once the lock is free, and not lost when the program stops before that.
class TestDeferredVerdictWriter : public QObject {
    Q_OBJECT
    tb::testing::DemoWorkspaceCopy m_demo;
    QString m_path;

    // What a running import does to everybody else: it holds the write lock.
    struct ImportHoldingTheLock {
        Database db;
        std::optional<Transaction> transaction;
        explicit ImportHoldingTheLock(const QString &path)
            : db(Database::open(path)) {
            transaction.emplace(db);
        }
        void finish() { transaction->commit(); }
    };

    static qint64 count(const QString &path, const QString &sql) {
        return Database::open(path).queryInt(sql);
    }
    static QString verdictOf(const QString &path, qint64 eventId) {
        return Database::open(path).queryText(
            QStringLiteral("SELECT coalesce((SELECT verdict FROM verdicts WHERE event_id = %1), '')")
                .arg(eventId));
    }

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_demo.build(&error), qPrintable(error));
    }
    void init() {
        m_path = m_demo.freshCopy(QStringLiteral("copy")); // with no journal left by the last test
        QVERIFY(!m_path.isEmpty());
    }

    // A sequence of edits of events 1 and 2 made while the lock is held: each later edit starts from
    // the earlier ones (so undo restores them), and the database ends as the last edit left it.
    void savesEditsInOrderOnceTheLockIsFree_data() {
        QTest::addColumn<QStringList>("edits"); // "<event>=<verdict or empty>", or "undo"
        QTest::addColumn<QString>("final1");
        QTest::addColumn<QString>("final2");
        QTest::newRow("one mark") << QStringList{"1=false_positive"} << "false_positive"
                                  << "";
        QTest::newRow("mark, change, clear")
            << QStringList{"1=false_positive", "1=true_positive", "2=needs_escalation", "1="} << ""
            << "needs_escalation";
        QTest::newRow("mark then undo")
            << QStringList{"1=false_positive", "2=true_positive", "undo"} << "false_positive"
            << "";
    }
    void savesEditsInOrderOnceTheLockIsFree() {
        QFETCH(QStringList, edits);
        QFETCH(QString, final1);
        QFETCH(QString, final2);
        Workspace workspace;
        QVERIFY(workspace.open(m_path));
        const qint64 auditBefore = count(m_path, QStringLiteral("SELECT count(*) FROM audit_log"));
        DeferredVerdictWriter writer(m_path, QStringLiteral("alice"));
        VerdictService service(workspace.database(), QStringLiteral("alice"));
        service.setDeferredWriter(&writer);
        service.setDeferWrites(true);
        QSignalSpy written(&writer, &DeferredVerdictWriter::written);

        ImportHoldingTheLock import(m_path);
        std::vector<VerdictChange> last;
        for (const QString &edit : edits) {
            VerdictService::Result result;
            if (edit == QLatin1String("undo")) {
                result = service.revert(last);
            } else {
                const qint64 id = edit.section(QLatin1Char('='), 0, 0).toLongLong();
                const QString name = edit.section(QLatin1Char('='), 1);
                VerdictState state;
                if (!name.isEmpty())
                    state.verdict = verdictFromName(name);
                result = service.apply({id}, state);
            }
            QVERIFY2(result.ok, qPrintable(result.error));
            QVERIFY(result.deferred);
            last = result.changes;
        }
        // Nothing is in the database yet; the service and the journal have every edit.
        QCOMPARE(count(m_path, QStringLiteral("SELECT count(*) FROM verdicts")), 0);
        QCOMPARE(service.stateOf(1).verdict ? verdictName(*service.stateOf(1).verdict) : QString(), final1);
        QCOMPARE(writer.pendingEdits(), int(edits.size()));
        QString error;
        QCOMPARE(VerdictJournal(VerdictJournal::pathFor(m_path)).read(&error).size(), size_t(edits.size()));
        QVERIFY(written.isEmpty());

        import.finish();
        QTRY_VERIFY_WITH_TIMEOUT(!written.isEmpty() && written.last().at(0).toInt() == 0, 10000);
        QCOMPARE(verdictOf(m_path, 1), final1);
        QCOMPARE(verdictOf(m_path, 2), final2);
        QVERIFY(count(m_path, QStringLiteral("SELECT count(*) FROM audit_log")) > auditBefore);
        QVERIFY(!QFile::exists(VerdictJournal::pathFor(m_path)));
        QVERIFY(writer.isIdle());
        // With the queue empty and no import, edits are written at once again.
        service.setDeferWrites(false);
        const VerdictService::Result direct = service.apply({3}, {Verdict::FalsePositive, {}, {}});
        QVERIFY(direct.ok && !direct.deferred);
        QCOMPARE(verdictOf(m_path, 3), QStringLiteral("false_positive"));
    }

    // The window closes (or the program dies) while the import still holds the lock: the journal keeps
    // the edits, and the next session of the workspace saves them.
    void nextSessionSavesWhatAJournalKept() {
        {
            Workspace workspace;
            QVERIFY(workspace.open(m_path));
            ImportHoldingTheLock import(m_path); // released last, after the writer has stopped
            DeferredVerdictWriter writer(m_path, QStringLiteral("alice"));
            VerdictService service(workspace.database(), QStringLiteral("alice"));
            service.setDeferredWriter(&writer);
            service.setDeferWrites(true);
            QVERIFY(service.apply({4, 5}, {Verdict::BenignTruePositive, QStringLiteral("t1053-01"), {}}).ok);
            QVERIFY(service.apply({5}, {Verdict::TruePositive, {}, QStringLiteral("escalated")}).ok);
        } // the import rolls back and the writer stops with both edits unsaved
        QCOMPARE(count(m_path, QStringLiteral("SELECT count(*) FROM verdicts")), 0);
        QVERIFY(QFile::exists(VerdictJournal::pathFor(m_path)));

        QString error;
        std::unique_ptr<WorkspaceSession> session = WorkspaceSession::open(m_path, &error);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(session->verdicts().stateOf(5).comment, QStringLiteral("escalated")); // shown at once
        QTRY_VERIFY_WITH_TIMEOUT(session->deferredVerdicts().isIdle(), 10000);
        QCOMPARE(verdictOf(m_path, 4), QStringLiteral("benign_true_positive"));
        QCOMPARE(verdictOf(m_path, 5), QStringLiteral("true_positive"));
        QCOMPARE(count(m_path,
                       QStringLiteral("SELECT count(*) FROM audit_log WHERE why LIKE '%verdict journal%'")),
                 3);
        QVERIFY(!QFile::exists(VerdictJournal::pathFor(m_path)));
    }

    // A line torn by a crash was never acknowledged and is left out; anything else unreadable stops the
    // open, rather than losing or overwriting verdicts.
    void readsOnlyWholeJournalLines_data() {
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<bool>("opens");
        QTest::newRow("torn last line") << QByteArray("{\"why\":\"triage\",\"targets\":[{\"ev") << true;
        QTest::newRow("a damaged whole line") << QByteArray("not json\n") << false;
    }
    void readsOnlyWholeJournalLines() {
        QFETCH(QByteArray, tail);
        QFETCH(bool, opens);
        QFile journal(VerdictJournal::pathFor(m_path));
        QVERIFY(journal.open(QIODevice::WriteOnly));
        journal.write("{\"why\":\"triage\",\"targets\":[{\"event\":6,\"verdict\":\"false_positive\"}]}\n" +
                      tail);
        journal.close();
        QString error;
        std::unique_ptr<WorkspaceSession> session = WorkspaceSession::open(m_path, &error);
        QCOMPARE(bool(session), opens);
        if (!opens) {
            QVERIFY2(error.contains(QLatin1String("line 2")), qPrintable(error));
            QVERIFY(QFile::exists(journal.fileName())); // kept for the analyst to look at
            return;
        }
        QTRY_VERIFY_WITH_TIMEOUT(session->deferredVerdicts().isIdle(), 10000);
        QCOMPARE(verdictOf(m_path, 6), QStringLiteral("false_positive"));
    }
};

QTEST_GUILESS_MAIN(TestDeferredVerdictWriter)
#include "tst_deferredverdictwriter.moc"
