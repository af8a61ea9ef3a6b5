#include "ReaderTestSupport.h"

#include "ingest/ChainsawJsonReader.h"
#include "ingest/FormatRegistry.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestChainsawJsonReader : public QObject {
    Q_OBJECT

    static QString sample(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/formats/chainsaw/") + QLatin1String(name);
    }
    static ReadResult read(const QString &path) { return readFile(factory<ChainsawJsonReader>(), path); }
    static ReadResult read(const QByteArray &bytes) {
        return readBytes(factory<ChainsawJsonReader>(), bytes, "h.json");
    }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("one-line array") << head(sample("hunt_output.json")) << "chainsaw.json";
        QTest::newRow("JSON lines") << head(sample("hunt_output.jsonl")) << "chainsaw.jsonl";
        QTest::newRow("first detection bigger than the head")
            << QByteArray("[{\"group\":\"Sigma\",\"kind\":\"individual\",\"document\":{\"kind\":\"evtx\","
                          "\"data\":\"") +
                   QByteArray(70000, 'x')
            << "chainsaw.json";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected =
            FormatRegistry::instance().detect(FileHead::fromBytes(head.left(64 * 1024)));
        QCOMPARE(detected ? detected->id : QString(), format);
    }

    void bothFramingsGiveTheSameEvents() {
        const ReadResult array = read(sample("hunt_output.json"));
        const ReadResult lines = read(sample("hunt_output.jsonl"));
        QVERIFY2(array.issues.isEmpty(), qPrintable(array.issueText(0)));
        QVERIFY2(lines.issues.isEmpty(), qPrintable(lines.issueText(0)));
        QCOMPARE(array.events.size(), 6);
        QCOMPARE(lines.events.size(), 6);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(array.events[i].recordNo, i);
            QCOMPARE(array.events[i].identity, lines.events[i].identity);
            QCOMPARE(array.events[i].fields, lines.events[i].fields);
        }
        QCOMPARE(lines.issues.size(), 0);
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rule") << 0 << "rule_name"
                              << "Scheduled Task Creation Via Schtasks.EXE";
        QTest::newRow("upstream Sigma id") << 0 << "rule_ref_id"
                                           << "92626ddd-662c-49e3-ac59-f6535f12d189";
        QTest::newRow("rule id") << 0 << "rule_id"
                                 << "92626ddd-662c-49e3-ac59-f6535f12d189";
        QTest::newRow("level") << 1 << "severity"
                               << "high";
        QTest::newRow("level raw") << 0 << "severity_raw"
                                   << "low";
        QTest::newRow("info") << 2 << "severity"
                              << "informational";
        QTest::newRow("tags to techniques") << 0 << "mitre"
                                            << "[\"T1053.005\"]";
        QTest::newRow("source") << 2 << "rule_source"
                                << "chainsaw";
        QTest::newRow("timestamp +00:00") << 0 << "time_utc"
                                          << "2025-03-04T09:41:17.399472Z";
        QTest::newRow("exact") << 0 << "time_confidence"
                               << "exact";
        QTest::newRow("evtx document host") << 0 << "host"
                                            << "wks-fin-023";
        QTest::newRow("provider attributes") << 0 << "event_source"
                                             << "Microsoft-Windows-Sysmon/Operational";
        QTest::newRow("record id number") << 0 << "record_id"
                                          << "333108";
        QTest::newRow("image") << 0 << "process_name"
                               << "schtasks.exe";
        QTest::newRow("parent from Temp") << 0 << "parent_image"
                                          << "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_viewer.exe";
        QTest::newRow("pid typed as number") << 0 << "process_pid"
                                             << "7424";
        QTest::newRow("schtasks /tn") << 0 << "task_name"
                                      << "\\WindowsDefenderUpdate";
        QTest::newRow("schtasks /ru") << 1 << "task_run_as"
                                      << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("TaskScheduler 106 with EventData_attributes") << 2 << "task_operation"
                                                                     << "created";
        QTest::newRow("106 user context") << 2 << "user"
                                          << "jdoe";
        QTest::newRow("4698 TaskContent") << 5 << "task_action"
                                          << "cmd /c C:\\Windows\\Temp\\svcupd.bat";
        QTest::newRow("4698 remote") << 5 << "task_remote"
                                     << "1";
        QTest::newRow("Zoom FP") << 3 << "task_action"
                                 << "\"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe\" /silent";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read(sample("hunt_output.json"));
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void keepsTheDetectionAsRawFields() {
        const ReadResult result = read(sample("hunt_output.jsonl"));
        QVERIFY(!result.events.isEmpty());
        const NormalizedEvent &e = result.events[0];
        QVERIFY(e.raw.startsWith(QLatin1String("{\"group\":\"Sigma\"")));
        QVERIFY(e.rawFields.contains(QLatin1String("\"document.path\":\"/cases/IR-2025-031/WKS-FIN-023/")));
        QVERIFY(e.rawFields.contains(QLatin1String("\"falsepositives\":")));
        QCOMPARE(e.identity,
                 QStringLiteral("/cases/IR-2025-031/WKS-FIN-023/Microsoft-Windows-Sysmon%4Operational.evtx|"
                                "333108|Scheduled Task Creation Via Schtasks.EXE"));
    }

    void aggregateGivesOneEventPerDocument() {
        const QByteArray doc1 =
            "{\"kind\":\"evtx\",\"path\":\"C:/l/Security.evtx\",\"data\":{\"Event\":{\"System\":"
            "{\"EventID\":4698,\"EventRecordID\":1,\"Channel\":\"Security\",\"Computer\":\"h1\"},"
            "\"EventData\":{\"TaskName\":\"\\\\A\"}}}}";
        const QByteArray doc2 = QByteArray(doc1).replace("\"EventRecordID\":1", "\"EventRecordID\":2");
        const QByteArray aggregate = "{\"group\":\"Lateral\",\"kind\":\"aggregate\",\"documents\":[" + doc1 +
                                     "," + doc2 +
                                     "],\"name\":\"Many tasks\",\"timestamp\":\"2025-03-04T10:00:00+01:00\","
                                     "\"level\":\"medium\",\"source\":\"chainsaw\",\"status\":\"stable\"}\n";
        const ReadResult result = read(aggregate);
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 2);
        QCOMPARE(result.events[0].value(EventField::RecordId), QStringLiteral("1"));
        QCOMPARE(result.events[1].value(EventField::RecordId), QStringLiteral("2"));
        QCOMPARE(result.events[1].value(EventField::TaskName), QStringLiteral("\\A"));
        QCOMPARE(result.events[1].value(EventField::TimeUtc), QStringLiteral("2025-03-04T09:00:00.000000Z"));
        QVERIFY(result.events[0].identity != result.events[1].identity);
    }

    void badRecords_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("events");
        QTest::addColumn<QString>("issue");
        const QByteArray good =
            "{\"group\":\"Sigma\",\"kind\":\"individual\",\"document\":{\"kind\":\"json\","
            "\"path\":\"x.json\",\"data\":{\"a\":1}},\"name\":\"R\",\"timestamp\":"
            "\"2025-03-04T10:00:00+00:00\",\"level\":\"low\",\"source\":\"sigma\"}";
        QTest::newRow("unreadable timestamp")
            << QByteArray(good).replace("2025-03-04T10:00:00+00:00", "yesterday") + "\n" + good << 1
            << "h.json:record 0 (line 1): timestamp: \"yesterday\" is not a time this reader understands";
        QTest::newRow("truncated line")
            << good + "\n" + good.left(40) << 1
            << "h.json:record 1: line 2: the file ends inside a JSON value (truncated?)";
    }
    void badRecords() {
        QFETCH(QByteArray, json);
        QFETCH(int, events);
        QFETCH(QString, issue);
        const ReadResult result = read(json);
        QCOMPARE(result.events.size(), events);
        QCOMPARE(result.issueText(0), issue);
    }

    void nonEvtxDocumentsKeepTheirFields() {
        const ReadResult result = read(QByteArray(
            "{\"group\":\"Sigma\",\"kind\":\"individual\",\"document\":{\"kind\":\"jsonl\",\"path\":"
            "\"audit.jsonl\",\"data\":{\"cmd\":\"crontab -e\"}},\"name\":\"R\",\"timestamp\":"
            "\"2025-03-04T10:00:00+00:00\",\"level\":\"low\",\"source\":\"sigma\"}"));
        QCOMPARE(result.events.size(), 1);
        QVERIFY(result.events[0].rawFields.contains(QLatin1String("\"document.data.cmd\":\"crontab -e\"")));
        QCOMPARE(result.events[0].value(EventField::RuleName), QStringLiteral("R"));
    }
};

QTEST_GUILESS_MAIN(TestChainsawJsonReader)
#include "tst_chainsawjsonreader.moc"
