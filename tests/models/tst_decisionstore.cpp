#include "audit/AuditLog.h"
#include "ConditionTestSupport.h"
#include "DemoWorkspaceCopy.h"
#include "explain/WorkspaceExplainer.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "tuning/DecisionImpact.h"
#include "tuning/DecisionStore.h"
#include "tuning/SuppressionIndex.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// DecisionStore on a real workspace: what it stores comes back, every change is one audited
// transaction, the status rules hold, and approval respects the impact's blocking warnings.
class TestDecisionStore : public QObject {
    Q_OBJECT
    tb::testing::DemoWorkspaceCopy m_demo;
    const KnowledgeBase &m_kb = KnowledgeBase::builtIn();
    // A rule that fires on the demo's \Corp\NightlyBackup, run by adm_backup from the jump host.
    const QString m_rule = m_kb.resolveRule(QStringLiteral("Schtasks Run Task On Demand"), {}, {})->id;

    static Condition parse(const QStringList &expressions) { return parseCondition(expressions); }

    Decision nightlyBackup() const {
        Decision d;
        d.condition = parse({"task_name=\\Corp\\NightlyBackup", "user=adm_backup"});
        d.scope.ruleIds = {m_rule};
        d.noteId = QStringLiteral("t1053-15");
        d.rationale = QStringLiteral("the backup service account runs this nightly");
        return d;
    }

    // A fresh copy of the explained demo workspace per test function.
    QString freshWorkspace(const char *name) { return m_demo.freshCopy(QLatin1String(name)); }

    static qint64 count(Workspace &w, const QString &sql) { return w.database().queryInt(sql); }

private slots:
    void initTestCase() {

        QString error;
        QVERIFY2(m_demo.build(&error), qPrintable(error));
        Workspace w; // one checkpoint so that the copies carry everything (WAL)
        QVERIFY(w.open(m_demo.demoPath()));
        w.database().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }

    void createAndLoadRoundTrip() {
        Workspace w;
        QVERIFY(w.open(freshWorkspace("roundtrip")));
        DecisionStore store(w.database(), m_kb);
        Decision d;
        d.title = QStringLiteral("Nightly backup");
        d.condition = parse({"task_name=\\Corp\\NightlyBackup", "command_line|contains|all=-File",
                             "command_line|contains|all=backup.ps1", "source_ip|cidr=10.0.0.0/8",
                             "parent_image|wildcard=C:\\Windows\\*\\svchost.exe"});
        QString error;
        QVERIFY(ConditionParser::addPredicate(QStringLiteral("user|expand"), {"%admin_accounts%"},
                                              d.condition.filter, &error));
        d.scope = {{m_rule}, {QStringLiteral("wks-001"), QStringLiteral("srv-*")}};
        d.action = DecisionAction::LowerSeverity;
        d.verdict = DecisionVerdict::BenignTruePositive;
        d.noteId = QStringLiteral("t1053-15");
        d.rationale = QStringLiteral("ran by the backup team: ticket CHG-1234 \"nightly\"");
        d.author = QStringLiteral("alice");
        d.expiresAt = QDate::currentDate().addDays(90);
        d.reviewAt = QDate::currentDate().addDays(30);
        const qint64 id = store.create(d, QStringLiteral("alice"));
        QVERIFY2(id > 0, qPrintable(store.errorString()));

        Decision loaded;
        QVERIFY2(store.load(id, loaded), qPrintable(store.errorString()));
        QCOMPARE(loaded.id, id);
        QCOMPARE(loaded.title, d.title);
        QCOMPARE(loaded.condition.toText(), d.condition.toText());
        QCOMPARE(loaded.condition.filter.size(), 1);
        QCOMPARE(loaded.condition.filter.first().settingName, QStringLiteral("admin_accounts"));
        QCOMPARE(loaded.scope.ruleIds, d.scope.ruleIds);
        QCOMPARE(loaded.scope.hosts, d.scope.hosts);
        QCOMPARE(loaded.action, DecisionAction::LowerSeverity);
        QCOMPARE(loaded.verdict, DecisionVerdict::BenignTruePositive);
        QCOMPARE(loaded.noteId, d.noteId);
        QCOMPARE(loaded.rationale, d.rationale);
        QCOMPARE(loaded.author, QStringLiteral("alice"));
        QCOMPARE(loaded.expiresAt, d.expiresAt);
        QCOMPARE(loaded.reviewAt, d.reviewAt);
        QCOMPARE(loaded.status, DecisionStatus::Proposed);
        QVERIFY(loaded.createdAt.isValid() && loaded.createdAt == loaded.updatedAt);

        const auto audit = AuditLog(w.database()).entries(QStringLiteral("decision"));
        QCOMPARE(audit.size(), size_t(1));
        QCOMPARE(audit[0].action, QStringLiteral("decision.create"));
        QCOMPARE(audit[0].objectId, QString::number(id));
        QVERIFY(audit[0].before.isEmpty());
        const QJsonObject after = QJsonDocument::fromJson(audit[0].after.toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("status")).toString(), QStringLiteral("proposed"));
        QCOMPARE(after.value(QStringLiteral("note_id")).toString(), QStringLiteral("t1053-15"));

        QList<Decision> all;
        QVERIFY(store.list(all));
        QCOMPARE(all.size(), 1);
        QList<Decision> approved;
        QVERIFY(store.list(approved, DecisionStatus::Approved));
        QVERIFY(approved.isEmpty());
    }

    void invalidDecisionsAreRefused_data() {
        QTest::addColumn<QStringList>("condition");
        QTest::addColumn<QString>("note");
        QTest::addColumn<QString>("rationale");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("expiresInDays");
        QTest::addColumn<QString>("error");
        const QString rule = QStringLiteral("splunk:41a0e58e-884c-11ec-9976-acde48001122");
        QTest::newRow("empty condition") << QStringList{} << "t1053-15"
                                         << "" << rule << 10 << "the condition is empty";
        QTest::newRow("unknown note")
            << QStringList{"host=a"} << "t1053-99"
            << "" << rule << 10 << "unknown note \"t1053-99\": notes are t1053-01 to t1053-44";
        QTest::newRow("no note, no rationale") << QStringList{"host=a"} << ""
                                               << " " << rule << 10 << "say why the events are benign";
        QTest::newRow("unknown rule") << QStringList{"host=a"} << "t1053-15"
                                      << ""
                                      << "splunk:nope" << 10 << "unknown rule \"splunk:nope\"";
        QTest::newRow("a title is not an id") << QStringList{"host=a"} << "t1053-15"
                                              << ""
                                              << "Windows Schtasks Create Run As System" << 10
                                              << "unknown rule \"Windows Schtasks Create Run As System\"";
        QTest::newRow("expiry in the past") << QStringList{"host=a"} << "t1053-15"
                                            << "" << rule << -1 << "the expiry date";
        QTest::newRow("bad regex") << QStringList{"task_name|re=(unclosed"} << "t1053-15"
                                   << "" << rule << 10
                                   << "task_name|re: \"(unclosed\" is not a valid regular expression";
        QTest::newRow("bad network") << QStringList{"source_ip|cidr=10.0.0.0/40"} << "t1053-15"
                                     << "" << rule << 10
                                     << "source_ip|cidr: \"10.0.0.0/40\" is not an IPv4 or IPv6 network";
        QTest::newRow("unknown setting") << QStringList{"user|expand=%admins%"} << "t1053-15"
                                         << "" << rule << 10 << "user|expand: unknown setting \"admins\"";
    }
    void invalidDecisionsAreRefused() {
        QFETCH(QStringList, condition);
        QFETCH(QString, note);
        QFETCH(QString, rationale);
        QFETCH(QString, rule);
        QFETCH(int, expiresInDays);
        QFETCH(QString, error);
        Workspace w;
        QVERIFY(w.open(freshWorkspace(QTest::currentDataTag())));
        Decision d;
        d.condition = parse(condition);
        d.noteId = note;
        d.rationale = rationale;
        d.scope.ruleIds = {rule};
        d.expiresAt = QDate::currentDate().addDays(expiresInDays);
        DecisionStore store(w.database(), m_kb);
        QCOMPARE(store.create(d), qint64(0));
        QVERIFY2(store.errorString().startsWith(error), qPrintable(store.errorString()));
        QCOMPARE(count(w, QStringLiteral("SELECT count(*) FROM decisions")), 0);
        QCOMPARE(count(w, QStringLiteral("SELECT count(*) FROM audit_log WHERE object_type = 'decision'")),
                 0);
    }

    void transitions_data() {
        QTest::addColumn<QStringList>("steps"); // statuses in order; "!x" must be refused
        QTest::newRow("approve, retire") << QStringList{"approved", "retired"};
        QTest::newRow("reject") << QStringList{"rejected", "!approved", "!proposed"};
        QTest::newRow("retired is final") << QStringList{"approved", "retired", "!approved", "!proposed"};
        QTest::newRow("no retiring a proposal") << QStringList{"!retired", "approved"};
        QTest::newRow("twice") << QStringList{"approved", "!approved"};
        QTest::newRow("expire by hand") << QStringList{"expired", "!approved"};
    }
    void transitions() {
        QFETCH(QStringList, steps);
        Workspace w;
        QVERIFY(w.open(freshWorkspace(QTest::currentDataTag())));
        DecisionStore store(w.database(), m_kb);
        const qint64 id = store.create(nightlyBackup());
        QVERIFY2(id > 0, qPrintable(store.errorString()));
        int audited = 1;
        for (QString step : steps) {
            const bool refused = step.startsWith(QLatin1Char('!'));
            step.remove(QLatin1Char('!'));
            const DecisionStatus status = *decisionStatusFromName(step);
            const bool ok = store.setStatus(id, status, QStringLiteral("bob"), QStringLiteral("reviewed"));
            QVERIFY2(ok != refused, qPrintable(step + QStringLiteral(": ") + store.errorString()));
            if (refused)
                QVERIFY2(store.errorString().contains(QLatin1String("cannot become")) ||
                             store.errorString().contains(QLatin1String("already")),
                         qPrintable(store.errorString()));
            audited += ok ? 1 : 0;
            QCOMPARE(
                count(w, QStringLiteral("SELECT count(*) FROM audit_log WHERE object_type = 'decision'")),
                audited);
        }
        const auto last = AuditLog(w.database()).entries(QStringLiteral("decision"), 1);
        QCOMPARE(last[0].actor, audited > 1 ? QStringLiteral("bob") : last[0].actor);
    }

    // Approval marks the suppressed events; a true positive among them blocks approval until the
    // decision is narrowed; retiring removes the marks. Each step is in the audit log.
    void approvalAndSuppression() {
        Workspace w;
        QVERIFY(w.open(freshWorkspace("approval")));
        Database &db = w.database();
        DecisionStore store(db, m_kb);
        Decision broad;
        broad.condition = parse({"task_name=\\Corp\\NightlyBackup"});
        broad.noteId = QStringLiteral("t1053-01");
        const qint64 id = store.create(broad);
        QVERIFY2(id > 0, qPrintable(store.errorString()));
        // One of its events is a true positive.
        const qint64 victim = db.queryInt(QStringLiteral(
            "SELECT max(id) FROM events WHERE task_name = '\\Corp\\NightlyBackup' AND user <> 'adm_backup'"));
        QVERIFY(victim > 0);
        db.exec(QStringLiteral("INSERT INTO verdicts (event_id, verdict, analyst, decided_at) VALUES (%1, "
                               "'true_positive', 'carol', '2026-11-29T00:00:00.000Z')")
                    .arg(victim));
        QVERIFY(!store.setStatus(id, DecisionStatus::Approved, QStringLiteral("bob")));
        QVERIFY2(store.errorString().contains(QLatin1String("marked true positive")) &&
                     store.errorString().contains(QString::number(victim)),
                 qPrintable(store.errorString()));
        QCOMPARE(count(w, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'decision.approve'")),
                 0);

        Decision narrow;
        QVERIFY(store.load(id, narrow));
        narrow.condition = parse({"task_name=\\Corp\\NightlyBackup", "user=adm_backup"});
        QVERIFY2(
            store.update(narrow, QStringLiteral("alice"), QStringLiteral("narrowed to the service account")),
            qPrintable(store.errorString()));
        QVERIFY2(store.setStatus(id, DecisionStatus::Approved, QStringLiteral("bob")),
                 qPrintable(store.errorString()));

        const DecisionImpactReport impact = DecisionImpact(db, m_kb).compute(narrow);
        QVERIFY(impact.matched > 0);
        SuppressionIndex suppression(db, m_kb);
        QCOMPARE(suppression.suppressedEventCount(), impact.matched);
        const qint64 suppressed = db.queryInt(QStringLiteral("SELECT min(event_id) FROM event_suppressions"));
        QCOMPARE(suppression.decisionsSuppressing(suppressed), QList<qint64>{id});
        QCOMPARE(suppression.decisionsSuppressing(victim), QList<qint64>{});
        QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM events WHERE ") +
                             SuppressionIndex::notSuppressedSql()),
                 db.queryInt(QStringLiteral("SELECT count(*) FROM events")) - impact.matched);

        // Editing an approved decision sends it back for review and lifts its marks.
        Decision edited;
        QVERIFY(store.load(id, edited));
        edited.rationale = QStringLiteral("svc_backup only");
        QVERIFY(store.update(edited));
        QVERIFY(store.load(id, edited));
        QCOMPARE(edited.status, DecisionStatus::Proposed);
        QCOMPARE(suppression.suppressedEventCount(), 0);
        QVERIFY(store.setStatus(id, DecisionStatus::Approved));
        QCOMPARE(suppression.suppressedEventCount(), impact.matched);
        QVERIFY(store.setStatus(id, DecisionStatus::Retired, QStringLiteral("bob"),
                                QStringLiteral("backup moved")));
        QCOMPARE(suppression.suppressedEventCount(), 0);

        QStringList actions;
        for (const AuditEntry &e : AuditLog(db).entries(QStringLiteral("decision")))
            actions.prepend(e.action);
        QCOMPARE(actions, (QStringList{"decision.create", "decision.update", "decision.approve",
                                       "decision.update", "decision.approve", "decision.retire"}));
        const AuditEntry retire = AuditLog(db).entries(QStringLiteral("decision"), 1).front();
        QCOMPARE(QJsonDocument::fromJson(retire.before.toUtf8())
                     .object()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("approved"));
        QCOMPARE(QJsonDocument::fromJson(retire.after.toUtf8())
                     .object()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("retired"));
        QCOMPARE(retire.why, QStringLiteral("backup moved"));
    }

    // Strong counter-evidence blocks approval just as a true positive does.
    void strongCounterEvidenceBlocksApproval() {
        Workspace w;
        QVERIFY(w.open(freshWorkspace("counter")));
        Database &db = w.database();
        Statement strong = db.prepare(
            QStringLiteral("SELECT e.id, e.host, e.task_name FROM events e JOIN event_assessments "
                           "a ON a.event_id = e.id JOIN explanation_sets x ON x.id = a.set_id WHERE "
                           "e.task_name IS NOT NULL AND (SELECT sum(json_extract(value, "
                           "'$.points')) FROM json_each(x.counter_evidence)) "
                           ">= 20 ORDER BY e.id LIMIT 1"));
        QVERIFY(strong.step());
        const qint64 strongId = strong.columnInt64(0);
        Decision d;
        d.condition =
            parse({QStringLiteral("host=") + strong.columnText(1),
                   QStringLiteral("task_name=") +
                       QString(strong.columnText(2)).replace(QLatin1Char('*'), QLatin1String("\\*"))});
        d.rationale = QStringLiteral("looks routine");
        DecisionStore store(db, m_kb);
        const qint64 id = store.create(d);
        QVERIFY2(id > 0, qPrintable(store.errorString()));
        QVERIFY(!store.setStatus(id, DecisionStatus::Approved));
        QVERIFY2(store.errorString().contains(QLatin1String("strong counter-evidence")),
                 qPrintable(store.errorString()));
        QVERIFY2(store.errorString().contains(QString::number(strongId)), qPrintable(store.errorString()));
    }

    void expireDue() {
        Workspace w;
        QVERIFY(w.open(freshWorkspace("expiry")));
        DecisionStore store(w.database(), m_kb);
        Decision d = nightlyBackup();
        d.expiresAt = QDate::currentDate().addDays(3);
        const qint64 approved = store.create(d);
        QVERIFY2(store.setStatus(approved, DecisionStatus::Approved), qPrintable(store.errorString()));
        const qint64 proposed = store.create(d);
        d.expiresAt = QDate::currentDate().addDays(30);
        const qint64 later = store.create(d);
        SuppressionIndex suppression(w.database(), m_kb);
        QVERIFY(suppression.suppressedEventCount() > 0);

        QCOMPARE(store.expireDue(QDate::currentDate()), 0);
        QCOMPARE(store.expireDue(QDate::currentDate().addDays(4), QStringLiteral("tunebench")), 2);
        for (const qint64 id : {approved, proposed}) {
            Decision loaded;
            QVERIFY(store.load(id, loaded));
            QCOMPARE(loaded.status, DecisionStatus::Expired);
        }
        Decision stillProposed;
        QVERIFY(store.load(later, stillProposed));
        QCOMPARE(stillProposed.status, DecisionStatus::Proposed);
        QCOMPARE(suppression.suppressedEventCount(), 0);
        const AuditEntry last = AuditLog(w.database()).entries(QStringLiteral("decision"), 1).front();
        QCOMPARE(last.action, QStringLiteral("decision.expire"));
        QVERIFY(last.why.startsWith(QLatin1String("the expiry date")));
    }

    // New events are marked once the suppression index sees it is stale; the explainer still
    // rewrites the knowledge base while decisions point at its notes.
    void suppressionFollowsImportsAndExplainerStillRuns() {
        Workspace w;
        QVERIFY(w.open(freshWorkspace("stale")));
        Database &db = w.database();
        DecisionStore store(db, m_kb);
        const qint64 id = store.create(nightlyBackup());
        QVERIFY(store.setStatus(id, DecisionStatus::Approved));
        SuppressionIndex suppression(db, m_kb);
        const qint64 before = suppression.suppressedEventCount();
        QVERIFY(!suppression.isStale());
        db.exec(QStringLiteral(
            "INSERT INTO events (import_id, source_file, record_no, content_hash, format, rule_name, "
            "task_name, user, "
            "raw, raw_fields) SELECT import_id, 'copy', record_no, content_hash || '-copy', format, "
            "rule_name, "
            "task_name, user, raw, raw_fields FROM events WHERE task_name = '\\Corp\\NightlyBackup'"));
        QVERIFY(suppression.isStale());
        QString error;
        QVERIFY2(suppression.updateIfStale(&error), qPrintable(error));
        QVERIFY(suppression.suppressedEventCount() > before);
        QVERIFY(!suppression.isStale());

        const auto explained = WorkspaceExplainer(db, m_kb).run();
        QVERIFY2(explained.ok, qPrintable(explained.error));
    }
};

QTEST_GUILESS_MAIN(TestDecisionStore)
#include "tst_decisionstore.moc"
