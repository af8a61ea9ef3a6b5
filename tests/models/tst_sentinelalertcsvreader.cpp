#include "ReaderTestSupport.h"

#include "ingest/FormatRegistry.h"
#include "ingest/SentinelAlertCsvReader.h"

#include <QTest>
#include <QTimeZone>

using namespace tb;
using namespace tb::testing;

class TestSentinelAlertCsvReader : public QObject {
    Q_OBJECT

    static QString sample() {
        return QStringLiteral(TEST_DATA_DIR "/formats/sentinel/SecurityAlert_loganalytics_export.csv");
    }
    static ReadResult read() { return readFile(factory<SentinelAlertCsvReader>(), sample()); }

private slots:
    void detects() {
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head(sample())));
        QVERIFY(detected);
        QCOMPARE(detected->id, QStringLiteral("sentinel.securityalert.csv"));
    }

    void readsEveryAlert() {
        const ReadResult result = read();
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 6);
        QCOMPARE(result.events[0].identity, QStringLiteral("9b9fd2e0-50ef-5070-a285-1a667dd7dfcc"));
        QVERIFY(result.events[0].raw.startsWith(QLatin1String("{\"TenantId\":")));
        QVERIFY(result.events[0].raw.contains(
            QLatin1String("\"TimeGenerated [UTC]\":\"3/4/2025, 9:45:03.118 AM\"")));
        QVERIFY(result.events[0].rawFields.contains(
            QLatin1String("\"ExtendedProperties.Query Period\":\"01:00:00\"")));
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("StartTime, en-US, zone from the header") << 0 << "time_utc"
                                                                << "2025-03-04T09:41:17.402000Z";
        QTest::newRow("header_tz") << 0 << "time_confidence"
                                   << "header_tz";
        QTest::newRow("original") << 0 << "time_original"
                                  << "3/4/2025, 9:41:17.402 AM";
        QTest::newRow("TimeGenerated is the alert time") << 0 << "alert_time_utc"
                                                         << "2025-03-04T09:45:03.118000Z";
        QTest::newRow("PM") << 2 << "alert_time_utc"
                            << "2025-03-04T13:55:02.706000Z";
        QTest::newRow("rule") << 0 << "rule_name"
                              << "Scheduled task created with encoded PowerShell action";
        QTest::newRow("AlertType")
            << 0 << "rule_id"
            << "6c2f1e0d-9b8a-4c7d-8e6f-5a4b3c2d1e0f_8b9c0d1e-2f3a-4b5c-9d6e-7f8091a2b3c4";
        QTest::newRow("analytic rule id, JSON in JSON in CSV") << 0 << "rule_ref_id"
                                                               << "8b9c0d1e-2f3a-4b5c-9d6e-7f8091a2b3c4";
        QTest::newRow("sentinel") << 0 << "rule_source"
                                  << "sentinel";
        QTest::newRow("MDATP is defender") << 3 << "rule_source"
                                           << "defender";
        QTest::newRow("severity") << 0 << "severity"
                                  << "high";
        QTest::newRow("resolved") << 1 << "status"
                                  << "closed";
        QTest::newRow("in progress") << 5 << "status"
                                     << "in_progress";
        QTest::newRow("techniques and sub-techniques") << 2 << "mitre"
                                                       << "[\"T1053\",\"T1021\",\"T1053.005\"]";
        QTest::newRow("host entity") << 0 << "host_fqdn"
                                     << "wks-fin-023.corp.example.com";
        QTest::newRow("account entity") << 0 << "user"
                                        << "jdoe";
        QTest::newRow("account domain") << 0 << "user_domain"
                                        << "CORP";
        QTest::newRow("account sid") << 2 << "user_sid"
                                     << "S-1-5-21-3623811015-3361044348-30300820-2118";
        QTest::newRow("process image via $ref") << 0 << "process_image"
                                                << "C:\\Windows\\System32\\schtasks.exe";
        QTest::newRow("process id") << 0 << "process_pid"
                                    << "7424";
        QTest::newRow("task from the command line") << 0 << "task_name"
                                                    << "\\WindowsDefenderUpdate";
        QTest::newRow("run as") << 1 << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("ip entity") << 4 << "source_ip"
                                   << "198.51.100.23";
        QTest::newRow("service account") << 4 << "user"
                                         << "system:serviceaccount:default:webapp-sa";
        QTest::newRow("AKS cluster") << 4 << "host"
                                     << "aks-prod-weu";
        QTest::newRow("AKS is kubernetes") << 4 << "platform"
                                           << "kubernetes";
        QTest::newRow("file entity is the target") << 5 << "target_path"
                                                   << "/etc/cron.d/.sys-update";
        QTest::newRow("a cron file is the task") << 5 << "task_name"
                                                 << "/etc/cron.d/.sys-update";
        QTest::newRow("OSFamily") << 5 << "platform"
                                  << "linux";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read();
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void localTimeHeaderUsesTheAssumedZone() {
        QByteArray csv = "SystemAlertId,AlertName,\"StartTime [Local Time]\",\"TimeGenerated [UTC]\"\n"
                         "a1,R,\"3/4/2025, 10:41:17.402 AM\",\"3/4/2025, 9:45:03.118 AM\"\n";
        QBuffer buffer(&csv);
        buffer.open(QIODevice::ReadOnly);
        const ReadResult result =
            readAll(factory<SentinelAlertCsvReader>(), &buffer,
                    ReaderContext(QStringLiteral("s.csv"),
                                  TimeNormalizer(QTimeZone(QByteArrayLiteral("Europe/Berlin")))));
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.events[0].value(EventField::TimeUtc), QStringLiteral("2025-03-04T09:41:17.402000Z"));
        QCOMPARE(result.events[0].value(EventField::TimeConfidence), QStringLiteral("assumed_tz"));
        QCOMPARE(result.events[0].value(EventField::AlertTimeUtc),
                 QStringLiteral("2025-03-04T09:45:03.118000Z"));
    }

    void unreadableTimeNamesTheColumn() {
        const ReadResult result =
            readBytes(factory<SentinelAlertCsvReader>(),
                      "SystemAlertId,AlertName,\"StartTime [UTC]\"\na1,R,last tuesday\n", "s.csv");
        QCOMPARE(result.events.size(), 0);
        QCOMPARE(result.issueText(0),
                 QStringLiteral("s.csv:record 0 (line 2): StartTime [UTC]: \"last tuesday\" is not "
                                "a time this reader understands"));
    }

    void brokenEntitiesAreIgnored() {
        const ReadResult result =
            readBytes(factory<SentinelAlertCsvReader>(),
                      "SystemAlertId,AlertName,Entities,CompromisedEntity\n"
                      "a1,R,\"[{\"\"$id\"\":\"\"2\"\",\"\"Type\"\":\"\"process\"\",\"\"ImageFile\"\":"
                      "{\"\"$ref\"\":\"\"9\"\"}},{\"\"Type\"\":\"\"host\"\"\",h1\n"
                      "a2,R,not json,h2\n",
                      "s.csv");
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 2);
        QCOMPARE(result.events[0].value(EventField::Host), QStringLiteral("h1"));
        QCOMPARE(result.events[0].value(EventField::TimeConfidence), QStringLiteral("missing"));
    }
};

QTEST_GUILESS_MAIN(TestSentinelAlertCsvReader)
#include "tst_sentinelalertcsvreader.moc"
