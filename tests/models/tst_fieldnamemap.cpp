#include "tuning/export/ExporterRegistry.h"
#include "tuning/export/FieldNameMap.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace tb;

class TestFieldNameMap : public QObject {
    Q_OBJECT

private slots:
    void lookup_data() {
        QTest::addColumn<int>("dialect");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("name"); // empty: the dialect has no such field
        QTest::addColumn<int>("form");
        using D = FieldDialect;
        using F = FieldForm;
        QTest::newRow("CIM process") << int(D::SplunkCim) << "command_line"
                                     << "process" << int(F::Same);
        QTest::newRow("CIM parent name") << int(D::SplunkCim) << "parent_name"
                                         << "parent_process_name" << int(F::Same);
        QTest::newRow("CIM dest") << int(D::SplunkCim) << "host"
                                  << "dest" << int(F::HostOrFqdn);
        QTest::newRow("CIM user") << int(D::SplunkCim) << "user"
                                  << "user" << int(F::UserOrDomain);
        QTest::newRow("CIM task XML") << int(D::SplunkCim) << "task_action"
                                      << "TaskContent" << int(F::InsideText);
        QTest::newRow("ECS executable") << int(D::ElasticEcs) << "process_image"
                                        << "process.executable" << int(F::Same);
        QTest::newRow("ECS task name") << int(D::ElasticEcs) << "task_name"
                                       << "winlog.event_data.TaskName" << int(F::Same);
        QTest::newRow("Sigma image name") << int(D::SigmaProcessCreation) << "process_name"
                                          << "Image" << int(F::PathOfBaseName);
        QTest::newRow("Sigma 4698 task") << int(D::SigmaSecurity) << "task_name"
                                         << "TaskName" << int(F::Same);
        QTest::newRow("Sigma 4698 event id") << int(D::SigmaSecurity) << "event_code"
                                             << "EventID" << int(F::Number);
        QTest::newRow("Sigma no task name in process creation") << int(D::SigmaProcessCreation) << "task_name"
                                                                << "" << 0;
        QTest::newRow("Defender file name") << int(D::KqlDeviceProcessEvents) << "process_name"
                                            << "FileName" << int(F::Same);
        QTest::newRow("Defender device") << int(D::KqlDeviceProcessEvents) << "host"
                                         << "DeviceName" << int(F::HostOrFqdn);
        QTest::newRow("SecurityEvent task data") << int(D::KqlSecurityEvent) << "task_name"
                                                 << "EventData" << int(F::InsideText);
        QTest::newRow("DeviceEvents task name")
            << int(D::KqlDeviceEvents) << "task_name"
            << "tostring(parse_json(AdditionalFields).TaskName)" << int(F::Same);
        QTest::newRow("DeviceEvents: the initiating process")
            << int(D::KqlDeviceEvents) << "command_line"
            << "InitiatingProcessCommandLine" << int(F::Same);
        QTest::newRow("AKSAudit verb") << int(D::KqlAksAudit) << "k8s_verb"
                                       << "Verb" << int(F::Same);
        QTest::newRow("AKSAudit CronJob name")
            << int(D::KqlAksAudit) << "task_name"
            << "strcat(tostring(ObjectRef.namespace), \"/\", tostring(ObjectRef.name))" << int(F::Same);
        QTest::newRow("alert metadata") << int(D::SplunkCim) << "rule_name"
                                        << "" << 0;
        QTest::newRow("run level nowhere") << int(D::ElasticEcs) << "task_run_level"
                                           << "" << 0;
    }
    void lookup() {
        QFETCH(int, dialect);
        QFETCH(QString, field);
        QFETCH(QString, name);
        QFETCH(int, form);
        const auto target = FieldNameMap::lookup(FieldDialect(dialect), *eventFieldByColumn(field));
        QCOMPARE(target.has_value(), !name.isEmpty());
        if (target) {
            QCOMPARE(target->name, name);
            QCOMPARE(int(target->form), form);
        }
    }

    // docs/FIELDS.md is the table generated from the same data; TUNEBENCH_REGENERATE_GOLDEN=1 rewrites it.
    void documentIsCurrent() {
        const QString path = QStringLiteral(TEST_DATA_DIR "/../../docs/FIELDS.md");
        const QByteArray generated = FieldNameMap::markdownDocument().toUtf8();
        if (qEnvironmentVariableIntValue("TUNEBENCH_REGENERATE_GOLDEN") == 1) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QCOMPARE(out.write(generated), generated.size());
            return;
        }
        QFile in(path);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path));
        QVERIFY2(in.readAll() == generated,
                 "docs/FIELDS.md is not current: run TUNEBENCH_REGENERATE_GOLDEN=1 tst_fieldnamemap and "
                 "review the diff");
    }

    void documentListsEveryField() {
        const QString doc = FieldNameMap::markdownDocument();
        for (const EventFieldInfo &info : eventFields())
            QVERIFY(doc.contains(QStringLiteral("| `") + QLatin1String(info.column) + QStringLiteral("` |")));
    }

    // The registry is the one list the CLI and the GUI share: every id creates its exporter.
    void registry() {
        const QStringList ids = ExporterRegistry::ids();
        QCOMPARE(ids, (QStringList{"splunk", "splunk-search", "sigma", "elastic", "kql", "csv", "json",
                                   "markdown"}));
        QSet<QString> suffixes;
        for (const QString &id : ids) {
            const auto exporter = ExporterRegistry::create(id);
            QVERIFY(exporter);
            QCOMPARE(exporter->id(), id);
            QVERIFY(!exporter->title().isEmpty());
            QVERIFY(!exporter->syntaxName().isEmpty());
            suffixes.insert(exporter->fileSuffix());
        }
        QCOMPARE(suffixes.size(), ids.size());
        QVERIFY(!ExporterRegistry::create(QStringLiteral("qradar")));
    }
};

QTEST_GUILESS_MAIN(TestFieldNameMap)
#include "tst_fieldnamemap.moc"
