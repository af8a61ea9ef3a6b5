#include "ReaderTestSupport.h"

#include "ingest/DefenderHuntingCsvReader.h"
#include "ingest/FormatRegistry.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestDefenderHuntingCsvReader : public QObject {
    Q_OBJECT

    static QString sample() {
        return QStringLiteral(TEST_DATA_DIR
                              "/formats/defender/DeviceProcessEvents_advanced_hunting_export.csv");
    }
    static ReadResult read() { return readFile(factory<DefenderHuntingCsvReader>(), sample()); }

private slots:
    void detects() {
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head(sample())));
        QVERIFY(detected);
        QCOMPARE(detected->id, QStringLiteral("defender.advancedhunting.csv"));
    }

    void readsEveryRow() {
        const ReadResult result = read();
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 8);
        QCOMPARE(
            result.events[1].identity,
            QStringLiteral("b5e0c3a1f2d4e6a8b0c2d4e6f8a0b2c4d6e8f0a1|9377|2025-03-04T09:41:17.3994721Z"));
        QCOMPARE(result.events[1].rawFields, result.events[1].raw);
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("7-digit time") << 1 << "time_utc"
                                      << "2025-03-04T09:41:17.399472Z";
        QTest::newRow("host") << 1 << "host"
                              << "wks-fin-023";
        QTest::newRow("new process is the process") << 1 << "process_image"
                                                    << "C:\\Windows\\System32\\schtasks.exe";
        QTest::newRow("initiating process is the parent")
            << 1 << "parent_image"
            << "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_viewer.exe";
        QTest::newRow("account") << 1 << "user"
                                 << "jdoe";
        QTest::newRow("account domain") << 1 << "user_domain"
                                        << "corp";
        QTest::newRow("task name from /tn") << 1 << "task_name"
                                            << "\\WindowsDefenderUpdate";
        QTest::newRow("run as") << 3 << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("remote /s") << 5 << "target_host"
                                   << "10.20.30.41";
        QTest::newRow("at.exe remote") << 6 << "task_remote"
                                       << "1";
        QTest::newRow("/Run") << 7 << "task_operation"
                              << "executed";
        QTest::newRow("task launched powershell's parent") << 2 << "parent_command_line"
                                                           << "svchost.exe -k netsvcs -p -s Schedule";
        QTest::newRow("action type") << 0 << "event_code"
                                     << "ProcessCreated";
        QTest::newRow("table") << 0 << "event_source"
                               << "DeviceProcessEvents";
        QTest::newRow("source") << 0 << "rule_source"
                                << "defender";
        QTest::newRow("hash") << 0 << "hashes"
                              << "SHA1=5a2f6f1b3c6e8d2b7a1e9c3d4f5a6b7c8d9e0f1a";
        QTest::newRow("platform") << 0 << "platform"
                                  << "windows";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read();
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void deviceEventsRowWithAdditionalFields() {
        const ReadResult result = readBytes(
            factory<DefenderHuntingCsvReader>(),
            "Timestamp,DeviceId,DeviceName,ActionType,InitiatingProcessFileName,AdditionalFields,ReportId\n"
            "2025-03-04T16:12:55.9001378Z,dev1,wks-1.corp.example.com,ScheduledTaskDeleted,svchost.exe,"
            "\"{\"\"TaskName\"\":\"\"\\\\Evil\"\",\"\"SubjectUserName\"\":\"\"jdoe\"\","
            "\"\"SubjectDomainName\"\":"
            "\"\"CORP\"\",\"\"TaskContent\"\":\"\"<Task><Actions><Exec><Command>evil.exe</Command></Exec></"
            "Actions>"
            "</Task>\"\"}\",42\n",
            "d.csv");
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 1);
        const NormalizedEvent &e = result.events[0];
        QCOMPARE(e.value(EventField::TaskOperation), QStringLiteral("deleted"));
        QCOMPARE(e.value(EventField::TaskName), QStringLiteral("\\Evil"));
        QCOMPARE(e.value(EventField::TaskAction), QStringLiteral("evil.exe"));
        QCOMPARE(e.value(EventField::User), QStringLiteral("jdoe"));
        QCOMPARE(e.value(EventField::ProcessName), QStringLiteral("svchost.exe"));
        QCOMPARE(e.value(EventField::EventSource), QStringLiteral("DeviceEvents"));
        QVERIFY(e.rawFields.contains(QLatin1String("\"AdditionalFields.TaskName\":\"\\\\Evil\"")));
    }

    void ruleNameFromTheImport() {
        QByteArray csv =
            "Timestamp,DeviceId,DeviceName,ActionType\n2025-03-04T10:00:00Z,d,h,ProcessCreated\n";
        QBuffer buffer(&csv);
        buffer.open(QIODevice::ReadOnly);
        const ReadResult result = readAll(factory<DefenderHuntingCsvReader>(), &buffer,
                                          ReaderContext(QStringLiteral("d.csv"), TimeNormalizer(),
                                                        QStringLiteral("Hunt: schtasks from Temp")));
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.events[0].value(EventField::RuleName), QStringLiteral("Hunt: schtasks from Temp"));
    }

    void badTimestamp() {
        const ReadResult result =
            readBytes(factory<DefenderHuntingCsvReader>(),
                      "Timestamp,DeviceId,DeviceName,ActionType\nnow,d,h,ProcessCreated\n", "d.csv");
        QCOMPARE(result.issueText(0),
                 QStringLiteral(
                     "d.csv:record 0 (line 2): Timestamp: \"now\" is not a time this reader understands"));
    }
};

QTEST_GUILESS_MAIN(TestDefenderHuntingCsvReader)
#include "tst_defenderhuntingcsvreader.moc"
