#include "ingest/NormalizedEvent.h"
#include "ingest/TaskContentParser.h"

#include <QTest>

using namespace tb;

namespace {

// A definition as 4698 carries it once the event XML is parsed: UTF-16 declaration, CRLF.
QString taskXml(const QString &body) {
    return QStringLiteral(
               "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
               "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n") +
           body + QStringLiteral("\r\n</Task>");
}

const char *severalActionsAndTriggers =
    "  <RegistrationInfo>\r\n"
    "    <Date>2025-03-04T10:41:16.9921730</Date>\r\n"
    "    <Author>CORP\\jdoe</Author>\r\n"
    "    <Description>Keeps things\r\n  up to date</Description>\r\n"
    "    <URI>\\Corp\\Updater</URI>\r\n"
    "  </RegistrationInfo>\r\n"
    "  <Triggers>\r\n"
    "    "
    "<LogonTrigger><Enabled>true</Enabled><Repetition><Interval>PT5M</Interval></Repetition></"
    "LogonTrigger>\r\n"
    "    <BootTrigger><Enabled>true</Enabled></BootTrigger>\r\n"
    "    <TimeTrigger><StartBoundary>2025-03-04T23:55:00</StartBoundary></TimeTrigger>\r\n"
    "    <CalendarTrigger><StartBoundary>2025-03-05T01:00:00</StartBoundary>"
    "<ScheduleByWeek><WeeksInterval>1</WeeksInterval></ScheduleByWeek></CalendarTrigger>\r\n"
    "    <CalendarTrigger><ScheduleByMonth><Months><March/></Months></ScheduleByMonth></CalendarTrigger>\r\n"
    "    <IdleTrigger><Enabled>false</Enabled></IdleTrigger>\r\n"
    "    <SessionStateChangeTrigger><StateChange>SessionUnlock</StateChange></SessionStateChangeTrigger>\r\n"
    "  </Triggers>\r\n"
    "  <Principals>\r\n"
    "    <Principal "
    "id=\"Author\"><UserId>CORP\\jdoe</UserId><LogonType>InteractiveToken</LogonType></Principal>\r\n"
    "    <Principal "
    "id=\"LocalSystem\"><UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel></Principal>\r\n"
    "  </Principals>\r\n"
    "  <Settings><Hidden>true</Hidden><Enabled>false</Enabled></Settings>\r\n"
    "  <Actions Context=\"LocalSystem\">\r\n"
    "    <ComHandler><ClassId>{A6BA00FE-40E8-477C-B713-C64A14F18ADB}</ClassId></ComHandler>\r\n"
    "    <Exec><Command>\"C:\\Program Files\\Corp\\upd.exe\"</Command>"
    "<Arguments>/quiet &gt; C:\\Temp\\log.txt 2&gt;&amp;1</Arguments>"
    "<WorkingDirectory>C:\\Temp</WorkingDirectory></Exec>\r\n"
    "    <Exec><Command>cmd.exe</Command><Arguments>/c echo second</Arguments></Exec>\r\n"
    "  </Actions>";

const char *maliciousTask =
    "  <RegistrationInfo><Date>2025-03-04T10:41:16.9921730</Date><Author>CORP\\jdoe</Author>"
    "<URI>\\WindowsDefenderUpdate</URI></RegistrationInfo>\r\n"
    "  <Triggers><LogonTrigger><Enabled>true</Enabled></LogonTrigger></Triggers>\r\n"
    "  <Principals><Principal id=\"Author\"><UserId>S-1-5-18</UserId><LogonType>ServiceAccount</LogonType>"
    "<RunLevel>HighestAvailable</RunLevel></Principal></Principals>\r\n"
    "  <Settings><Hidden>false</Hidden></Settings>\r\n"
    "  <Actions Context=\"Author\"><Exec><Command>powershell.exe</Command>"
    "<Arguments>-nop -w hidden -enc SQBFAFgA</Arguments></Exec></Actions>";

} // namespace

class TestTaskContentParser : public QObject {
    Q_OBJECT

private slots:
    void parses_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("action");
        QTest::addColumn<int>("actionCount");
        QTest::addColumn<QString>("otherActions");
        QTest::addColumn<QString>("runAs");
        QTest::addColumn<QString>("logonType");
        QTest::addColumn<QString>("runLevel");
        QTest::addColumn<QString>("triggers");
        QTest::addColumn<QString>("author");
        QTest::addColumn<bool>("hidden");

        QTest::newRow("several actions and triggers")
            << taskXml(QString::fromUtf8(severalActionsAndTriggers))
            << "\"C:\\Program Files\\Corp\\upd.exe\" /quiet > C:\\Temp\\log.txt 2>&1" << 3
            << "ComHandler {A6BA00FE-40E8-477C-B713-C64A14F18ADB}\ncmd.exe /c echo second"
            << "NT AUTHORITY\\SYSTEM"
            << ""
            << "HighestAvailable"
            << "LogonTrigger(every PT5M); BootTrigger; TimeTrigger(2025-03-04T23:55:00); "
               "CalendarTrigger(weekly); CalendarTrigger(monthly); IdleTrigger(disabled); "
               "SessionStateChangeTrigger(SessionUnlock)"
            << "CORP\\jdoe" << true;
        QTest::newRow("malicious logon task") << taskXml(QString::fromUtf8(maliciousTask))
                                              << "powershell.exe -nop -w hidden -enc SQBFAFgA" << 1 << ""
                                              << "NT AUTHORITY\\SYSTEM"
                                              << "ServiceAccount"
                                              << "HighestAvailable"
                                              << "LogonTrigger"
                                              << "CORP\\jdoe" << false;
        QTest::newRow("daily, password, no arguments")
            << taskXml(
                   "<Triggers><CalendarTrigger><ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>"
                   "</CalendarTrigger></Triggers><Principals><Principal "
                   "id=\"Author\"><UserId>CORP\\svc_backup"
                   "</UserId><LogonType>Password</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal>"
                   "</Principals><Actions Context=\"Author\"><Exec><Command>C:\\Scripts\\backup.cmd</Command>"
                   "</Exec></Actions>")
            << "C:\\Scripts\\backup.cmd" << 1 << ""
            << "CORP\\svc_backup"
            << "Password"
            << "LeastPrivilege"
            << "CalendarTrigger(daily)"
            << "" << false;
        QTest::newRow("collapsed onto one line (Hayabusa)")
            << "<?xml version=\"1.0\" encoding=\"UTF-16\"?> <Task version=\"1.2\" "
               "xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\"> <Triggers> <BootTrigger/> "
               "</Triggers> <Actions> <Exec> <Command>cmd</Command> <Arguments>/c "
               "C:\\Windows\\Temp\\svcupd.bat"
               "</Arguments> </Exec> </Actions> </Task>"
            << "cmd /c C:\\Windows\\Temp\\svcupd.bat" << 1 << ""
            << ""
            << ""
            << ""
            << "BootTrigger"
            << "" << false;
        QTest::newRow("escaped once more (libevtx)")
            << "&lt;?xml version=\"1.0\" encoding=\"UTF-16\"?&gt;\r\n&lt;Task&gt;&lt;Actions&gt;&lt;Exec&gt;"
               "&lt;Command&gt;a.exe&lt;/Command&gt;&lt;Arguments&gt;x &amp;gt; y&lt;/Arguments&gt;"
               "&lt;/Exec&gt;&lt;/Actions&gt;&lt;Settings&gt;&lt;Hidden&gt;true&lt;/Hidden&gt;&lt;/"
               "Settings&gt;"
               "&lt;/Task&gt;"
            << "a.exe x > y" << 1 << ""
            << ""
            << ""
            << ""
            << ""
            << "" << true;
        QTest::newRow("COM handler only")
            << taskXml(
                   "<Principals><Principal id=\"Users\"><GroupId>S-1-5-32-545</GroupId></Principal>"
                   "</Principals><Actions Context=\"Users\"><ComHandler><ClassId>{01575CFE-9A55-4003-A5E1-"
                   "F38D1EBDCBE1}</ClassId></ComHandler></Actions>")
            << "ComHandler {01575CFE-9A55-4003-A5E1-F38D1EBDCBE1}" << 1 << ""
            << "S-1-5-32-545"
            << ""
            << ""
            << ""
            << "" << false;
        QTest::newRow("an action appended to a vendor's task")
            << taskXml(
                   "<Actions Context=\"Author\"><Exec><Command>\"C:\\Program Files (x86)\\Google\\Update\\"
                   "GoogleUpdate.exe\"</Command><Arguments>/c</Arguments></Exec><Exec><Command>powershell.exe"
                   "</Command><Arguments>-w hidden -enc SQBFAFgA</Arguments></Exec></Actions>")
            << "\"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe\" /c" << 2
            << "powershell.exe -w hidden -enc SQBFAFgA"
            << ""
            << ""
            << ""
            << ""
            << "" << false;
        QTest::newRow("namespace prefix")
            << "<t:Task xmlns:t=\"http://schemas.microsoft.com/windows/2004/02/mit/task\"><t:Actions><t:Exec>"
               "<t:Command>b.exe</t:Command></t:Exec></t:Actions><t:Settings><t:Hidden>1</t:Hidden>"
               "</t:Settings></t:Task>"
            << "b.exe" << 1 << ""
            << ""
            << ""
            << ""
            << ""
            << "" << true;
    }
    void parses() {
        QFETCH(QString, xml);
        QFETCH(QString, action);
        QFETCH(int, actionCount);
        QFETCH(QString, otherActions);
        QFETCH(QString, runAs);
        QFETCH(QString, logonType);
        QFETCH(QString, runLevel);
        QFETCH(QString, triggers);
        QFETCH(QString, author);
        QFETCH(bool, hidden);
        QString error;
        const auto task = TaskContentParser::parse(xml, &error);
        QVERIFY2(task.has_value(), qPrintable(error));
        QCOMPARE(task->firstAction(), action);
        QCOMPARE(task->actions.size(), actionCount);
        QCOMPARE(task->hidden, hidden);

        NormalizedEvent event;
        TaskContentParser::apply(*task, event);
        QCOMPARE(event.value(EventField::TaskAction), action);
        QCOMPARE(event.value(EventField::TaskOtherActions), otherActions);
        QCOMPARE(event.value(EventField::TaskRunAs), runAs);
        QCOMPARE(event.value(EventField::TaskLogonType), logonType);
        QCOMPARE(event.value(EventField::TaskRunLevel), runLevel);
        QCOMPARE(event.value(EventField::TaskTrigger), triggers);
        QCOMPARE(event.value(EventField::TaskAuthor), author);
        QCOMPARE(event.value(EventField::TaskHidden), hidden ? QStringLiteral("1") : QStringLiteral("0"));
    }

    void keepsDetails() {
        const auto task = TaskContentParser::parse(taskXml(QString::fromUtf8(severalActionsAndTriggers)));
        QVERIFY(task);
        QCOMPARE(task->actions[0].type, QStringLiteral("ComHandler"));
        QCOMPARE(task->actions[1].workingDirectory, QStringLiteral("C:\\Temp"));
        QCOMPARE(task->actions[2].command, QStringLiteral("cmd.exe"));
        QCOMPARE(task->actions[2].arguments, QStringLiteral("/c echo second"));
        QCOMPARE(task->uri, QStringLiteral("\\Corp\\Updater"));
        QCOMPARE(task->description, QStringLiteral("Keeps things\n  up to date")); // CRLF read as LF
        QCOMPARE(task->enabled, false);
        QCOMPARE(task->triggers.size(), 7);
    }

    void refuses_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << "  \r\n"
                               << "the task definition is empty";
        QTest::newRow("not XML")
            << "powershell.exe -enc AAAA"
            << "the task definition is not XML (it starts with \"powershell.exe -enc \")";
        QTest::newRow("DOCTYPE with entities")
            << "<?xml version=\"1.0\"?><!DOCTYPE Task [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
               "<Task><RegistrationInfo><Author>&b;</Author></RegistrationInfo></Task>"
            << "the task definition declares a DOCTYPE; refused (task XML never has one)";
        QTest::newRow("DOCTYPE lower case")
            << "<!doctype Task SYSTEM \"file:///etc/passwd\"><Task/>"
            << "the task definition declares a DOCTYPE; refused (task XML never has one)";
        QTest::newRow("unclosed")
            << "<Task><Actions><Exec>"
            << "the task definition is not well-formed XML: Start-end tags mismatch at byte 20";
        QTest::newRow("other root") << "<Event xmlns=\"x\"/>"
                                    << "the XML is not a task definition (its root is <Event>, not <Task>)";
    }
    void refuses() {
        QFETCH(QString, xml);
        QFETCH(QString, error);
        QString got;
        QVERIFY(!TaskContentParser::parse(xml, &got).has_value());
        QCOMPARE(got, error);
        NormalizedEvent event;
        QVERIFY(!TaskContentParser::apply(QStringView(xml), event, &got));
        QCOMPARE(event.value(EventField::TaskAction), QString());
    }

    void fillsOnlyEmptyFields() {
        NormalizedEvent event;
        event.set(EventField::TaskAction, QStringLiteral("from the command line"));
        event.set(EventField::TaskName, QStringLiteral("\\FromEvent"));
        QVERIFY(TaskContentParser::apply(QStringView(taskXml(QString::fromUtf8(maliciousTask))), event));
        QCOMPARE(event.value(EventField::TaskAction), QStringLiteral("from the command line"));
        QCOMPARE(event.value(EventField::TaskName), QStringLiteral("\\FromEvent"));
        QCOMPARE(event.value(EventField::TaskRunAs), QStringLiteral("NT AUTHORITY\\SYSTEM"));
    }
};

QTEST_GUILESS_MAIN(TestTaskContentParser)
#include "tst_taskcontentparser.moc"
