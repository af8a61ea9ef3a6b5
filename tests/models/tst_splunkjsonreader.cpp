#include "ingest/FormatRegistry.h"
#include "ingest/NormalizedEvent.h"
#include "ingest/SplunkJsonReader.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace tb;

class TestSplunkJsonReader : public QObject {
    Q_OBJECT

    static QString sample(const char *name) {
        const QString file = QLatin1String(name);
        return file.startsWith("export_xml") ? QStringLiteral(TEST_DATA_DIR "/formats/splunk/") + file
                                             : QStringLiteral(TEST_DATA_DIR "/splunk/") + file;
    }

    static QList<NormalizedEvent> readAll(QIODevice *device, QList<ImportIssue> *issues = nullptr,
                                          EventReader::Status *last = nullptr) {
        SplunkJsonReader reader(device,
                                {QStringLiteral("f.json"), TimeNormalizer(), QStringLiteral("ctx rule")});
        QList<NormalizedEvent> events;
        NormalizedEvent event;
        ImportIssue issue;
        for (;;) {
            const auto status = reader.next(event, issue);
            if (status == EventReader::Status::Event)
                events << event;
            else if (issues && status != EventReader::Status::End)
                issues->append(issue);
            if (status == EventReader::Status::End || status == EventReader::Status::Failed) {
                if (last)
                    *last = status;
                break;
            }
        }
        return events;
    }

    static QList<NormalizedEvent> readFile(const QString &path, QList<ImportIssue> *issues = nullptr) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return readAll(&file, issues);
    }

    static QString value(const NormalizedEvent &event, const QString &column) {
        const auto field = eventFieldByColumn(column);
        return field ? event.value(*field) : QStringLiteral("<no such column>");
    }

private slots:
    void detects_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::newRow("export sample")
            << sample("export_xmlwineventlog_security.json") << "splunk.export.json";
        QTest::newRow("results object") << sample("results_object.json") << "splunk.export.json";
        QTest::newRow("messages first")
            << sample("export_with_messages_and_preview.json") << "splunk.export.json";
        QTest::newRow("preview only") << sample("export_preview_only.json") << "splunk.export.json";
        QTest::newRow("plain array") << sample("plain_array.json") << "splunk.json";
    }
    void detects() {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ImportFormat *detected =
            FormatRegistry::instance().detect(FileHead::fromBytes(file.read(64 * 1024)));
        QVERIFY(detected);
        QCOMPARE(detected->id, format);
    }

    void detectsHeads_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format"); // empty: anything but the Splunk JSON formats
        QByteArray big = "{\"preview\":false,\"init_offset\":0,\"results\":[";
        while (big.size() < 70 * 1024)
            big += "{\"_time\":\"2025-03-04T10:41:17.402+01:00\",\"host\":\"h\"},";
        QTest::newRow("results object beyond the head") << big.left(64 * 1024) << "splunk.export.json";
        QTest::newRow("lastrow only")
            << QByteArray("{\"preview\":false,\"lastrow\":true}") << "splunk.export.json";
        QTest::newRow("array of notables")
            << QByteArray("[{\"rule_name\":\"r\",\"urgency\":\"high\"}]") << "splunk.json";
        QTest::newRow("array of something else") << QByteArray("[{\"a\":\"1\"}]") << "";
        QTest::newRow("object with _time") << QByteArray("{\"_time\":\"x\"}") << "";
    }
    void detectsHeads() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head));
        if (format.isEmpty())
            QVERIFY(!detected || !detected->id.startsWith("splunk."));
        else
            QCOMPARE(detected ? detected->id : QString(), format);
    }

    void counts_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QList<qint64>>("recordNos");
        QTest::newRow("export sample")
            << sample("export_xmlwineventlog_security.json") << QList<qint64>{0, 1, 2, 3, 4};
        QTest::newRow("results object") << sample("results_object.json") << QList<qint64>{0, 1};
        QTest::newRow("plain array") << sample("plain_array.json") << QList<qint64>{0, 1};
        // The preview result (record 0) is superseded by the final ones.
        QTest::newRow("messages and preview")
            << sample("export_with_messages_and_preview.json") << QList<qint64>{1, 2};
        QTest::newRow("preview only") << sample("export_preview_only.json") << QList<qint64>{0, 1};
    }
    void counts() {
        QFETCH(QString, path);
        QFETCH(QList<qint64>, recordNos);
        QList<ImportIssue> issues;
        const auto events = readFile(path, &issues);
        QVERIFY2(issues.isEmpty(), qPrintable(issues.value(0).toString()));
        QList<qint64> got;
        for (const NormalizedEvent &event : events)
            got << event.recordNo;
        QCOMPARE(got, recordNos);
    }

    void values_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        const QString object = sample("results_object.json");
        QTest::newRow("object escu") << object << 0 << "rule_source"
                                     << "splunk_escu";
        QTest::newRow("object rule from context") << object << 0 << "rule_name"
                                                  << "ctx rule";
        QTest::newRow("object host") << object << 0 << "host"
                                     << "wks-fin-023";
        QTest::newRow("object user") << object << 0 << "user"
                                     << "jdoe";
        QTest::newRow("object run as") << object << 0 << "task_run_as"
                                       << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("object firstTime") << object << 0 << "time_utc"
                                          << "2025-03-04T09:41:17.000000Z";
        QTest::newRow("object assumed zone") << object << 0 << "time_confidence"
                                             << "assumed_tz";
        QTest::newRow("object parent")
            << object << 0 << "parent_command_line"
            << "\"C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_viewer.exe\" --silent";
        QTest::newRow("object multivalue joined") << object << 1 << "command_line"
                                                  << "schtasks.exe /Create /TN \"ZoomUpdateTask\" /TR "
                                                     "\"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe "
                                                     "/silent\" /SC DAILY /ST 10:00 /RU SYSTEM "
                                                     "/F\nschtasks.exe /Delete /TN \"ZoomUpdateTaskUser\" /F";
        QTest::newRow("object multivalue first task") << object << 1 << "task_name"
                                                      << "\\ZoomUpdateTask";

        const QString array = sample("plain_array.json");
        QTest::newRow("array events") << array << 0 << "rule_source"
                                      << "splunk";
        QTest::newRow("array time") << array << 0 << "time_utc"
                                    << "2025-03-04T09:41:17.402000Z";
        QTest::newRow("array exact") << array << 0 << "time_confidence"
                                     << "exact";
        QTest::newRow("array host") << array << 0 << "host"
                                    << "wks-fin-023";
        QTest::newRow("array linux") << array << 0 << "platform"
                                     << "linux";
        QTest::newRow("array GMT time") << array << 1 << "time_utc"
                                        << "2026-10-08T13:48:34.000000Z";
        QTest::newRow("array fqdn") << array << 1 << "host_fqdn"
                                    << "srv-app-02.corp.example.com";

        // ESCU's auditd searches keep the Linux TA's names; process_exec is the whole proctitle.
        const QString auditd = QStringLiteral(TEST_DATA_DIR "/splunk/escu_auditd_notables.json");
        QTest::newRow("auditd proctitle is the command line") << auditd << 0 << "command_line"
                                                              << "systemctl restart grafana-server.service";
        QTest::newRow("auditd proctitle's program") << auditd << 0 << "process_name"
                                                    << "systemctl";
        QTest::newRow("auditd comm") << auditd << 1 << "process_name"
                                     << "crontab";
        QTest::newRow("auditd exe") << auditd << 1 << "process_image"
                                    << "/usr/bin/crontab";
        QTest::newRow("auditd UID") << auditd << 1 << "user"
                                    << "postgres";
        QTest::newRow("auditd pid") << auditd << 1 << "process_pid"
                                    << "2623";
        QTest::newRow("auditd ppid") << auditd << 1 << "parent_pid"
                                     << "19140";
        QTest::newRow("a name outside a PATH record is no file") << auditd << 1 << "target_path"
                                                                 << "";
        QTest::newRow("auditd PATH name") << auditd << 2 << "target_path"
                                          << "/var/spool/cron/crontabs/root";

        const QString preview = sample("export_with_messages_and_preview.json");
        QTest::newRow("final, not preview") << preview << 0 << "task_name"
                                            << "\\WindowsDefenderUpdate";
        QTest::newRow("after a messages line") << preview << 1 << "task_name"
                                               << "\\ZoomUpdateTask";
        QTest::newRow("preview only kept") << sample("export_preview_only.json") << 1 << "task_name"
                                           << "\\ZoomUpdateTask";

        const QString wineventlog = sample("export_xmlwineventlog_security.json");
        QTest::newRow("wineventlog task") << wineventlog << 0 << "task_name"
                                          << "\\Adobe Acrobat Update Task";
        QTest::newRow("wineventlog host") << wineventlog << 0 << "host"
                                          << "wks-fin-023";
        QTest::newRow("wineventlog code") << wineventlog << 0 << "event_code"
                                          << "4698";
        QTest::newRow("wineventlog fqdn from _raw") << wineventlog << 0 << "host_fqdn"
                                                    << "wks-fin-023.corp.example.com";
        QTest::newRow("wineventlog SystemTime wins") << wineventlog << 0 << "time_utc"
                                                     << "2025-03-04T08:12:03.118742Z";
        QTest::newRow("wineventlog subject") << wineventlog << 0 << "user"
                                             << "WKS-FIN-023$";
        QTest::newRow("wineventlog subject domain") << wineventlog << 0 << "user_domain"
                                                    << "CORP";
        QTest::newRow("wineventlog channel") << wineventlog << 0 << "event_source"
                                             << "Security";
        QTest::newRow("wineventlog record") << wineventlog << 0 << "record_id"
                                            << "1104211";
        QTest::newRow("wineventlog content action")
            << wineventlog << 0 << "task_action"
            << "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe";
        QTest::newRow("wineventlog run as") << wineventlog << 0 << "task_run_as"
                                            << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("wineventlog operation") << wineventlog << 0 << "task_operation"
                                               << "created";
        QTest::newRow("wineventlog still splunk") << wineventlog << 0 << "rule_source"
                                                  << "splunk";
        QTest::newRow("wineventlog rule from context") << wineventlog << 0 << "rule_name"
                                                       << "ctx rule";
        QTest::newRow("wineventlog 4699") << wineventlog << 4 << "task_operation"
                                          << "deleted";
    }
    void values() {
        QFETCH(QString, path);
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const auto events = readFile(path);
        QVERIFY(record < events.size());
        QCOMPARE(value(events[record], column), expected);
    }

    void identities_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("identity");
        QTest::newRow("bucket and _cd") << sample("plain_array.json") << 0 << "os~7~1A2B|7:1200";
        QTest::newRow("index and _cd") << sample("plain_array.json") << 1 << "os|7:1201";
        QTest::newRow("export") << sample("export_with_messages_and_preview.json") << 1 << "b1|412:2";
        QTest::newRow("stats results have none") << sample("results_object.json") << 0 << "";
        QTest::newRow("windows event from _raw") << sample("export_xmlwineventlog_security.json") << 0
                                                 << "WKS-FIN-023.corp.example.com|Security|1104211";
    }
    void identities() {
        QFETCH(QString, path);
        QFETCH(int, record);
        QFETCH(QString, identity);
        const auto events = readFile(path);
        QVERIFY(record < events.size());
        QCOMPARE(events[record].identity, identity);
    }

    void rawKeepsStrings() {
        const auto events = readFile(sample("plain_array.json"));
        QCOMPARE(events.size(), 2);
        // A _raw that looks like a JSON array stays the string it is.
        QVERIFY2(events[1].rawFields.contains("\"_raw\":\"[\\\"a\\\",\\\"b\\\"]\""),
                 qPrintable(events[1].rawFields));
        QVERIFY(events[0].rawFields.contains("\"_raw\":\"[2025-03-04 09:41:17] cron[812]: (root) CMD"));
        QVERIFY(events[0].rawFields.contains("\"_si\":\"idx01\\nos\""));
        QVERIFY(events[0].raw.trimmed().startsWith("{"));
        const auto object = readFile(sample("results_object.json"));
        QVERIFY(object[0].raw.startsWith("{\"user\":\"CORP\\\\jdoe\""));
        const auto exported = readFile(sample("export_with_messages_and_preview.json"));
        QVERIFY(exported[0].raw.startsWith("{\"preview\":false,\"offset\":0,\"result\":"));
    }

    void badRecords_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // the message, or its beginning
        QTest::newRow("bad time")
            << QByteArray("{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"soon\"}}\n")
            << "f.json:record 0 (line 1): _time: \"soon\" is not a time this reader understands";
        QTest::newRow("not JSON") << QByteArray("{\"preview\":false,\"result\":{\"_time\":x}}\n")
                                  << "f.json:record 0 (line 1): not valid JSON: ";
        QTest::newRow("truncated") << QByteArray("{\"preview\":false,\"result\":{\"_time\":\"")
                                   << "f.json:record 0: line 1: the file ends inside a JSON value";
    }
    void badRecords() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QBuffer buffer(&json);
        buffer.open(QIODevice::ReadOnly);
        QList<ImportIssue> issues;
        const auto events = readAll(&buffer, &issues);
        QCOMPARE(events.size(), 0);
        QCOMPARE(issues.size(), 1);
        QVERIFY2(issues[0].toString().startsWith(expected), qPrintable(issues[0].toString()));
    }
};

QTEST_GUILESS_MAIN(TestSplunkJsonReader)
#include "tst_splunkjsonreader.moc"
