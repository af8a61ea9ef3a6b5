#pragma once

// Shared by the exporter tests: the decisions built from the demo workspace's stories, hostile
// decisions for the escaping tests, and golden-file comparison with regeneration.

#include "tuning/Decision.h"
#include "tuning/export/ExporterRegistry.h"
#include "tuning/export/ExportInput.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QTimeZone>

namespace tb::exporttest {

inline Decision decision(qint64 id, const QString &title, DecisionStatus status, const QStringList &where,
                         const QStringList &rules, const QString &note, const QString &rationale,
                         const QString &author) {
    Decision d;
    d.id = id;
    d.title = title;
    d.status = status;
    QString error;
    if (!ConditionParser::fromExpressions(where, d.condition, &error))
        qFatal("test decision %lld: %s", static_cast<long long>(id), qPrintable(error));
    d.scope.ruleIds = rules;
    d.noteId = note;
    d.rationale = rationale;
    d.author = author;
    d.createdAt = QDateTime(QDate(2026, 11, 16), QTime(9, 0), QTimeZone::utc()).addSecs(id * 600);
    d.updatedAt = d.createdAt.addSecs(3600);
    return d;
}

// Ten decisions an analyst could have made on the demo workspace (resources/demo/README.md), in
// every status. Their impact on the demo workspace is checked by tst_reportexporters.
inline QList<Decision> demoDecisions() {
    using S = DecisionStatus;
    const QString runAsSystem = QStringLiteral("splunk:41a0e58e-884c-11ec-9976-acde48001122");
    const QString highestPrivileges = QStringLiteral("splunk:2f15e1a4-0fc2-49dd-919e-cbbe60699218");
    QList<Decision> d;
    d << decision(
        1, QStringLiteral("Adobe Acrobat updater task registered by its MSI"), S::Approved,
        {QStringLiteral("parent_name=msiexec.exe"), QStringLiteral("process_name=schtasks.exe"),
         QStringLiteral("command_line|contains=/TN \"Adobe Acrobat Update Task\"")},
        {runAsSystem, highestPrivileges, QStringLiteral("sigma:7a02e22e-b885-4404-b38b-1ddc7e65258a")},
        QStringLiteral("t1053-18"),
        QStringLiteral(
            "The Adobe Acrobat MSI custom action registers \"Adobe Acrobat Update Task\" as SYSTEM "
            "with /RL HIGHEST on every workstation; the task runs the signed AdobeARM.exe "
            "from Program Files."),
        QStringLiteral("akumar"));
    d.last().expiresAt = QDate(2027, 5, 16);
    d.last().reviewAt = QDate(2027, 2, 16);
    d << decision(
        2, QStringLiteral("Vendor installers in the user's Temp folder create their update tasks"),
        S::Approved,
        {QStringLiteral("parent_image|contains=\\AppData\\Local\\Temp\\"),
         QStringLiteral("process_name=schtasks.exe"), QStringLiteral("command_line|contains=ZoomUpdateTask"),
         QStringLiteral("command_line|contains=DropboxUpdateTaskMachineCore"),
         QStringLiteral("command_line|contains=TVSUUpdateTask")},
        {runAsSystem, highestPrivileges, QStringLiteral("elastic:afcce5ad-65de-4ed2-8516-5e093d3ac99a"),
         QStringLiteral("sigma:39019a4e-317f-4ce3-ae63-309a8c6b53c5")},
        QStringLiteral("t1053-29"),
        QStringLiteral("Zoom, Dropbox and Lenovo System Update installers run from %TEMP% and register "
                       "their updaters. Invoice_*.exe in Temp (wks-fin-018) is not covered: its task "
                       "names differ."),
        QStringLiteral("tsmith"));
    d.last().expiresAt = QDate(2027, 11, 16);
    d << decision(
        3, QStringLiteral("Backup admins start the nightly backup task from the jump host"), S::Approved,
        {QStringLiteral("user=adm_backup"), QStringLiteral("user=adm_jschulz"),
         QStringLiteral("process_name=schtasks.exe"), QStringLiteral("command_line|contains|all=/Run"),
         QStringLiteral("command_line|contains|all=/TN \"\\Corp\\NightlyBackup\"")},
        {QStringLiteral("splunk:bb37061e-af1f-11eb-a159-acde48001122"),
         QStringLiteral("splunk:95cf4608-4302-11ec-8194-3e22fbd008af")},
        QStringLiteral("t1053-10"),
        QStringLiteral("Only jmp-01 runs remote schtasks for the admins; lnguyen's remote tasks from "
                       "wks-hr-005 stay visible."),
        QStringLiteral("jlopez"));
    d.last().scope.hosts = {QStringLiteral("jmp-01")};
    d.last().reviewAt = QDate(2027, 1, 15);
    d << decision(
        4, QStringLiteral("dpkg installs cron files during package upgrades"), S::Approved,
        {QStringLiteral("process_name=dpkg"), QStringLiteral("target_path|startswith=/etc/cron.d/"),
         QStringLiteral("target_path|startswith=/etc/cron.daily/"),
         QStringLiteral("target_path|endswith=.dpkg-new")},
        {QStringLiteral("splunk:023f3452-5f27-11ec-bf00-acde48001122"),
         QStringLiteral("elastic:ff10d4d8-fea7-422d-afb1-e5a2702369a9")},
        QStringLiteral("t1053-02"),
        QStringLiteral("apt and unattended-upgrades unpack cron files as *.dpkg-new before renaming them."),
        QStringLiteral("jlopez"));
    d << decision(
        5, QStringLiteral("CI deployer creates CronJobs from the build network"), S::Approved,
        {QStringLiteral("user=system:serviceaccount:ci:deployer"), QStringLiteral("k8s_resource=cronjobs"),
         QStringLiteral("source_ip|cidr=10.20.0.0/16")},
        {QStringLiteral("splunk:5984dbe8-572f-47d7-9251-3dff6c3f0c0d")}, QStringLiteral("t1053-09"),
        QStringLiteral("kubectl on build-01 (10.20.40.30) deploys CronJobs; the stolen token was used "
                       "from 198.51.100.23 and stays visible."),
        QStringLiteral("akumar"));
    d << decision(6, QStringLiteral("Intune maps network drives at logon"), S::Approved,
                  {QStringLiteral("process_name=schtasks.exe"),
                   QStringLiteral("command_line|contains=\\ProgramData\\Corp\\Tasks\\MapNetworkDrives.xml")},
                  {QStringLiteral("splunk:7feb7972-7ac3-11eb-bac8-acde48001122"),
                   QStringLiteral("splunk:7e03b682-3965-4598-8e91-a60a40a3f7e4")},
                  QStringLiteral("t1053-21"), QStringLiteral("The policy rollout of week 1."),
                  QStringLiteral("tsmith"));
    d.last().expiresAt = QDate(2026, 11, 10);
    d << decision(
        7, QStringLiteral("SCCM patch reboot task"), S::Rejected,
        {QStringLiteral("task_name=\\Corp\\PatchReboot"), QStringLiteral("parent_name=powershell.exe")},
        {QStringLiteral("splunk:1297fb80-f42a-4b4a-9c8a-88c066437cf6")}, QString(),
        QStringLiteral("Too broad: any PowerShell could name a task like that."), QStringLiteral("akumar"));
    d << decision(8, QStringLiteral("Chocolatey upgrade task on developer workstations"), S::Approved,
                  {QStringLiteral("task_name=\\Corp\\ChocoUpgradeAll")}, {runAsSystem},
                  QStringLiteral("t1053-18"), QStringLiteral("Keep the alert, at low severity."),
                  QStringLiteral("jlopez"));
    d.last().action = DecisionAction::LowerSeverity;
    d << decision(
        9, QStringLiteral("Per-user Google updater tasks (version and GUID in the name)"), S::Approved,
        {QStringLiteral("task_name=\\GoogleUpdaterTaskUser*{*}"),
         QStringLiteral("task_action|contains=\\AppData\\Local\\Google\\GoogleUpdater\\")},
        {QStringLiteral("elastic:92a6faf5-78ec-4e25-bea1-73bacc9b59d9"),
         QStringLiteral("sigma:3a734d25-df5c-4b99-8034-af1ddb5883a4")},
        QStringLiteral("t1053-29"),
        QStringLiteral("Google's per-user updater registers one task per install, named with its version "
                       "and a GUID."),
        QStringLiteral("tsmith"));
    d << decision(10, QStringLiteral("Firefox background update task"), S::Proposed,
                  {QStringLiteral("task_name|startswith=\\Mozilla\\Firefox Background Update ")},
                  {QStringLiteral("elastic:a02cb68e-7c93-48d1-93b2-2c39023308eb")},
                  QStringLiteral("t1053-29"), QString(), QStringLiteral("jlopez"));
    return d;
}

// The events each demo decision suppresses in the demo workspace (checked by tst_reportexporters).
inline QHash<qint64, qint64> demoImpact() {
    return {{1, 22}, {2, 27}, {3, 8}, {4, 11}, {5, 6}, {6, 28}, {7, 5}, {8, 3}, {9, 6}, {10, 2}};
}

inline ExportInput demoInput(const QList<qint64> &only = {}) {
    ExportInput input;
    for (const Decision &d : demoDecisions())
        if (only.isEmpty() || only.contains(d.id))
            input.decisions << d;
    input.impact = demoImpact();
    input.today = QDate(2026, 11, 16);
    return input;
}

// Values a SIEM artefact must carry through its quoting unchanged.
inline QStringList hostileValues() {
    return {QStringLiteral("say \"hi\""),
            QStringLiteral("C:\\Temp\\"),
            QStringLiteral("a|b `whoami`"),
            QStringLiteral("line1\nline2"),
            QString::fromUtf8("Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac"),
            QStringLiteral("100\\*"),  // a literal star in the condition language
            QStringLiteral("what\\?"), // a literal question mark
            QStringLiteral("=cmd|' /C calc'!A0"),
            QStringLiteral("+x"),
            QStringLiteral("-x"),
            QStringLiteral("@x"),
            QStringLiteral("\\\\server\\share")};
}

inline Decision hostileDecision() {
    Decision d =
        decision(100, QStringLiteral("=HYPERLINK(\"http://x\") \"quoted\" | pipe `tick` \\"),
                 DecisionStatus::Approved, {},
                 {QStringLiteral("splunk:41a0e58e-884c-11ec-9976-acde48001122"),
                  QStringLiteral("sigma:92626ddd-662c-49e3-ac59-f6535f12d189"),
                  QStringLiteral("elastic:afcce5ad-65de-4ed2-8516-5e093d3ac99a")},
                 QStringLiteral("t1053-29"), QStringLiteral("-line one\n@line two <b>bold</b> & [link](x)"),
                 QStringLiteral("@attacker"));
    FieldPredicate contains;
    contains.field = EventField::CommandLine;
    contains.kind = FieldPredicate::Kind::Contains;
    contains.values = hostileValues();
    FieldPredicate image;
    image.field = EventField::ProcessImage;
    image.values = {QStringLiteral("C:\\Program Files (x86)*\\app?.exe")};
    d.condition.match = {contains, image};
    return d;
}

inline QString referenceDir() {
    return QStringLiteral(TEST_DATA_DIR "/../reference/export");
}

// Compares with tests/reference/export/<name>; TUNEBENCH_REGENERATE_GOLDEN=1 rewrites the file
// instead (tests/reference/export/regenerate.sh), for a human to review with `git diff`.
inline bool matchesGolden(const QString &name, const QByteArray &actual) {
    const QString path = referenceDir() + QLatin1Char('/') + name;
    if (qEnvironmentVariableIntValue("TUNEBENCH_REGENERATE_GOLDEN") == 1) {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(actual) != actual.size()) {
            qWarning("cannot write %s", qPrintable(path));
            return false;
        }
        qInfo("rewrote %s", qPrintable(path));
        return true;
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        qWarning("missing golden file %s (run tests/reference/export/regenerate.sh)", qPrintable(path));
        return false;
    }
    const QByteArray expected = in.readAll();
    if (expected == actual)
        return true;
    const QList<QByteArray> e = expected.split('\n'), a = actual.split('\n');
    for (qsizetype i = 0; i < std::max(e.size(), a.size()); ++i) {
        if (e.value(i) != a.value(i)) {
            qWarning("%s differs at line %lld:\n  expected: %s\n  actual:   %s", qPrintable(name),
                     static_cast<long long>(i + 1), e.value(i).constData(), a.value(i).constData());
            break;
        }
    }
    return false;
}

// Runs one exporter into memory; the error text when it refuses.
inline QByteArray run(const QString &format, const ExportInput &input, QString *error = nullptr) {
    auto exporter = ExporterRegistry::create(format);
    if (!exporter)
        qFatal("no exporter %s", qPrintable(format));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const bool ok = exporter->write(input, buffer);
    if (error)
        *error = ok ? QString() : exporter->errorString();
    return ok ? buffer.data() : QByteArray();
}

inline ExportInput hostileInput() {
    ExportInput input = demoInput();
    input.decisions = {hostileDecision()};
    return input;
}

// One golden case: the exporter writes `input` exactly as tests/reference/export/<file>.
inline bool exportsAsGolden(const QString &format, const ExportInput &input, const QString &file) {
    QString error;
    const QByteArray out = run(format, input, &error);
    if (!error.isEmpty()) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return matchesGolden(file, out);
}

} // namespace tb::exporttest
