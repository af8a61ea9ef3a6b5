#include "ingest/FieldNormalizer.h"
#include "ingest/NormalizedEvent.h"
#include "ingest/TaskCommandParser.h"
#include "ingest/TaskContentParser.h"
#include "ingest/TimeNormalizer.h"

#include <QTest>

using namespace tb;

// task_run_as: one spelling per well-known service account, whichever form the source wrote.
class TestFieldNormalizer : public QObject {
    Q_OBJECT

private slots:
    void runAs_data() {
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("expected");
        const QString system = QStringLiteral("NT AUTHORITY\\SYSTEM");
        QTest::newRow("SID") << "S-1-5-18" << system;
        QTest::newRow("SID lower case") << "s-1-5-18" << system;
        QTest::newRow("canonical") << "NT AUTHORITY\\SYSTEM" << system;
        QTest::newRow("lower case") << "nt authority\\system" << system;
        QTest::newRow("bare name (schtasks /ru SYSTEM)") << "SYSTEM" << system;
        QTest::newRow("service control manager name") << "LocalSystem" << system;
        QTest::newRow("two words") << "Local System" << system;
        QTest::newRow("quoted, padded") << "  \"NT AUTHORITY\\SYSTEM\" " << system;
        QTest::newRow("domain + SCM name") << "NT AUTHORITY\\LocalSystem" << system;
        const QString local = QStringLiteral("NT AUTHORITY\\LOCAL SERVICE");
        QTest::newRow("local service SID") << "S-1-5-19" << local;
        QTest::newRow("local service name") << "LOCAL SERVICE" << local;
        QTest::newRow("local service SCM") << "LocalService" << local;
        QTest::newRow("local service lower") << "nt authority\\local service" << local;
        const QString network = QStringLiteral("NT AUTHORITY\\NETWORK SERVICE");
        QTest::newRow("network service SID") << "S-1-5-20" << network;
        QTest::newRow("network service name") << "Network Service" << network;
        QTest::newRow("network service SCM") << "NetworkService" << network;
        QTest::newRow("network service canonical") << "NT AUTHORITY\\NETWORK SERVICE" << network;
        // Everything else stays as written.
        QTest::newRow("domain user") << "CORP\\svc_backup"
                                     << "CORP\\svc_backup";
        QTest::newRow("other SID") << "S-1-5-21-3623811015-3361044348-30300820-1107"
                                   << "S-1-5-21-3623811015-3361044348-30300820-1107";
        QTest::newRow("SID prefix only") << "S-1-5-180"
                                         << "S-1-5-180";
        QTest::newRow("a user called systems") << "systems"
                                               << "systems";
        QTest::newRow("other NT AUTHORITY account") << "NT AUTHORITY\\Authenticated Users"
                                                    << "NT AUTHORITY\\Authenticated Users";
        QTest::newRow("linux root") << "root"
                                    << "root";
        QTest::newRow("kubernetes service account") << "backup-sa"
                                                    << "backup-sa";
        QTest::newRow("empty") << ""
                               << "";
    }
    void runAs() {
        QFETCH(QString, account);
        QFETCH(QString, expected);
        QCOMPARE(normalize::runAs(account), expected);
    }

    // The sources that fill task_run_as all go through the same normalization.
    void everySourceNormalizes_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("value");
        QTest::newRow("schtasks /ru") << "command"
                                      << "schtasks /create /tn x /tr a.exe /ru \"nt authority\\system\"";
        QTest::newRow("TaskContent UserId")
            << "taskcontent"
            << "<Task xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\"><Principals><Principal>"
               "<UserId>S-1-5-18</UserId></Principal></Principals><Actions><Exec><Command>a.exe</Command>"
               "</Exec></Actions></Task>";
        QTest::newRow("a mapped column") << "assign"
                                         << "LocalSystem";
    }
    void everySourceNormalizes() {
        QFETCH(QString, source);
        QFETCH(QString, value);
        NormalizedEvent event;
        if (source == QLatin1String("command")) {
            const auto command = TaskCommandParser::parse(value);
            QVERIFY(command);
            TaskCommandParser::apply(*command, event);
        } else if (source == QLatin1String("taskcontent")) {
            QString error;
            QVERIFY2(TaskContentParser::apply(value, event, &error), qPrintable(error));
        } else {
            QVERIFY(normalize::assign(event, EventField::TaskRunAs, value, TimeNormalizer()).isEmpty());
        }
        QCOMPARE(event.value(EventField::TaskRunAs), QStringLiteral("NT AUTHORITY\\SYSTEM"));
    }
};

QTEST_GUILESS_MAIN(TestFieldNormalizer)
#include "tst_fieldnormalizer.moc"
