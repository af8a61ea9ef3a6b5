#include "ReaderTestSupport.h"

#include "ingest/FormatRegistry.h"
#include "ingest/MdeAdvancedHuntingReader.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestMdeAdvancedHuntingReader : public QObject {
    Q_OBJECT

    static QString sample() {
        return QStringLiteral(TEST_DATA_DIR
                              "/formats/defender/DeviceEvents_ScheduledTask_advancedqueries_run.json");
    }
    static ReadResult read() { return readFile(factory<MdeAdvancedHuntingReader>(), sample()); }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("sample") << head(sample()) << "mde.advancedhunting.json";
        QTest::newRow("Graph spelling")
            << QByteArray("{\"schema\":[],\"results\":[]}") << "mde.advancedhunting.json";
        QByteArray big = "{\"Schema\":[{\"Name\":\"Timestamp\",\"Type\":\"DateTime\"}],\"Results\":[";
        for (int i = 0; i < 2000; ++i)
            big += "{\"Timestamp\":\"2025-03-04T10:00:00Z\",\"DeviceId\":\"d\",\"ReportId\":" +
                   QByteArray::number(i) + "},";
        QTest::newRow("response bigger than the head") << big.left(64 * 1024) << "mde.advancedhunting.json";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head));
        QCOMPARE(detected ? detected->id : QString(), format);
    }

    void readsEveryRow() {
        const ReadResult result = read();
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 7);
        for (int i = 0; i < 7; ++i)
            QCOMPARE(result.events[i].recordNo, i);
        QVERIFY(result.events[0].raw.startsWith(QLatin1String("{\n            \"Timestamp\"")));
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("created") << 1 << "task_operation"
                                 << "created";
        QTest::newRow("updated") << 5 << "task_operation"
                                 << "updated";
        QTest::newRow("deleted") << 6 << "task_operation"
                                 << "deleted";
        QTest::newRow("task name from AdditionalFields") << 1 << "task_name"
                                                         << "\\WindowsDefenderUpdate";
        QTest::newRow("TaskContent, decoded twice") << 1 << "task_run_as"
                                                    << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("run level") << 1 << "task_run_level"
                                   << "HighestAvailable";
        QTest::newRow("trigger") << 1 << "task_trigger"
                                 << "LogonTrigger";
        QTest::newRow("backup runs as service account") << 3 << "task_run_as"
                                                        << "CORP\\svc_backup";
        QTest::newRow("logon type") << 3 << "task_logon_type"
                                    << "Password";
        QTest::newRow("Int64 report id") << 1 << "record_id"
                                         << "9378";
        QTest::newRow("actor") << 1 << "process_name"
                               << "svchost.exe";
        QTest::newRow("user") << 1 << "user"
                              << "jdoe";
        QTest::newRow("sid") << 1 << "user_sid"
                             << "S-1-5-21-3623811015-3361044348-30300820-1107";
        QTest::newRow("time") << 1 << "time_utc"
                              << "2025-03-04T09:41:17.402113Z";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read();
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void streamsAfterOtherMembers() {
        const ReadResult result = readBytes(
            factory<MdeAdvancedHuntingReader>(),
            "{\"Stats\":{\"x\":[1,{\"y\":\"]}\"}]},\"Schema\":[{\"Name\":\"Timestamp\"}],\n\"Results\":[\n"
            "{\"Timestamp\":\"2025-03-04T10:00:00Z\",\"DeviceId\":\"d\",\"ReportId\":1,\"ActionType\":\"X\","
            "\"Ok\":true},\n"
            "{\"Timestamp\":\"2025-03-04T10:00:01Z\",\"DeviceId\":\"d\",\"ReportId\":2,\"Value\":null}\n],"
            "\"Done\":1}",
            "m.json");
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 2);
        QCOMPARE(result.events[1].value(EventField::RecordId), QStringLiteral("2"));
    }

    void errors_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("issue");
        QTest::newRow("truncated")
            << QByteArray("{\"Schema\":[],\"Results\":[{\"Timestamp\":\"2025-03")
            << "m.json:record 0: line 1: the file ends inside a JSON value (truncated?)";
        QTest::newRow("non-object row")
            << QByteArray("{\"Schema\":[],\"Results\":[42]}")
            << "m.json:record 0: line 1: an item of \"Results\" is not a JSON object (starts "
               "with '4')";
        QTest::newRow("bad time")
            << QByteArray("{\"Schema\":[],\"Results\":[{\"Timestamp\":\"soon\"}]}")
            << "m.json:record 0 (line 1): Timestamp: \"soon\" is not a time this reader "
               "understands";
        QTest::newRow("no results") << QByteArray("{\"Schema\":[]}")
                                    << "m.json:record 0 (line 1): the response has no Results array";
    }
    void errors() {
        QFETCH(QByteArray, json);
        QFETCH(QString, issue);
        const ReadResult result = readBytes(factory<MdeAdvancedHuntingReader>(), json, "m.json");
        QCOMPARE(result.events.size(), 0);
        QCOMPARE(result.issueText(0), issue);
    }
};

QTEST_GUILESS_MAIN(TestMdeAdvancedHuntingReader)
#include "tst_mdeadvancedhuntingreader.moc"
