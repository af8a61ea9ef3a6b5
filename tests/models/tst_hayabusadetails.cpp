#include "ingest/HayabusaDetails.h"
#include "ingest/ImportIssue.h"
#include "ingest/NormalizedEvent.h"

#include <QTest>

using namespace tb;

class TestHayabusaDetails : public QObject {
    Q_OBJECT

    static QStringList pairs(const HayabusaDetails &details) {
        QStringList out;
        for (const auto &entry : details.entries())
            out << entry.key + "=" + entry.value;
        return out;
    }

private slots:
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("two pairs") << "Name: \\At1 ¦ User: adm_backup"
                                   << QStringList{"Name=\\At1", "User=adm_backup"};
        QTest::newRow("first colon only")
            << "Path: C:\\Windows\\Tasks\\x ¦ TgtObj: HKLM\\SOFTWARE\\x: DWORD (0x1)"
            << QStringList{"Path=C:\\Windows\\Tasks\\x", "TgtObj=HKLM\\SOFTWARE\\x: DWORD (0x1)"};
        QTest::newRow("n/a and dash are empty")
            << "Cmdline: n/a ¦ RuleName: - ¦ PID: 4" << QStringList{"Cmdline=", "RuleName=", "PID=4"};
        QTest::newRow("whole field dash") << "-" << QStringList{};
        QTest::newRow("blank") << "  " << QStringList{};
        QTest::newRow("separator inside a value")
            << "Cmdline: cmd /c echo a ¦ b ¦ PID: 4" << QStringList{"Cmdline=cmd /c echo a ¦ b", "PID=4"};
        QTest::newRow("key without value")
            << "Name: x ¦ Description:" << QStringList{"Name=x", "Description="};
        QTest::newRow("multiline -M")
            << "Name: \\x\r\nUser: CORP\\y\r\nLID: 0x1" << QStringList{"Name=\\x", "User=CORP\\y", "LID=0x1"};
        QTest::newRow("tab -S") << "Name: \\x\tUser: y" << QStringList{"Name=\\x", "User=y"};
        QTest::newRow("repeated key") << "IP: a ¦ IP: b" << QStringList{"IP=a", "IP=b"};
        QTest::newRow("no key at all") << "free text" << QStringList{"=free text"};
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(pairs(HayabusaDetails::parse(text)), expected);
    }

    void duplicatesResolved() {
        QHash<QString, QString> previous;
        HayabusaDetails first = HayabusaDetails::parse(u"Cmdline: schtasks /create ¦ PID: 4");
        first.resolveDuplicates(previous);
        HayabusaDetails second = HayabusaDetails::parse(u"Cmdline: DUP ¦ PID: 8 ¦ User: DUP");
        second.resolveDuplicates(previous);
        QCOMPARE(pairs(second), (QStringList{"Cmdline=schtasks /create", "PID=8", "User="}));
    }

    void apply_data() {
        QTest::addColumn<QString>("details");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("eventCode");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        const QString sysmon1 =
            "Cmdline: schtasks /create /tn x /tr y ¦ Proc: C:\\Windows\\System32\\schtasks.exe ¦ User: "
            "CORP\\jdoe ¦ ParentCmdline: \"C:\\Temp\\a.exe\" --silent ¦ PID: 7424 ¦ ParentPID: 6612 ¦ "
            "Hashes: SHA1=AB ¦ ParentImage: C:\\Temp\\a.exe";
        const QString sysmon = "Microsoft-Windows-Sysmon/Operational";
        QTest::newRow("sysmon1 cmdline") << sysmon1 << sysmon << "1"
                                         << "command_line"
                                         << "schtasks /create /tn x /tr y";
        QTest::newRow("sysmon1 image") << sysmon1 << sysmon << "1"
                                       << "process_image"
                                       << "C:\\Windows\\System32\\schtasks.exe";
        QTest::newRow("sysmon1 name") << sysmon1 << sysmon << "1"
                                      << "process_name"
                                      << "schtasks.exe";
        QTest::newRow("sysmon1 parent cmd") << sysmon1 << sysmon << "1"
                                            << "parent_command_line"
                                            << "\"C:\\Temp\\a.exe\" --silent";
        QTest::newRow("sysmon1 parent image") << sysmon1 << sysmon << "1"
                                              << "parent_name"
                                              << "a.exe";
        QTest::newRow("sysmon1 user") << sysmon1 << sysmon << "1"
                                      << "user"
                                      << "jdoe";
        QTest::newRow("sysmon1 domain") << sysmon1 << sysmon << "1"
                                        << "user_domain"
                                        << "CORP";
        QTest::newRow("sysmon1 pid") << sysmon1 << sysmon << "1"
                                     << "process_pid"
                                     << "7424";
        QTest::newRow("sysmon1 ppid") << sysmon1 << sysmon << "1"
                                      << "parent_pid"
                                      << "6612";
        QTest::newRow("sysmon1 hashes") << sysmon1 << sysmon << "1"
                                        << "hashes"
                                        << "SHA1=AB";
        QTest::newRow("full names (AllFieldInfo)")
            << "CommandLine: at 23:00 x ¦ Image: C:\\Windows\\System32\\at.exe" << sysmon << "1"
            << "process_name"
            << "at.exe";

        const QString e4688 = "CmdLine: schtasks /query ¦ Path: C:\\Windows\\System32\\schtasks.exe ¦ PID: "
                              "0x1d00 ¦ User: jdoe ¦ ProcessId: 0x19d4";
        QTest::newRow("4688 path is the process") << e4688 << "Security"
                                                  << "4688"
                                                  << "process_image"
                                                  << "C:\\Windows\\System32\\schtasks.exe";
        QTest::newRow("4688 path is no target") << e4688 << "Security"
                                                << "4688"
                                                << "target_path"
                                                << "";
        QTest::newRow("4688 hex pid") << e4688 << "Security"
                                      << "4688"
                                      << "process_pid"
                                      << "7424";
        QTest::newRow("4688 ProcessId is the parent") << e4688 << "Security"
                                                      << "4688"
                                                      << "parent_pid"
                                                      << "6612";

        const QString e4698 = "Name: \\WindowsDefenderUpdate ¦ Content: <?xml?> <Task/> ¦ User: jdoe ¦ LID: "
                              "0x5a3f21 ¦ ClientProcessId: 7424 ¦ SubjectDomainName: CORP ¦ SubjectUserSid: "
                              "S-1-5-21-1";
        QTest::newRow("4698 task") << e4698 << "Security"
                                   << "4698"
                                   << "task_name"
                                   << "\\WindowsDefenderUpdate";
        QTest::newRow("4698 operation") << e4698 << "Security"
                                        << "4698"
                                        << "task_operation"
                                        << "created";
        QTest::newRow("4698 user") << e4698 << "Security"
                                   << "4698"
                                   << "user"
                                   << "jdoe";
        QTest::newRow("4698 domain from extra") << e4698 << "Security"
                                                << "4698"
                                                << "user_domain"
                                                << "CORP";
        QTest::newRow("4698 sid") << e4698 << "Security"
                                  << "4698"
                                  << "user_sid"
                                  << "S-1-5-21-1";
        QTest::newRow("4698 client pid") << e4698 << "Security"
                                         << "4698"
                                         << "process_pid"
                                         << "7424";
        QTest::newRow("4698 local") << e4698 << "Security"
                                    << "4698"
                                    << "task_remote"
                                    << "0";
        QTest::newRow("4698 content")
            << "Name: \\x ¦ Content: <?xml version=\"1.0\" encoding=\"UTF-16\"?> <Task "
               "xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\"> <Actions> "
               "<Exec> <Command>cmd</Command> <Arguments>/c x.bat</Arguments> </Exec> "
               "</Actions> </Task>"
            << "Security"
            << "4698"
            << "task_action"
            << "cmd /c x.bat";
        QTest::newRow("4702 new content") << "Name: \\x ¦ TaskContentNew: <Task><Actions><Exec><Command>a.exe"
                                             "</Command></Exec></Actions></Task>"
                                          << "Security"
                                          << "4702"
                                          << "task_action"
                                          << "a.exe";
        QTest::newRow("4698 remote") << "Name: \\x ¦ ClientProcessId: 0"
                                     << "Security"
                                     << "4698"
                                     << "task_remote"
                                     << "1";
        QTest::newRow("4699 deleted") << "Name: \\x ¦ User: jdoe"
                                      << "Security"
                                      << "4699"
                                      << "task_operation"
                                      << "deleted";
        QTest::newRow("4702 updated") << "Name: \\x"
                                      << "Security"
                                      << "4702"
                                      << "task_operation"
                                      << "updated";

        const QString taskSch = "Microsoft-Windows-TaskScheduler/Operational";
        QTest::newRow("106 user context") << "Name: \\x ¦ UserContext: CORP\\jdoe" << taskSch << "106"
                                          << "user"
                                          << "jdoe";
        QTest::newRow("106 is no run-as") << "Name: \\x ¦ UserContext: CORP\\jdoe" << taskSch << "106"
                                          << "task_run_as"
                                          << "";
        QTest::newRow("106 created") << "Name: \\x ¦ UserContext: CORP\\jdoe" << taskSch << "106"
                                     << "task_operation"
                                     << "created";
        QTest::newRow("200 action") << "Name: \\x ¦ Action: C:\\p.exe" << taskSch << "200"
                                    << "task_action"
                                    << "C:\\p.exe";
        QTest::newRow("200 executed") << "Name: \\x ¦ Action: C:\\p.exe" << taskSch << "200"
                                      << "task_operation"
                                      << "executed";
        QTest::newRow("141 deleted") << "Name: \\x ¦ User: CORP\\jdoe" << taskSch << "141"
                                     << "task_operation"
                                     << "deleted";

        const QString e11 = "Path: C:\\Windows\\System32\\Tasks\\Corp\\NightlyBackup ¦ Proc: "
                            "C:\\Windows\\system32\\svchost.exe ¦ PID: 1480";
        QTest::newRow("sysmon11 target") << e11 << sysmon << "11"
                                         << "target_path"
                                         << "C:\\Windows\\System32\\Tasks\\Corp\\NightlyBackup";
        QTest::newRow("sysmon11 task file") << e11 << sysmon << "11"
                                            << "task_name"
                                            << "\\Corp\\NightlyBackup";
        QTest::newRow("WMI Name is no task") << "Op: Created ¦ Name: evil ¦ User: x" << sysmon << "19"
                                             << "task_name"
                                             << "";
        QTest::newRow("firewall Action is no task")
            << "RuleName: r ¦ Action: 3"
            << "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"
            << "2004"
            << "task_action"
            << "";
        QTest::newRow("5145 source ip") << "SrcUser: adm ¦ Path: \\x\\ScheduledTasks.xml ¦ SrcIP: 10.20.30.77"
                                        << "Security"
                                        << "5145"
                                        << "source_ip"
                                        << "10.20.30.77";
    }
    void apply() {
        QFETCH(QString, details);
        QFETCH(QString, channel);
        QFETCH(QString, eventCode);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        NormalizedEvent event;
        event.set(EventField::EventSource, channel);
        event.set(EventField::EventCode, eventCode);
        HayabusaDetails::parse(details).apply(event);
        const auto field = eventFieldByColumn(column);
        QVERIFY(field.has_value());
        QCOMPARE(event.value(*field), expected);
    }

    void timestamps_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("utc");
        QTest::addColumn<QString>("confidence");
        QTest::newRow("default") << "2025-03-04 17:12:03.118 +09:00"
                                 << "2025-03-04T08:12:03.118000Z"
                                 << "exact";
        QTest::newRow("UTC") << "2025-03-04 08:12:03.118 +00:00"
                             << "2025-03-04T08:12:03.118000Z"
                             << "exact";
        QTest::newRow("ISO 8601") << "2025-03-04T08:12:03.1187420Z"
                                  << "2025-03-04T08:12:03.118742Z"
                                  << "exact";
        QTest::newRow("RFC 3339") << "2025-03-04 17:12:03.118742+09:00"
                                  << "2025-03-04T08:12:03.118742Z"
                                  << "exact";
        QTest::newRow("RFC 2822") << "Tue, 4 Mar 2025 17:12:03 +0900"
                                  << "2025-03-04T08:12:03.000000Z"
                                  << "exact";
        QTest::newRow("US PM") << "03-04-2025 05:12:03.118 PM +09:00"
                               << "2025-03-04T08:12:03.118000Z"
                               << "exact";
        QTest::newRow("US 12 AM") << "03-04-2025 12:12:03.118 AM -06:00"
                                  << "2025-03-04T06:12:03.118000Z"
                                  << "exact";
        QTest::newRow("US military") << "03-14-2025 17:12:03.118 +09:00"
                                     << "2025-03-14T08:12:03.118000Z"
                                     << "exact";
        QTest::newRow("European") << "14-03-2025 17:12:03.118 +09:00"
                                  << "2025-03-14T08:12:03.118000Z"
                                  << "exact";
        QTest::newRow("ambiguous is day first") << "04-03-2025 17:12:03.118 +09:00"
                                                << "2025-03-04T08:12:03.118000Z"
                                                << "exact";
        QTest::newRow("garbage") << "yesterday"
                                 << ""
                                 << "";
    }
    void timestamps() {
        QFETCH(QString, text);
        QFETCH(QString, utc);
        QFETCH(QString, confidence);
        HayabusaTimeParser parser{TimeNormalizer()};
        const NormalizedTime time = parser.normalize(text);
        QCOMPARE(time.utc, utc);
        QCOMPARE(time.confidence, confidence);
    }

    void provenOrderSticks() {
        HayabusaTimeParser parser{TimeNormalizer()};
        QCOMPARE(parser.normalize(u"03-14-2025 17:00:00.000 +00:00").utc, "2025-03-14T17:00:00.000000Z");
        // 03-04 alone is ambiguous; the file has shown month-first dates.
        QCOMPARE(parser.normalize(u"03-04-2025 17:00:00.000 +00:00").utc, "2025-03-04T17:00:00.000000Z");
    }

    void record_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host") << "host"
                              << "wks-fin-023";
        QTest::newRow("fqdn") << "host_fqdn"
                              << "wks-fin-023.corp.example.com";
        QTest::newRow("rule") << "rule_name"
                              << "Scheduled Task Creation Via Schtasks.EXE";
        QTest::newRow("rule id") << "rule_id"
                                 << "9e908a0b-f7d5-51c6-8de1-1367afca2955";
        QTest::newRow("source") << "rule_source"
                                << "hayabusa";
        QTest::newRow("severity") << "severity"
                                  << "critical";
        QTest::newRow("severity raw") << "severity_raw"
                                      << "emer";
        QTest::newRow("channel") << "event_source"
                                 << "Microsoft-Windows-Sysmon/Operational";
        QTest::newRow("event id") << "event_code"
                                  << "1";
        QTest::newRow("record id") << "record_id"
                                   << "333108";
        QTest::newRow("mitre techniques only") << "mitre"
                                               << "[\"T1053.005\"]";
        QTest::newRow("platform") << "platform"
                                  << "windows";
        QTest::newRow("schtasks parsed") << "task_name"
                                         << "\\x";
        QTest::newRow("run as") << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("time") << "time_utc"
                              << "2025-03-04T09:41:17.399000Z";
    }
    void record() {
        QFETCH(QString, column);
        QFETCH(QString, expected);
        HayabusaRecord r;
        r.timestamp = "2025-03-04 18:41:17.399 +09:00";
        r.ruleTitle = "Scheduled Task Creation Via Schtasks.EXE";
        r.level = "emer";
        r.computer = "WKS-FIN-023.corp.example.com";
        r.channel = "Sysmon";
        r.eventId = "1";
        r.recordId = "333108";
        r.ruleId = "9e908a0b-f7d5-51c6-8de1-1367afca2955";
        r.mitreTags = QStringList{"T1053.005", "S0111"};
        r.details = HayabusaDetails::parse(u"Cmdline: schtasks /create /tn x /tr y /ru SYSTEM");
        HayabusaTimeParser times{TimeNormalizer()};
        NormalizedEvent event;
        ImportIssue issue;
        QVERIFY(r.toEvent(event, times, issue));
        const auto field = eventFieldByColumn(column);
        QVERIFY(field.has_value());
        QCOMPARE(event.value(*field), expected);
        QCOMPARE(event.identity,
                 "WKS-FIN-023.corp.example.com|Sysmon|333108|9e908a0b-f7d5-51c6-8de1-1367afca2955");
    }

    void badTimestamp() {
        HayabusaRecord r;
        r.timestamp = "not a time";
        HayabusaTimeParser times{TimeNormalizer()};
        NormalizedEvent event;
        ImportIssue issue;
        QVERIFY(!r.toEvent(event, times, issue));
        QCOMPARE(issue.field, "Timestamp");
        QCOMPARE(issue.problem, "\"not a time\" is not a time this reader understands");
    }
};

QTEST_GUILESS_MAIN(TestHayabusaDetails)
#include "tst_hayabusadetails.moc"
