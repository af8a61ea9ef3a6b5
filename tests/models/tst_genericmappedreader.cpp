#include "ingest/GenericMappedReader.h"
#include "ingest/Importer.h"
#include "ingest/MappingProfile.h"
#include "ingest/NormalizedEvent.h"
#include "store/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestGenericMappedReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static QString data(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/generic/") + QLatin1String(name);
    }

    static QList<NormalizedEvent> readAll(const QString &file, const QString &mapping,
                                          QList<ImportIssue> *issues) {
        MappingProfile profile;
        QString error;
        if (!MappingProfile::load(mapping, profile, &error))
            return {};
        QFile input(file);
        input.open(QIODevice::ReadOnly);
        GenericMappedReader reader(&input, {QStringLiteral("f"), TimeNormalizer(), {}}, profile);
        QList<NormalizedEvent> events;
        NormalizedEvent event;
        for (;;) {
            ImportIssue issue;
            const auto status = reader.next(event, issue);
            if (status == EventReader::Status::Event)
                events << event;
            else if (status == EventReader::Status::End)
                break;
            else {
                issues->append(issue);
                if (status == EventReader::Status::Failed)
                    break;
            }
        }
        return events;
    }

private slots:
    void mapsFields_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("mapping");
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        const QString csv = data("acme_edr.csv"), csvMap = data("acme_edr.mapping.json");
        const QString json = data("acme_cloud.ndjson"), jsonMap = data("acme_cloud.mapping.json");
        QTest::newRow("csv time") << csv << csvMap << 0 << "time_utc"
                                  << "2025-03-04T09:41:17.000000Z";
        QTest::newRow("csv host") << csv << csvMap << 0 << "host"
                                  << "wks-fin-023";
        QTest::newRow("csv user") << csv << csvMap << 0 << "user"
                                  << "jdoe";
        QTest::newRow("csv process name") << csv << csvMap << 0 << "process_name"
                                          << "schtasks.exe";
        QTest::newRow("csv parent name") << csv << csvMap << 0 << "parent_name"
                                         << "invoice_viewer.exe";
        QTest::newRow("csv task parsed") << csv << csvMap << 0 << "task_name"
                                         << "\\WindowsDefenderUpdate";
        QTest::newRow("csv run as") << csv << csvMap << 1 << "task_run_as"
                                    << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("csv severity") << csv << csvMap << 1 << "severity"
                                      << "medium";
        QTest::newRow("csv constant rule") << csv << csvMap << 1 << "rule_name"
                                           << "Acme EDR: schtasks creation";
        QTest::newRow("csv platform") << csv << csvMap << 1 << "platform"
                                      << "windows";
        QTest::newRow("json epoch") << json << jsonMap << 0 << "time_utc"
                                    << "2025-03-04T09:41:17.000000Z";
        QTest::newRow("json epoch confidence") << json << jsonMap << 0 << "time_confidence"
                                               << "epoch";
        QTest::newRow("json nested key") << json << jsonMap << 0 << "host"
                                         << "srv-app-02";
        QTest::newRow("json path") << json << jsonMap << 1 << "target_path"
                                   << "/etc/cron.daily/logrotate";
        QTest::newRow("json platform") << json << jsonMap << 1 << "platform"
                                       << "linux";
    }
    void mapsFields() {
        QFETCH(QString, file);
        QFETCH(QString, mapping);
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        QList<ImportIssue> issues;
        const auto events = readAll(file, mapping, &issues);
        QCOMPARE(issues.size(), 0);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[record].value(*eventFieldByColumn(column)), expected);
    }

    void profileErrors_data() {
        QTest::addColumn<QString>("mapping");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown field")
            << data("unknown_field.mapping.json")
            << "columns: \"Machine\" maps to \"hostname\", which is not a field; fields: time_utc";
        QTest::newRow("not JSON") << data("acme_edr.csv") << "not valid JSON at offset";
        QTest::newRow("missing file") << data("nope.json") << "cannot open";
    }
    void profileErrors() {
        QFETCH(QString, mapping);
        QFETCH(QString, expected);
        MappingProfile profile;
        QString error;
        QVERIFY(!MappingProfile::load(mapping, profile, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(error.startsWith(mapping));
    }

    void columnMissingFromTheFile() {
        QList<ImportIssue> issues;
        const auto events = readAll(data("acme_edr.csv"), data("missing_column.mapping.json"), &issues);
        QCOMPARE(events.size(), 0);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues[0].field, QStringLiteral("Computer"));
        QVERIFY2(issues[0].problem.contains(
                     QLatin1String("the file's header has no such column (header: EventTime, Machine")),
                 qPrintable(issues[0].problem));
    }

    void saveAndLoadRoundTrip() {
        MappingProfile profile;
        QString error;
        QVERIFY(MappingProfile::load(data("acme_edr.mapping.json"), profile, &error));
        const QString copy = m_dir.filePath(QStringLiteral("copy.json"));
        QVERIFY2(profile.save(copy, &error), qPrintable(error));
        MappingProfile again;
        QVERIFY(MappingProfile::load(copy, again, &error));
        QCOMPARE(again.name, profile.name);
        QCOMPARE(again.delimiter, ';');
        QCOMPARE(again.identity, profile.identity);
        QCOMPARE(again.columns.size(), profile.columns.size());
    }

    void importerUsesTheMapping() {
        Workspace workspace;
        QVERIFY(workspace.open(m_dir.filePath(QStringLiteral("w.tunebench"))));
        ImportOptions options;
        options.mappingPath = data("acme_edr.mapping.json");
        const ImportSummary summary =
            Importer(workspace.database()).importFile(data("acme_edr.csv"), options);
        QVERIFY2(summary.ok(), qPrintable(summary.error));
        QCOMPARE(summary.formatId, QStringLiteral("generic.csv"));
        QCOMPARE(summary.eventsAdded, 2);
        // Identity columns decide duplicates: the same rows again add nothing.
        QCOMPARE(Importer(workspace.database()).importFile(data("acme_edr.csv"), options).duplicates, 2);
    }
};

QTEST_GUILESS_MAIN(TestGenericMappedReader)
#include "tst_genericmappedreader.moc"
