#include "ReaderTestSupport.h"

#include "ingest/FormatRegistry.h"
#include "ingest/MdeAlertsReader.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestMdeAlertsReader : public QObject {
    Q_OBJECT

    static QString sample() { return QStringLiteral(TEST_DATA_DIR "/formats/defender/mde_api_alerts.json"); }
    static ReadResult read() { return readFile(factory<MdeAlertsReader>(), sample()); }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("list") << head(sample()) << "mde.alerts.json";
        QTest::newRow("one alert") << QByteArray(
                                          "{\"id\":\"da1\",\"alertCreationTime\":\"2025-03-04T10:00:00Z\","
                                          "\"detectorId\":\"x\"}")
                                   << "mde.alerts.json";
        QTest::newRow("list bigger than the head")
            << QByteArray("{\n  \"@odata.context\": "
                          "\"https://api.securitycenter.microsoft.com/api/$metadata#Alerts\",\n"
                          "  \"value\": [{\"id\": \"") +
                   QByteArray(70000, 'a')
            << "mde.alerts.json";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected =
            FormatRegistry::instance().detect(FileHead::fromBytes(head.left(64 * 1024)));
        QCOMPARE(detected ? detected->id : QString(), format);
    }

    void readsEveryAlert() {
        const ReadResult result = read();
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 3);
        QCOMPARE(result.events[0].identity, QStringLiteral("da638767312771234567_-1398264410"));
        QCOMPARE(result.events[0].recordNo, 0);
        QCOMPARE(result.events[2].recordNo, 2);
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("first event time") << 0 << "time_utc"
                                          << "2025-03-04T09:41:17.399472Z";
        QTest::newRow("alert time") << 0 << "alert_time_utc"
                                    << "2025-03-04T09:47:39.601000Z";
        QTest::newRow("title") << 0 << "rule_name"
                               << "Suspicious Task Scheduler activity";
        QTest::newRow("detector") << 0 << "rule_ref_id"
                                  << "2b8e4c1d-7a3f-4e9b-8c6d-5f1a0e2b3c4d";
        QTest::newRow("severity") << 2 << "severity"
                                  << "high";
        QTest::newRow("status") << 2 << "status"
                                << "in_progress";
        QTest::newRow("resolved") << 1 << "status"
                                  << "closed";
        QTest::newRow("prior verdict") << 1 << "disposition_raw"
                                       << "InformationalExpectedActivity / LineOfBusinessApplication";
        QTest::newRow("owner") << 1 << "owner"
                               << "tsmith@corp.example.com";
        QTest::newRow("mitre") << 2 << "mitre"
                               << "[\"T1053.002\",\"T1053.005\",\"T1021\"]";
        QTest::newRow("host") << 0 << "host"
                              << "wks-fin-023";
        QTest::newRow("related user") << 0 << "user"
                                      << "jdoe";
        QTest::newRow("domain") << 0 << "user_domain"
                                << "CORP";
        QTest::newRow("user evidence sid") << 0 << "user_sid"
                                           << "S-1-5-21-3623811015-3361044348-30300820-1107";
        QTest::newRow("process evidence: folder + file") << 0 << "process_image"
                                                         << "C:\\Windows\\System32\\schtasks.exe";
        QTest::newRow("parent") << 0 << "parent_image"
                                << "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_viewer.exe";
        QTest::newRow("pid") << 0 << "process_pid"
                             << "7424";
        QTest::newRow("task from the command line") << 0 << "task_name"
                                                    << "\\WindowsDefenderUpdate";
        QTest::newRow("at.exe target") << 2 << "target_host"
                                       << "SRV-APP-02";
        QTest::newRow("hash") << 0 << "hashes"
                              << "SHA1=5a2f6f1b3c6e8d2b7a1e9c3d4f5a6b7c8d9e0f1a";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read();
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void keepsCommentsInRawFields() {
        const ReadResult result = read();
        QVERIFY(result.events.size() > 1);
        QVERIFY(result.events[1].rawFields.contains(QLatin1String("Zoom installer (signed")));
    }

    void singleAlertObject() {
        const ReadResult result =
            readBytes(factory<MdeAlertsReader>(),
                      "{\"@odata.context\":\"x#Alerts/$entity\",\"id\":\"da1\",\"title\":\"T\","
                      "\"severity\":\"UnSpecified\",\"alertCreationTime\":\"2025-03-04T10:00:00Z\","
                      "\"firstEventTime\":null,\"evidence\":[]}",
                      "a.json");
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.events[0].value(EventField::TimeUtc), QStringLiteral("2025-03-04T10:00:00.000000Z"));
        QCOMPARE(result.events[0].value(EventField::Severity), QString());
        QCOMPARE(result.events[0].value(EventField::SeverityRaw), QStringLiteral("UnSpecified"));
    }

    void notAnAlert() {
        const ReadResult result =
            readBytes(factory<MdeAlertsReader>(), "{\"@odata.context\":\"x#Alerts\",\"value\":[{\"foo\":1}]}",
                      "a.json");
        QCOMPARE(result.issueText(0),
                 QStringLiteral("a.json:record 0 (line 1): not a Defender alert (no id or "
                                "alertCreationTime)"));
    }
};

QTEST_GUILESS_MAIN(TestMdeAlertsReader)
#include "tst_mdealertsreader.moc"
