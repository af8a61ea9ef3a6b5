#include "ingest/ElasticAlertReader.h"
#include "ingest/FormatRegistry.h"
#include "ingest/NormalizedEvent.h"
#include "ingest/TimeNormalizer.h"
#include "ingest/WindowsEventXml.h"

#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace tb;

namespace {

struct ReadResult {
    QList<NormalizedEvent> events;
    QList<ImportIssue> issues;
    bool failed = false;
};

ReadResult readDevice(QIODevice *device) {
    ElasticAlertReader reader(device, {QStringLiteral("alerts.ndjson"), TimeNormalizer(), QString()});
    ReadResult result;
    NormalizedEvent event;
    ImportIssue issue;
    for (;;) {
        const auto status = reader.next(event, issue);
        if (status == EventReader::Status::End)
            break;
        if (status == EventReader::Status::Failed) {
            result.failed = true;
            result.issues << issue;
            break;
        }
        if (status == EventReader::Status::Event)
            result.events << event;
        else
            result.issues << issue;
    }
    return result;
}

ReadResult readFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return readDevice(&file);
}

ReadResult readBytes(QByteArray bytes) {
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return readDevice(&buffer);
}

QString sample() {
    return QStringLiteral(TEST_DATA_DIR "/formats/elastic/alerts-security.alerts-default.ndjson");
}

QByteArray fileBytes(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestElasticAlertReader : public QObject {
    Q_OBJECT

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("NDJSON of hits") << fileBytes(sample()).left(64 * 1024) << "elastic.alerts.json";
        QTest::newRow("dotted _source line")
            << QByteArray("{\"@timestamp\":\"2025-03-04T09:46:21.733Z\",\"kibana.alert.rule.name\":\"x\"}\n")
            << "elastic.alerts.json";
        QTest::newRow("nested _source line")
            << QByteArray("{\"kibana\":{\"alert\":{\"uuid\":\"u1\",\"rule\":{\"name\":\"x\"}}}}\n")
            << "elastic.alerts.json";
        QTest::newRow("search response")
            << fileBytes(QStringLiteral(TEST_DATA_DIR "/elastic/search_response.json"))
            << "elastic.alerts.json";
        QTest::newRow("array of documents")
            << fileBytes(QStringLiteral(TEST_DATA_DIR "/elastic/alerts_array.json")) << "elastic.alerts.json";
        // The head ends inside a first object bigger than 64 KiB.
        QByteArray big("{\n  \"took\": 3,\n  \"hits\": {\n    \"hits\": [\n      {\n        \"_source\": {\n"
                       "          \"kibana.alert.rule.name\": \"x\",\n          \"message\": \"");
        big += QByteArray(70 * 1024, 'x');
        QTest::newRow("first object beyond the head, dotted") << big.left(64 * 1024) << "elastic.alerts.json";
        QByteArray nested(
            "{\"hits\":{\"hits\":[{\"_source\":{\"kibana\" : {\n \"alert\" : {\"rule\":{\"name\":\"");
        nested += QByteArray(70 * 1024, 'y');
        QTest::newRow("first object beyond the head, nested")
            << nested.left(64 * 1024) << "elastic.alerts.json";
        QTest::newRow("hayabusa is not elastic")
            << QByteArray("{\"Timestamp\":\"2025-03-04 18:41:17.402 +09:00\",\"RuleTitle\":\"x\",\"Channel\":"
                          "\"Sec\",\"EventID\":4698}\n")
            << "hayabusa.jsonl";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head));
        QVERIFY(detected);
        QCOMPARE(detected->id, format);
    }

    void counts_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("events");
        QTest::addColumn<int>("skipped");
        QTest::newRow("sample hits") << sample() << 8 << 0;
        QTest::newRow("demo") << QStringLiteral(DEMO_DATA_DIR "/elastic_alerts.ndjson") << 156 << 0;
        QTest::newRow("search response")
            << QStringLiteral(TEST_DATA_DIR "/elastic/search_response.json") << 3 << 0;
        QTest::newRow("array") << QStringLiteral(TEST_DATA_DIR "/elastic/alerts_array.json") << 3 << 0;
        QTest::newRow("truncated lines")
            << QStringLiteral(TEST_DATA_DIR "/elastic/alerts_truncated.ndjson") << 2 << 2;
    }
    void counts() {
        QFETCH(QString, path);
        QFETCH(int, events);
        QFETCH(int, skipped);
        const ReadResult result = readFile(path);
        QVERIFY(!result.failed);
        QCOMPARE(result.events.size(), events);
        QCOMPARE(result.issues.size(), skipped);
        for (qsizetype i = 0; i < result.events.size(); ++i) {
            QVERIFY(!result.events[i].identity.isEmpty());
            QVERIFY(!result.events[i].value(EventField::RuleName).isEmpty());
            QVERIFY(!result.events[i].value(EventField::TimeUtc).isEmpty());
            QCOMPARE(result.events[i].value(EventField::RuleSource), QStringLiteral("elastic"));
        }
    }

    void truncatedLinesAreSkipped() {
        const ReadResult result = readFile(QStringLiteral(TEST_DATA_DIR "/elastic/alerts_truncated.ndjson"));
        QCOMPARE(result.issues.size(), 2);
        QCOMPARE(result.issues[0].record, 1);
        QCOMPARE(result.issues[0].line, 2);
        QVERIFY(result.issues[0].toString().startsWith(
            QLatin1String("alerts.ndjson:record 1 (line 2): not valid JSON (")));
        QCOMPARE(result.issues[1].line, 4);
        QCOMPARE(result.events[1].recordNo, 2);
        QCOMPARE(result.events[1].value(EventField::RuleName),
                 QStringLiteral("Remote Scheduled Task Creation via RPC"));
    }

    void sampleNormalizes_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("time") << 0 << "time_utc"
                              << "2025-03-04T09:41:17.402000Z";
        QTest::newRow("time original") << 0 << "time_original"
                                       << "2025-03-04T09:41:17.402Z";
        QTest::newRow("confidence") << 0 << "time_confidence"
                                    << "exact";
        QTest::newRow("alert time") << 0 << "alert_time_utc"
                                    << "2025-03-04T09:46:21.733000Z";
        QTest::newRow("rule") << 0 << "rule_name"
                              << "A scheduled task was created";
        QTest::newRow("rule uuid") << 0 << "rule_id"
                                   << "0b4a8f2e-6c1d-11ef-9c3a-7d2e1f0a9b8c";
        QTest::newRow("prebuilt rule id") << 0 << "rule_ref_id"
                                          << "92a6faf5-78ec-4e25-bea1-73bacc9b59d9";
        QTest::newRow("severity") << 0 << "severity"
                                  << "low";
        QTest::newRow("risk") << 0 << "risk_score"
                              << "21";
        QTest::newRow("open") << 0 << "status"
                              << "new";
        QTest::newRow("mitre") << 0 << "mitre"
                               << "[\"T1053\",\"T1053.005\"]";
        QTest::newRow("host") << 0 << "host"
                              << "wks-fin-023";
        QTest::newRow("fqdn") << 0 << "host_fqdn"
                              << "wks-fin-023.corp.example.com";
        QTest::newRow("user") << 0 << "user"
                              << "jdoe";
        QTest::newRow("domain") << 0 << "user_domain"
                                << "CORP";
        QTest::newRow("sid") << 0 << "user_sid"
                             << "S-1-5-21-3623811015-3361044348-30300820-1107";
        QTest::newRow("event code") << 0 << "event_code"
                                    << "4698";
        QTest::newRow("channel") << 0 << "event_source"
                                 << "Security";
        QTest::newRow("record id") << 0 << "record_id"
                                   << "1104399";
        QTest::newRow("task name") << 0 << "task_name"
                                   << "\\WindowsDefenderUpdate";
        QTest::newRow("operation") << 0 << "task_operation"
                                   << "created";
        QTest::newRow("run as") << 0 << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("run level") << 0 << "task_run_level"
                                   << "HighestAvailable";
        QTest::newRow("trigger") << 0 << "task_trigger"
                                 << "LogonTrigger";
        QTest::newRow("local") << 0 << "task_remote"
                               << "0";
        QTest::newRow("platform") << 0 << "platform"
                                  << "windows";
        QTest::newRow("closed FP") << 1 << "status"
                                   << "closed";
        QTest::newRow("FP tags") << 1 << "disposition_raw"
                                 << "False Positive; Vendor updater";
        QTest::newRow("quoted command") << 1 << "task_action"
                                        << "\"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe\" /silent";
        QTest::newRow("acknowledged") << 2 << "status"
                                      << "in_progress";
        QTest::newRow("remote") << 2 << "task_remote"
                                << "1";
        QTest::newRow("hidden") << 2 << "task_hidden"
                                << "1";
        QTest::newRow("medium") << 2 << "severity"
                                << "medium";
        QTest::newRow("building block image") << 4 << "process_image"
                                              << "C:\\Windows\\System32\\schtasks.exe";
        QTest::newRow("building block parent") << 4 << "parent_name"
                                               << "invoice_viewer.exe";
        QTest::newRow("building block schtasks") << 4 << "task_name"
                                                 << "\\WindowsDefenderUpdate";
        QTest::newRow("building block trigger") << 4 << "task_trigger"
                                                << "/sc onlogon";
        QTest::newRow("cron file") << 5 << "target_path"
                                   << "/etc/cron.d/.sys-update";
        QTest::newRow("cron task") << 5 << "task_name"
                                   << "/etc/cron.d/.sys-update";
        QTest::newRow("cron created") << 5 << "task_operation"
                                      << "created";
        QTest::newRow("linux") << 5 << "platform"
                               << "linux";
        QTest::newRow("linux pid") << 5 << "process_pid"
                                   << "23817";
        QTest::newRow("linux parent") << 5 << "parent_image"
                                      << "/usr/bin/dash";
        QTest::newRow("systemd timer") << 6 << "task_name"
                                       << "/etc/systemd/system/apt-daily-upgrade-helper.timer";
        QTest::newRow("admin backup run as") << 7 << "task_run_as"
                                             << "CORP\\svc_backup";
        QTest::newRow("admin tags") << 7 << "disposition_raw"
                                    << "False Positive; Admin activity";
    }
    void sampleNormalizes() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = readFile(sample());
        QCOMPARE(result.events.size(), 8);
        const auto field = eventFieldByColumn(column);
        QVERIFY(field.has_value());
        QCOMPARE(result.events[record].value(*field), expected);
        QCOMPARE(result.events[record].recordNo, qint64(record));
    }

    void rawIsTheLine() {
        const QList<QByteArray> lines = fileBytes(sample()).split('\n');
        const ReadResult result = readFile(sample());
        QCOMPARE(result.events[3].raw, QString::fromUtf8(lines[3]));
        QCOMPARE(result.events[3].identity,
                 QStringLiteral("690902bc40f9af98c24020df574fdc15663db6f75a96ca870181abb547071f02"));
        QVERIFY(result.events[0].rawFields.contains(QLatin1String("\"winlog.event_data.TaskName\":")));
        QVERIFY(result.events[0].rawFields.contains(QLatin1String("\"_index\":")));
        QVERIFY(!result.events[0].rawFields.contains(QLatin1String("\"_source.")));
    }

    void searchResponseHitsAreVerbatim() {
        const ReadResult result = readFile(QStringLiteral(TEST_DATA_DIR "/elastic/search_response.json"));
        QCOMPARE(result.events.size(), 3);
        QVERIFY(result.events[0].raw.startsWith(QLatin1String("{\n        \"_index\": ")));
        QCOMPARE(result.events[1].value(EventField::RuleName),
                 QStringLiteral("Remote Scheduled Task Creation via RPC"));
        QCOMPARE(result.events[1].identity,
                 QStringLiteral("0f15c3b6249ac2e8e9233948358d88af849bc3cb2244033c4f1a5089766992a6"));
        QCOMPARE(result.events[2].value(EventField::TaskName), QStringLiteral("/etc/cron.d/.sys-update"));
        QCOMPARE(result.events[2].recordNo, 2);
    }

    void otherShapes_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("identity");
        QTest::newRow("async search response")
            << QByteArray(
                   "{\"id\":\"FmR\",\"is_running\":false,\"response\":{\"hits\":{\"hits\":[{\"_id\":\"h1\","
                   "\"_source\":{\"@timestamp\":\"2025-03-04T09:46:21.733Z\",\"kibana.alert.rule.name\":"
                   "\"R1\"}}]}}}")
            << "R1"
            << "h1";
        QTest::newRow("nested kibana object, uuid")
            << QByteArray(
                   "{\"@timestamp\":\"2025-03-04T09:46:21.733Z\",\"kibana\":{\"alert\":{\"uuid\":\"u2\","
                   "\"rule\":{\"name\":\"R2\"}}}}")
            << "R2"
            << "u2";
        QTest::newRow("fields instead of _source")
            << QByteArray("{\"_index\":\"i\",\"_id\":\"h3\",\"fields\":{\"kibana.alert.rule.name\":[\"R3\"],"
                          "\"@timestamp\":[\"2025-03-04T09:46:21.733Z\"]}}")
            << "R3"
            << "h3";
        QTest::newRow("pretty array of hits")
            << QByteArray(
                   "[\n  {\n    \"_id\": \"h4\",\n    \"_source\": {\n      \"@timestamp\": "
                   "\"2025-03-04T09:46:21.733Z\",\n      \"kibana.alert.rule.name\": \"R4\"\n    }\n  }\n]\n")
            << "R4"
            << "h4";
    }
    void otherShapes() {
        QFETCH(QByteArray, json);
        QFETCH(QString, rule);
        QFETCH(QString, identity);
        const ReadResult result = readBytes(json);
        QVERIFY(!result.failed);
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.events[0].value(EventField::RuleName), rule);
        QCOMPARE(result.events[0].identity, identity);
        QCOMPARE(result.events[0].value(EventField::TimeUtc), QStringLiteral("2025-03-04T09:46:21.733000Z"));
    }

    void badRecords_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad time")
            << QByteArray("{\"@timestamp\":\"soon\",\"kibana.alert.rule.name\":\"x\"}\n")
            << "alerts.ndjson:record 0 (line 1): @timestamp: \"soon\" is not a time this "
               "reader understands";
        QTest::newRow("not an object") << QByteArray("{\"kibana.alert.rule.name\":\"x\"}\n[1,2]\n")
                                       << "alerts.ndjson:record 1 (line 2): not a JSON object";
    }
    void badRecords() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const ReadResult result = readBytes(json);
        QVERIFY(!result.failed);
        QCOMPARE(result.issues.size(), 1);
        QCOMPARE(result.issues[0].toString(), expected);
    }

    void truncatedPrettyFileFails() {
        const ReadResult result =
            readBytes(QByteArray("[\n {\"kibana.alert.rule.name\": \"x\"},\n {\"a\": "));
        QVERIFY(result.failed);
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.issues.last().problem,
                 QStringLiteral("line 3: the file ends inside a JSON value (truncated?)"));
    }

    // The shared samples tell one story: the Elastic alert and the Windows 4698 agree on the task.
    void sameTaskAsWindowsXml_data() {
        QTest::addColumn<int>("alert");
        QTest::addColumn<int>("xmlEvent");
        QTest::newRow("malicious") << 0 << 2;
        QTest::newRow("zoom") << 1 << 4;
        QTest::newRow("remote") << 2 << 7;
    }
    void sameTaskAsWindowsXml() {
        QFETCH(int, alert);
        QFETCH(int, xmlEvent);
        const NormalizedEvent elastic = readFile(sample()).events[alert];

        QFile file(QStringLiteral(TEST_DATA_DIR "/formats/windows/security_4698-4702_wevtutil.xml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        static const QRegularExpression element(QStringLiteral("<Event .*?</Event>"),
                                                QRegularExpression::DotMatchesEverythingOption);
        QStringList xml;
        for (auto it = element.globalMatch(QString::fromUtf8(file.readAll())); it.hasNext();)
            xml << it.next().captured();
        NormalizedEvent windows;
        QString error;
        QVERIFY2(WindowsEventXml::apply(xml[xmlEvent], windows, TimeNormalizer(), &error), qPrintable(error));

        for (EventField field : {EventField::TaskName, EventField::TaskAction, EventField::TaskRunAs,
                                 EventField::TaskRunLevel, EventField::TaskTrigger, EventField::TaskRemote,
                                 EventField::RecordId, EventField::Host, EventField::User}) {
            QVERIFY(!windows.value(field).isEmpty());
            QCOMPARE(elastic.value(field), windows.value(field));
        }
        QCOMPARE(elastic.value(EventField::TimeUtc).left(23), windows.value(EventField::TimeUtc).left(23));
    }
};

QTEST_GUILESS_MAIN(TestElasticAlertReader)
#include "tst_elasticalertreader.moc"
