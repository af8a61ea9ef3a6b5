#include "ReaderTestSupport.h"

#include "ingest/FormatRegistry.h"
#include "ingest/ZircoliteJsonReader.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestZircoliteJsonReader : public QObject {
    Q_OBJECT

    static QString sample() {
        return QStringLiteral(TEST_DATA_DIR "/formats/zircolite/detected_events.json");
    }
    static ReadResult read(const QByteArray &bytes) {
        return readBytes(factory<ZircoliteJsonReader>(), bytes, "z.json");
    }

    static QByteArray rule(const QByteArray &matches) {
        return "{\n  \"title\": \"R\",\n  \"id\": \"1111\",\n  \"sigmafile\": \"r.yml\",\n  \"rule_level\": "
               "\"medium\",\n  \"tags\": [\"attack.t1053\"],\n  \"count\": 1,\n  \"matches\": " +
               matches + "\n}";
    }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("sample") << head(sample()) << "zircolite.json";
        QTest::newRow("big first rule")
            << "[{\n  \"title\": \"R\",\n  \"sigmafile\": \"r.yml\",\n  \"rule_level\": "
               "\"low\",\n  \"matches\": [\n" +
                   QByteArray(70000, ' ')
            << "zircolite.json";
        QTest::newRow("chainsaw is not zircolite")
            << head(TEST_DATA_DIR "/formats/chainsaw/hunt_output.json") << "chainsaw.json";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected =
            FormatRegistry::instance().detect(FileHead::fromBytes(head.left(64 * 1024)));
        QCOMPARE(detected ? detected->id : QString(), format);
    }

    void oneEventPerMatch() {
        const ReadResult result = readFile(factory<ZircoliteJsonReader>(), sample());
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 5); // 3 rule results
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(result.events[i].recordNo, i);
            QVERIFY(result.events[i].raw.startsWith(QLatin1String("{\n      \"row_id\": ")));
        }
        QCOMPARE(result.events[1].raw.count(QLatin1Char('\n')),
                 result.events[0].raw.count(QLatin1Char('\n')));
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("title") << 0 << "rule_name"
                               << "Scheduled Task Creation Via Schtasks.EXE";
        QTest::newRow("id") << 0 << "rule_ref_id"
                            << "92626ddd-662c-49e3-ac59-f6535f12d189";
        QTest::newRow("level") << 2 << "severity"
                               << "high";
        QTest::newRow("mitre") << 0 << "mitre"
                               << "[\"T1053.005\"]";
        QTest::newRow("source") << 0 << "rule_source"
                                << "zircolite";
        QTest::newRow("SystemTime") << 1 << "time_utc"
                                    << "2025-03-04T10:02:10.987652Z";
        QTest::newRow("Computer") << 1 << "host"
                                  << "wks-mkt-011";
        QTest::newRow("hashes joined again")
            << 0 << "hashes"
            << "SHA1=5A2F6F1B3C6E8D2B7A1E9C3D4F5A6B7C8D9E0F1A,MD5="
               "8D6E2C1F0B9A7E5D3C2B1A0F9E8D7C6B,SHA256="
               "2E1C7B9A4F6D8E0A3B5C7D9E1F2A4B6C8D0E2F4A6B8C0D2E4F6A8B0C2D4E6F80,"
               "IMPHASH=E3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8";
        QTest::newRow("ProcessId from EventData") << 0 << "process_pid"
                                                  << "7424";
        QTest::newRow("task from /tn") << 0 << "task_name"
                                       << "\\WindowsDefenderUpdate";
        QTest::newRow("Zoom run as") << 3 << "task_run_as"
                                     << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("4698 TaskContent") << 4 << "task_action"
                                          << "cmd /c C:\\Windows\\Temp\\svcupd.bat";
        QTest::newRow("4698 user") << 4 << "user"
                                   << "adm_backup";
        QTest::newRow("channel") << 4 << "event_source"
                                 << "Security";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = readFile(factory<ZircoliteJsonReader>(), sample());
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void rawFieldsHoldRuleAndMatch() {
        const ReadResult result = readFile(factory<ZircoliteJsonReader>(), sample());
        QVERIFY(!result.events.isEmpty());
        const QString &fields = result.events[0].rawFields;
        QVERIFY(fields.contains(QLatin1String("\"sigmafile\":\"proc_creation_win_schtasks_creation.yml\"")));
        QVERIFY(fields.contains(
            QLatin1String("\"OriginalLogfile\":\"Microsoft-Windows-Sysmon%4Operational.evtx\"")));
        QCOMPARE(
            result.events[0].identity,
            QStringLiteral(
                "Microsoft-Windows-Sysmon%4Operational.evtx|333108|92626ddd-662c-49e3-ac59-f6535f12d189"));
    }

    void ruleWithoutMatchesArrayIsSkipped() {
        const QByteArray json =
            "[" + rule("null") + ",\n" +
            rule("[{\"EventID\": 1, \"Computer\": \"h\", \"EventRecordID\": 5, \"SystemTime\": "
                 "\"2025-03-04T10:00:00Z\"}]") +
            "]";
        const ReadResult result = read(json);
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.issueText(0),
                 QStringLiteral("z.json:record 0 (line 1): the rule result \"R\" has no matches array"));
        QCOMPARE(result.events[0].value(EventField::RecordId), QStringLiteral("5"));
        QCOMPARE(result.events[0].value(EventField::Mitre), QStringLiteral("[\"T1053\"]"));
    }

    void lineOfEachMatch() {
        const QByteArray json =
            "[" +
            rule("[\n    {\"EventID\": 1, \"SystemTime\": \"bad\"},\n    {\"EventID\": 1, "
                 "\"SystemTime\": \"also bad\"}\n  ]") +
            "]";
        const ReadResult result = read(json);
        QCOMPARE(result.issues.size(), 2);
        QCOMPARE(result.issueText(0),
                 QStringLiteral("z.json:record 0 (line 9): TimeCreated SystemTime \"bad\" is not a time"));
        QCOMPARE(
            result.issueText(1),
            QStringLiteral("z.json:record 1 (line 10): TimeCreated SystemTime \"also bad\" is not a time"));
    }

    void truncatedFileFails() {
        QFile file(sample());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ReadResult result = read(file.readAll().left(3000));
        QCOMPARE(result.last, EventReader::Status::Failed);
        QCOMPARE(result.issueText(0),
                 QStringLiteral("z.json:record 0: line 67: the file ends inside a JSON value (truncated?)"));
    }
};

QTEST_GUILESS_MAIN(TestZircoliteJsonReader)
#include "tst_zircolitejsonreader.moc"
