#include "ReaderTestSupport.h"

#include "ingest/ChainsawCsvReader.h"
#include "ingest/FormatRegistry.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestChainsawCsvReader : public QObject {
    Q_OBJECT

    static QString sample(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/formats/chainsaw/csv_out/") + QLatin1String(name);
    }
    static ReadResult read(const QString &path) { return readFile(factory<ChainsawCsvReader>(), path); }

    static QByteArray header() {
        return "timestamp,detections,path,Event.System.Provider,Event ID,Record ID,Computer,Event Data\n";
    }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("sigma group") << head(sample("sigma.csv")) << "chainsaw.csv";
        QTest::newRow("chainsaw rule group") << head(sample("persistence.csv")) << "chainsaw.csv";
        QTest::newRow("aggregation adds count")
            << QByteArray("timestamp,detections,path,count,Event ID\n") << "chainsaw.csv";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head));
        QCOMPARE(detected ? detected->id : QString(), format);
    }

    void oneEventPerDetectionName() {
        const ReadResult result = read(sample("sigma.csv"));
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 5); // 3 rows, two of them hit by two rules
        QStringList names;
        for (const NormalizedEvent &e : result.events)
            names << e.value(EventField::RuleName);
        QCOMPARE(names, QStringList({"Scheduled Task Creation Via Schtasks.EXE",
                                     "Schtasks Creation Or Modification With SYSTEM Privileges",
                                     "Scheduled Task Creation Via Schtasks.EXE",
                                     "Schtasks Creation Or Modification With SYSTEM Privileges",
                                     "Suspicious Scheduled Task Creation"}));
        QCOMPARE(result.events[1].raw, result.events[0].raw); // the same row
        QVERIFY(result.events[1].identity != result.events[0].identity);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(result.events[i].recordNo, i);
    }

    void mapsFields_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        const QString sigma = sample("sigma.csv");
        QTest::newRow("time") << sigma << 0 << "time_utc"
                              << "2025-03-04T09:41:17.399472Z";
        QTest::newRow("source") << sigma << 0 << "rule_source"
                                << "chainsaw";
        QTest::newRow("no rule id in CSV") << sigma << 0 << "rule_id"
                                           << "";
        QTest::newRow("YAML command line, quotes kept")
            << sigma << 2 << "task_action"
            << "\"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe\" /silent";
        QTest::newRow("YAML quoted scalar")
            << sigma << 0 << "parent_command_line"
            << "\"C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_viewer.exe\" --silent";
        QTest::newRow("provider column") << sigma << 0 << "event_source"
                                         << "Microsoft-Windows-Sysmon/Operational";
        QTest::newRow("record id") << sigma << 4 << "record_id"
                                   << "5531019";
        QTest::newRow("unindented multi-line TaskContent") << sigma << 4 << "task_action"
                                                           << "cmd /c C:\\Windows\\Temp\\svcupd.bat";
        QTest::newRow("4698 run as") << sigma << 4 << "task_run_as"
                                     << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("4698 remote") << sigma << 4 << "task_remote"
                                     << "1";
        QTest::newRow("host") << sigma << 4 << "host"
                              << "srv-app-02";
        const QString persistence = sample("persistence.csv");
        QTest::newRow("alias column: task") << persistence << 0 << "task_name"
                                            << "\\WindowsDefenderUpdate";
        QTest::newRow("alias column: user") << persistence << 0 << "user"
                                            << "jdoe";
        QTest::newRow("channel and provider from the file name") << persistence << 0 << "task_operation"
                                                                 << "created";
        QTest::newRow("channel") << persistence << 0 << "event_source"
                                 << "Microsoft-Windows-TaskScheduler/Operational";
        QTest::newRow("event id") << persistence << 0 << "event_code"
                                  << "106";
    }
    void mapsFields() {
        QFETCH(QString, file);
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read(file);
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void eventData_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("serde_yaml block literal") << "TaskName: \\Updater\nTaskContent: |-\n  <?xml "
                                                     "version=\"1.0\"?>\n  <Task>\n    <x/>\n  </Task>\n"
                                                     "ClientProcessId: 0\n"
                                                  << "TaskContent"
                                                  << "<?xml version=\"1.0\"?>\n<Task>\n  <x/>\n</Task>";
        QTest::newRow("quoted dash") << "RuleName: '-'\nUtcTime: 2025-03-04 09:41:17.399\n"
                                     << "RuleName"
                                     << "-";
        QTest::newRow("number") << "ProcessId: 7424\n"
                                << "ProcessId"
                                << "7424";
        QTest::newRow("quoted hex") << "LogonId: '0x5a3f21'\n"
                                    << "LogonId"
                                    << "0x5a3f21";
        QTest::newRow("nested mapping") << "Data:\n  Name: a\n  Value: b\n"
                                        << "Data.Value"
                                        << "b";
        QTest::newRow("not YAML: key lines") << "A: x: y\nB: <T a=\"1\">\n</T>\nC: 2\n"
                                             << "B"
                                             << "<T a=\"1\">\n</T>";
        QTest::newRow("not YAML: quoted ''") << "A: x: y\nB: 'it''s'\n"
                                             << "B"
                                             << "it's";
    }
    void eventData() {
        QFETCH(QString, yaml);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const auto pairs = ChainsawCsvReader::eventData(yaml);
        QString found = QStringLiteral("<missing>");
        for (const auto &[k, v] : pairs) {
            if (k == key)
                found = v;
        }
        QCOMPARE(found, expected);
    }

    void blockLiteralTaskContentEndToEnd() {
        const QByteArray csv =
            header() + "2025-03-04T13:49:03.012556+00:00,Suspicious Scheduled Task Creation,"
                       "C:/logs/Security.evtx,Microsoft-Windows-Security-Auditing,4698,7,SRV-1,\""
                       "TaskName: \\At1\nTaskContent: |-\n  <Task xmlns=\"\"x\"\"><Actions><Exec>"
                       "<Command>cmd</Command><Arguments>/c a.bat</Arguments></Exec></Actions></Task>\n"
                       "ClientProcessId: 0\n\"\n";
        const ReadResult result = readBytes(factory<ChainsawCsvReader>(), csv, "sigma.csv");
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.events[0].value(EventField::TaskAction), QStringLiteral("cmd /c a.bat"));
        QCOMPARE(result.events[0].value(EventField::TaskName), QStringLiteral("\\At1"));
    }

    void badRows_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("events");
        QTest::addColumn<QString>("issue");
        QTest::newRow("bad time")
            << header() + "soon,R,x.evtx,P,1,1,H,\n"
            << 0 << "c.csv:record 0 (line 2): timestamp: \"soon\" is not a time this reader understands";
        QTest::newRow("no detection") << header() + "2025-03-04T10:00:00+00:00,,x.evtx,P,1,1,H,\n"
                                      << 0 << "c.csv:record 0 (line 2): detections: the row names no rule";
        QTest::newRow("ragged") << header() + "2025-03-04T10:00:00+00:00,R,x,P,1,1,H,a: b,extra\n"
                                << 0 << "c.csv:record 0 (line 2): the row has 9 cells but the header has 8";
    }
    void badRows() {
        QFETCH(QByteArray, csv);
        QFETCH(int, events);
        QFETCH(QString, issue);
        const ReadResult result = readBytes(factory<ChainsawCsvReader>(), csv, "c.csv");
        QCOMPARE(result.events.size(), events);
        QCOMPARE(result.issueText(0), issue);
    }
};

QTEST_GUILESS_MAIN(TestChainsawCsvReader)
#include "tst_chainsawcsvreader.moc"
