#include "ingest/TaskCommandParser.h"
#include "ingest/WindowsCommandLine.h"

#include <QTest>

// No raw string literals here: moc 6.4 misreads R"(...\"...)" and skips the class.

using namespace tb;

class TestTaskCommandParser : public QObject {
    Q_OBJECT
private slots:
    void split_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("plain") << "a b  c" << QStringList{"a", "b", "c"};
        QTest::newRow("quoted spaces")
            << "\"C:\\Program Files\\x.exe\" /y" << QStringList{"C:\\Program Files\\x.exe", "/y"};
        QTest::newRow("escaped quote")
            << "/tr \"\\\"C:\\a b\\x.exe\\\" /silent\"" << QStringList{"/tr", "\"C:\\a b\\x.exe\" /silent"};
        QTest::newRow("doubled quote in quotes") << "\"say \"\"hi\"\"\"" << QStringList{"say \"hi\""};
        QTest::newRow("backslashes kept") << "C:\\a\\b\\ c" << QStringList{"C:\\a\\b\\", "c"};
        QTest::newRow("even backslashes before quote") << "\"a\\\\\" b" << QStringList{"a\\", "b"};
        QTest::newRow("empty quoted") << "x \"\" y" << QStringList{"x", "", "y"};
    }
    void split() {
        QFETCH(QString, line);
        QFETCH(QStringList, args);
        QCOMPARE(splitWindowsCommandLine(line), args);
    }

    void parse_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("runAs");
        QTest::addColumn<QString>("runLevel");
        QTest::addColumn<QString>("trigger");
        QTest::addColumn<QString>("target");

        QTest::newRow("malicious onlogon SYSTEM")
            << "schtasks  /create /sc onlogon /tn \"WindowsDefenderUpdate\" /tr \"powershell.exe -nop -w "
               "hidden -enc SQBFAFgA\" /ru SYSTEM /rl HIGHEST /f"
            << "created"
            << "\\WindowsDefenderUpdate"
            << "powershell.exe -nop -w hidden -enc SQBFAFgA"
            << "SYSTEM"
            << "HIGHEST"
            << "/sc onlogon"
            << "";
        QTest::newRow("remote /s with credentials")
            << "schtasks /create /s 10.20.30.41 /u CORP\\adm_backup /p ******** /tn "
               "\"\\Microsoft\\Windows\\Maintenance\\SysCleanup\" /tr \"C:\\ProgramData\\sysclean\\sc.exe\" "
               "/sc once /st 23:55 /ru SYSTEM"
            << "created"
            << "\\Microsoft\\Windows\\Maintenance\\SysCleanup"
            << "C:\\ProgramData\\sysclean\\sc.exe"
            << "SYSTEM"
            << ""
            << "/sc once /st 23:55"
            << "10.20.30.41";
        QTest::newRow("full path, mixed case")
            << "\"C:\\Windows\\system32\\schtasks.exe\" /Create /TN \"\\Corp\\NightlyBackup\" /TR "
               "\"powershell.exe -File C:\\Scripts\\backup.ps1\" /SC DAILY /ST 01:00 /RU CORP\\svc_backup "
               "/RP ********"
            << "created"
            << "\\Corp\\NightlyBackup"
            << "powershell.exe -File C:\\Scripts\\backup.ps1"
            << "CORP\\svc_backup"
            << ""
            << "/sc daily /st 01:00"
            << "";
        QTest::newRow("escaped quotes in /TR")
            << "schtasks.exe /Create /TN \"ZoomUpdateTask\" /TR \"\\\"C:\\Program "
               "Files\\Zoom\\bin\\ZoomUpdater.exe\\\" /silent\" /SC DAILY /ST 10:00 /RU SYSTEM /F"
            << "created"
            << "\\ZoomUpdateTask"
            << "\"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe\" /silent"
            << "SYSTEM"
            << ""
            << "/sc daily /st 10:00"
            << "";
        QTest::newRow("delete via cmd /c")
            << "\"C:\\Windows\\system32\\cmd.exe\" /c schtasks /delete /tn WindowsDefenderUpdate /f"
            << "deleted"
            << "\\WindowsDefenderUpdate"
            << ""
            << ""
            << ""
            << ""
            << "";
        QTest::newRow("run on demand remote") << "schtasks /run /s srv-app-02 /tn \"\\Corp\\NightlyBackup\""
                                              << "executed"
                                              << "\\Corp\\NightlyBackup"
                                              << ""
                                              << ""
                                              << ""
                                              << ""
                                              << "srv-app-02";
        QTest::newRow("change disable")
            << "schtasks /Change /TN \"\\Microsoft\\Windows\\Windows Defender\\Windows Defender Scheduled "
               "Scan\" /Disable"
            << "disabled"
            << "\\Microsoft\\Windows\\Windows Defender\\Windows Defender Scheduled Scan"
            << ""
            << ""
            << ""
            << ""
            << "";
        QTest::newRow("xml import")
            << "schtasks.exe /Create /TN \"Adobe Acrobat Update Task\" /XML \"C:\\Program Files "
               "(x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM_task.xml\" /F"
            << "created"
            << "\\Adobe Acrobat Update Task"
            << ""
            << ""
            << ""
            << ""
            << "";
        QTest::newRow("at remote") << "at.exe \\\\srv-app-02 23:55 /every:M,T,W \"C:\\ProgramData\\a.bat\""
                                   << "created"
                                   << ""
                                   << "C:\\ProgramData\\a.bat"
                                   << ""
                                   << ""
                                   << "at 23:55 /every:M,T,W"
                                   << "srv-app-02";
        QTest::newRow("at local") << "at 13:20 /interactive cmd.exe"
                                  << "created"
                                  << ""
                                  << "cmd.exe"
                                  << ""
                                  << ""
                                  << "at 13:20 /interactive"
                                  << "";
        QTest::newRow("at delete") << "at \\\\srv-app-02 1 /delete"
                                   << "deleted"
                                   << ""
                                   << ""
                                   << ""
                                   << ""
                                   << ""
                                   << "srv-app-02";
        QTest::newRow("multivalue: first task wins")
            << "schtasks.exe /Create /TN \"ZoomUpdateTask\" /TR \"x.exe\" /SC DAILY\nschtasks.exe /Delete "
               "/TN \"Old\" /F"
            << "created"
            << "\\ZoomUpdateTask"
            << "x.exe"
            << ""
            << ""
            << "/sc daily"
            << "";
    }
    void parse() {
        QFETCH(QString, line);
        const auto cmd = TaskCommandParser::parse(line);
        QVERIFY(cmd.has_value());
        QTEST(cmd->operation, "operation");
        QTEST(cmd->name, "name");
        QTEST(cmd->action, "action");
        QTEST(cmd->runAs, "runAs");
        QTEST(cmd->runLevel, "runLevel");
        QTEST(cmd->trigger, "trigger");
        QTEST(cmd->targetHost, "target");
    }

    void notATaskCommand_data() {
        QTest::addColumn<QString>("line");
        QTest::newRow("empty") << "";
        QTest::newRow("powershell") << "powershell.exe -nop -c Get-Process";
        QTest::newRow("the word at") << "cmd.exe /c echo look at this";
    }
    void notATaskCommand() {
        QFETCH(QString, line);
        QVERIFY(!TaskCommandParser::parse(line).has_value());
    }
};

QTEST_GUILESS_MAIN(TestTaskCommandParser)
#include "tst_taskcommandparser.moc"
