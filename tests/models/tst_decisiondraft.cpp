#include "condition/ConditionMatcher.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "tuning/DecisionDraft.h"
#include "tuning/DecisionValidator.h"

#include <QTest>

using namespace tb;

// From an event and the note that explains it, the draft proposes the fields the note's theme
// names, with safe generalizations, scoped to the event's rule; the draft always matches its event.
class TestDecisionDraft : public QObject {
    Q_OBJECT

    static NormalizedEvent eventFrom(const QStringList &assignments) {
        NormalizedEvent event;
        for (const QString &a : assignments)
            event.set(*eventFieldByColumn(a.section(QLatin1Char('='), 0, 0)), a.section(QLatin1Char('='), 1));
        return event;
    }

private slots:
    void draft_data() {
        QTest::addColumn<QString>("note");
        QTest::addColumn<QStringList>("event");
        QTest::addColumn<QStringList>("condition"); // Condition::toText() lines
        QTest::addColumn<QString>("rule");
        const QStringList zoom{"rule_name=Windows Schtasks Create Run As System",
                               "host=wks-014",
                               "user=SYSTEM",
                               "parent_image=C:\\Users\\alice\\Downloads\\ZoomInstaller-5.17.11.exe",
                               "parent_name=ZoomInstaller-5.17.11.exe",
                               "task_name=\\ZoomUpdateTask",
                               "task_action=\"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe\" /silent"};
        QTest::newRow("installer note: the parent image")
            << "t1053-29" << zoom
            << QStringList{"parent_image: C:\\Users*\\Downloads\\ZoomInstaller-*.exe",
                           "task_name: \\ZoomUpdateTask"}
            << "splunk:41a0e58e-884c-11ec-9976-acde48001122";
        const QStringList onedrive{
            "rule_name=Windows Schtasks Create Run As System", "host=wks-022",
            "task_name=\\OneDrive Standalone Update Task-S-1-5-21-1004336348-1177238915-682003330-1107",
            "task_action=C:\\Users\\jdoe\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater."
            "exe"};
        QTest::newRow("vendor updater note: action path and task name")
            << "t1053-35" << onedrive
            << QStringList{"task_action: "
                           "C:\\Users*\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe",
                           "task_name: \\OneDrive Standalone Update Task-S-1-5-21-*"}
            << "splunk:41a0e58e-884c-11ec-9976-acde48001122";
        QTest::newRow("updater without a parsed action: the command line")
            << "t1053-35"
            << QStringList{"rule_name=Scheduled Task Creation", "task_name=\\GoogleUpdateTaskMachineUA",
                           "command_line=\"C:\\Program Files "
                           "(x86)\\Google\\Update\\1.3.36.152\\GoogleUpdate.exe\" /ua"}
            << QStringList{"command_line: \"C:\\Program Files (x86)\\Google\\Update*\\GoogleUpdate.exe\" /ua",
                           "task_name: \\GoogleUpdateTaskMachineUA"}
            << "";
        QTest::newRow("admin automation: the user")
            << "t1053-01"
            << QStringList{"rule_name=Schtasks Run Task On Demand", "host=jmp-01", "user=adm_backup",
                           "task_name=\\Corp\\NightlyBackup"}
            << QStringList{"user: adm_backup", "task_name: \\Corp\\NightlyBackup"} << "";
        QTest::newRow("GPO from localhost: source address and file")
            << "t1053-20"
            << QStringList{"rule_name=Persistence and Execution at Scale via GPO Scheduled Task",
                           "host=dc-01", "source_ip=127.0.0.1",
                           "target_path=\\\\corp.example.com\\sysvol\\corp.example.com\\Policies\\{31B2F340-"
                           "016D-11D2-945F-00C04FB984F9}"
                           "\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml"}
            << QStringList{"source_ip: 127.0.0.1",
                           "target_path: "
                           "\\\\corp.example.com\\sysvol\\corp.example.com\\Policies\\{*}"
                           "\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml"}
            << "";
        QTest::newRow("Kubernetes CronJob: service account and namespace")
            << "t1053-09"
            << QStringList{"rule_name=Kubernetes Cron Job Creation",
                           "user=system:serviceaccount:argocd:argocd-application-controller",
                           "k8s_namespace=web", "k8s_resource=cronjobs"}
            << QStringList{"user: system:serviceaccount:argocd:argocd-application-controller",
                           "k8s_namespace: web"}
            << "";
        QTest::newRow("unlikely: nothing proposed")
            << "t1053-39" << zoom << QStringList{} << "splunk:41a0e58e-884c-11ec-9976-acde48001122";
    }
    void draft() {
        QFETCH(QString, note);
        QFETCH(QStringList, event);
        QFETCH(QStringList, condition);
        QFETCH(QString, rule);
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        const NormalizedEvent e = eventFrom(event);
        const Decision d = DecisionDraft::draft(e, note, kb);
        QCOMPARE(d.condition.toText().split(QLatin1Char('\n'), Qt::SkipEmptyParts), condition);
        QCOMPARE(d.noteId, note);
        if (!rule.isEmpty())
            QCOMPARE(d.scope.ruleIds, QStringList{rule});
        else if (const Rule *resolved = kb.resolveRule(e.value(EventField::RuleName), {}, {}))
            QCOMPARE(d.scope.ruleIds, QStringList{resolved->id});
        QVERIFY(!d.title.isEmpty());
        if (condition.isEmpty())
            return;
        QVERIFY2(ConditionMatcher(d.condition, {}).matches(LoweredEvent::from(e)),
                 "a draft matches its own event");
        const QString problem = DecisionValidator(kb).problem(d, QDate::currentDate());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // The other non-empty fields are offered unticked, after the proposed ones.
    void fieldsOfferTheRest() {
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        const NormalizedEvent e =
            eventFrom({"host=wks-014", "user=SYSTEM", "parent_image=C:\\Windows\\System32\\msiexec.exe",
                       "task_name=\\Adobe Acrobat Update Task", "event_code=4698"});
        const QList<FieldProposal> fields = DecisionDraft::fields(e, QStringLiteral("t1053-29"), kb);
        QStringList names;
        for (const FieldProposal &f : fields)
            names << eventFieldColumn(f.field) + (f.proposed ? QStringLiteral("+") : QString());
        QCOMPARE(names, (QStringList{"parent_image+", "task_name+", "host", "user"}));
        QVERIFY(!fields[0].why.isEmpty());
        QVERIFY(fields[2].why.isEmpty());
    }

    // Every theme of the knowledge base is in the table, except "unlikely".
    void everyThemeProposesFields() {
        for (const Theme &theme : KnowledgeBase::builtIn().themes()) {
            const bool none = DecisionDraft::themeFields(theme.id).isEmpty();
            QVERIFY2(none == (theme.id == QLatin1String("unlikely")), qPrintable(theme.id));
        }
    }
};

QTEST_GUILESS_MAIN(TestDecisionDraft)
#include "tst_decisiondraft.moc"
