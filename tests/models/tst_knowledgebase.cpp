#include "ingest/Importer.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "store/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestKnowledgeBase : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void loadsTheBuiltInCopy() {
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        QCOMPARE(kb.themes().size(), 14);
        QCOMPARE(kb.notes().size(), 44);
        QVERIFY(kb.rules().size() >= 60);
        QVERIFY(kb.software().size() >= 20);
        QVERIFY(kb.evidence().size() >= 40);
        QVERIFY(!kb.version().isEmpty());
    }

    // The notes are the seed corpus, byte for byte, in its order.
    void notesAreTheSeedTexts() {
        QFile seed(QStringLiteral(SHARED_DIR "/seed/lofp-t1053.txt"));
        if (!seed.open(QIODevice::ReadOnly))
            QSKIP("the shared seed corpus is not next to the project");
        const QList<QByteArray> lines = seed.readAll().split('\n');
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        for (int i = 0; i < 44; ++i) {
            const Note &note = kb.notes()[i];
            QCOMPARE(note.id, QStringLiteral("t1053-%1").arg(i + 1, 2, 10, QLatin1Char('0')));
            QCOMPARE(note.text, QString::fromUtf8(lines[5 + i]));
        }
    }

    void everyNoteComesFromARuleThatCarriesIt() {
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        for (const Note &note : kb.notes()) {
            QVERIFY2(!note.rules.isEmpty(), qPrintable(note.id));
            QVERIFY(kb.theme(note.theme));
            for (const QString &ruleId : note.rules) {
                const Rule *rule = kb.rule(ruleId);
                QVERIFY2(rule, qPrintable(note.id + QLatin1Char(' ') + ruleId));
                QVERIFY2(rule->notes.contains(note.id), qPrintable(note.id + QLatin1Char(' ') + ruleId));
            }
        }
    }

    // Kubernetes CI/GitOps entries carry the identities the engine matches them by.
    void ciSoftwareHasIdentities_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("serviceAccount");
        QTest::addColumn<QString>("userAgent");
        QTest::newRow("Argo CD") << "argocd"
                                 << "system:serviceaccount:argocd:argocd-application-controller"
                                 << "argocd-application-controller/*";
        QTest::newRow("Flux") << "flux"
                              << "system:serviceaccount:flux-system:helm-controller"
                              << "helm-controller/*";
        QTest::newRow("kubectl in CI") << "kubectl_ci"
                                       << "system:serviceaccount:gitlab*:*"
                                       << "kubectl/*";
    }
    void ciSoftwareHasIdentities() {
        QFETCH(QString, id);
        QFETCH(QString, serviceAccount);
        QFETCH(QString, userAgent);
        for (const SoftwareEntry &entry : KnowledgeBase::builtIn().software()) {
            if (entry.id != id)
                continue;
            QVERIFY(entry.serviceAccounts.contains(serviceAccount));
            QVERIFY(entry.userAgents.contains(userAgent));
            return;
        }
        QFAIL("no such software entry");
    }

    // Counter-evidence about the task itself is marked so, the actor's is not.
    void counterScope_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("taskScoped");
        QTest::newRow("encoded PowerShell action") << "encoded_powershell_action" << true;
        QTest::newRow("download cradle in the parent") << "download_cradle_parent" << true;
        QTest::newRow("HTTP arguments rule") << "rule_matched_http_arguments" << true;
        QTest::newRow("non-admin remote creation") << "remote_task_by_non_admin" << false;
        QTest::newRow("web-server account") << "web_server_account" << false;
        QTest::newRow("support is never scoped") << "installer_parent" << false;
    }
    void counterScope() {
        QFETCH(QString, id);
        QFETCH(bool, taskScoped);
        for (const EvidencePredicate &p : KnowledgeBase::builtIn().evidence()) {
            if (p.id == id) {
                QCOMPARE(p.taskScoped, taskScoped);
                return;
            }
        }
        QFAIL("no such predicate");
    }

    void resolvesRuleSpellings_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("refId");
        QTest::addColumn<QString>("expectedTitle");
        QTest::newRow("ESCU title") << "Windows Schtasks Create Run As System"
                                    << ""
                                    << "Windows Schtasks Create Run As System";
        QTest::newRow("ES search name, other case") << ""
                                                    << "ESCU - windows schtasks create run as system - Rule"
                                                    << "Windows Schtasks Create Run As System";
        QTest::newRow("Splunk filter macro") << "windows_schtasks_create_run_as_system_filter"
                                             << ""
                                             << "Windows Schtasks Create Run As System";
        QTest::newRow("Elastic prebuilt rule_id") << ""
                                                  << "92a6faf5-78ec-4e25-bea1-73bacc9b59d9"
                                                  << "A scheduled task was created";
        QTest::newRow("Sigma id") << ""
                                  << "92626ddd-662c-49e3-ac59-f6535f12d189"
                                  << "Scheduled Task Creation Via Schtasks.EXE";
    }
    void resolvesRuleSpellings() {
        QFETCH(QString, name);
        QFETCH(QString, refId);
        QFETCH(QString, expectedTitle);
        const Rule *rule = KnowledgeBase::builtIn().resolveRule(name, refId, {});
        QVERIFY(rule);
        QCOMPARE(rule->title, expectedTitle);
    }

    void everyDemoRuleResolves() {
        QTemporaryDir dir;
        Workspace workspace;
        QVERIFY(workspace.open(dir.filePath(QStringLiteral("w.tunebench"))));
        for (const char *file : {"splunk_notables.csv", "elastic_alerts.ndjson"})
            QVERIFY(Importer(workspace.database())
                        .importFile(QStringLiteral(DEMO_DATA_DIR "/") + QLatin1String(file), {})
                        .ok());
        Statement rules = workspace.database().prepare(
            QStringLiteral("SELECT DISTINCT rule_name, rule_ref_id, rule_id FROM events"));
        int count = 0;
        while (rules.step()) {
            ++count;
            QVERIFY2(KnowledgeBase::builtIn().resolveRule(rules.columnText(0), rules.columnText(1),
                                                          rules.columnText(2)),
                     qPrintable(rules.columnText(0)));
        }
        QVERIFY(count > 20);
    }

    void installsIntoAWorkspace() {
        Workspace workspace;
        QVERIFY(workspace.open(m_dir.filePath(QStringLiteral("kb.tunebench"))));
        {
            Transaction transaction(workspace.database());
            KnowledgeBase::builtIn().installInto(workspace.database());
            transaction.commit();
        }
        Database &db = workspace.database();
        QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM notes")), 44);
        QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM themes")), 14);
        QVERIFY(db.queryInt(QStringLiteral("SELECT count(*) FROM note_rules")) >= 60);
        QCOMPARE(db.queryText(QStringLiteral(
                     "SELECT r.filter_macro FROM rules r JOIN rule_aliases a ON a.rule_id = r.id "
                     "WHERE a.alias = 'ESCU - Windows Schtasks Create Run As System - Rule'")),
                 QStringLiteral("windows_schtasks_create_run_as_system_filter"));
    }

    void brokenFilesAreReported_data() {
        QTest::addColumn<QByteArray>("appended");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown field")
            << QByteArray(
                   "  - id: broken\n    kind: support\n    weight: 1\n    condition:\n      hostname: x\n")
            << "evidence.yaml: broken: hostname: \"hostname\" is not an event field";
        QTest::newRow("other actions of support")
            << QByteArray("  - id: broken\n    kind: support\n    weight: 1\n    themes: [generic]\n"
                          "    condition:\n      task_action: x\n    other_actions:\n      id: broken_other\n"
                          "      sentence: 'x'\n")
            << "evidence.yaml: broken: other_actions needs an id and a sentence, on counter-evidence";
        QTest::newRow("other actions of a condition without the action")
            << QByteArray("  - id: broken\n    kind: counter\n    weight: 1\n    condition:\n"
                          "      command_line: x\n    other_actions:\n      id: broken_other\n"
                          "      sentence: 'x'\n")
            << "evidence.yaml: broken: other_actions on a condition without task_action";
    }
    void brokenFilesAreReported() {
        QFETCH(QByteArray, appended);
        QFETCH(QString, error);
        QTemporaryDir dir;
        for (const char *name : {"themes.yaml", "notes.yaml", "rules.yaml", "software.yaml", "evidence.yaml"})
            QFile::copy(QStringLiteral(":/knowledge/") + QLatin1String(name),
                        dir.filePath(QLatin1String(name)));
        QFile evidence(dir.filePath(QStringLiteral("evidence.yaml")));
        QFile::setPermissions(evidence.fileName(), QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(evidence.open(QIODevice::Append));
        evidence.write("\n" + appended);
        evidence.close();
        KnowledgeBase kb;
        QString said;
        QVERIFY(!kb.load(dir.path(), &said));
        QVERIFY2(said.contains(error), qPrintable(said));
    }

    // The loader derives, from each counter predicate with other_actions, its twin on the task's
    // other actions: the same weight, scope and fact, read from task_other_actions.
    void otherActionsTwins_data() {
        QTest::addColumn<QString>("original");
        QTest::addColumn<QString>("twin");
        QTest::newRow("encoded PowerShell") << "encoded_powershell_action"
                                            << "encoded_powershell_other_action";
        QTest::newRow("world-writable path, with its filter") << "action_in_world_writable_path"
                                                              << "other_action_in_world_writable_path";
        QTest::newRow("no fact of its own") << "hidden_window_action"
                                            << "hidden_window_other_action";
        QTest::newRow("with the task name") << "microsoft_named_task_user_path"
                                            << "microsoft_named_task_other_action_user_path";
    }
    void otherActionsTwins() {
        QFETCH(QString, original);
        QFETCH(QString, twin);
        const EvidencePredicate *a = nullptr, *b = nullptr;
        for (const EvidencePredicate &p : KnowledgeBase::builtIn().evidence()) {
            if (p.id == original)
                a = &p;
            if (p.id == twin)
                b = &p;
        }
        QVERIFY(a && b);
        QCOMPARE(b->weight, a->weight);
        QCOMPARE(b->taskScoped, a->taskScoped);
        QVERIFY(!a->fact.isEmpty());
        QCOMPARE(b->fact, a->fact);
        QVERIFY(b->sentence != a->sentence);
        QCOMPARE(b->condition.match.size(), a->condition.match.size());
        QCOMPARE(b->condition.filter.size(), a->condition.filter.size());
        int swapped = 0;
        for (int i = 0; i < a->condition.match.size(); ++i) {
            const FieldPredicate &x = a->condition.match[i], &y = b->condition.match[i];
            QCOMPARE(y.values, x.values);
            if (x.field == EventField::TaskAction) {
                QCOMPARE(y.field, EventField::TaskOtherActions);
                ++swapped;
            } else {
                QCOMPARE(y.field, x.field);
            }
        }
        QCOMPARE(swapped, 1);
    }
};

QTEST_GUILESS_MAIN(TestKnowledgeBase)
#include "tst_knowledgebase.moc"
