#include "condition/ConditionMatcher.h"
#include "ingest/NormalizedEvent.h"
#include "tuning/ValueGeneralizer.h"

#include <QTest>

using namespace tb;

class TestValueGeneralizer : public QObject {
    Q_OBJECT

    static bool matches(EventField field, const QString &glob, const QString &value) {
        Condition condition;
        QString error;
        if (!ConditionParser::addPredicate(eventFieldColumn(field), {glob}, condition.match, &error))
            return false;
        NormalizedEvent event;
        event.set(field, value);
        return ConditionMatcher(condition, {}).matches(LoweredEvent::from(event));
    }

private slots:
    void generalize_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("expected"); // "rules => value", narrowest first
        QTest::newRow("GUID in a task name")
            << "task_name"
            << "\\GoogleUpdateTaskMachineUA{28398F9F-4BA7-1AB7-AC05-04A56CC6BE18}"
            << QStringList{"guid => \\GoogleUpdateTaskMachineUA{*}"};
        QTest::newRow("bare GUID task name")
            << "task_name"
            << "\\{0E3A4C5B-7D2F-4E11-9A0B-3C4D5E6F7A8B}" << QStringList{"guid => \\{*}"};
        QTest::newRow("user SID in a task name")
            << "task_name"
            << "\\OneDrive Standalone Update Task-S-1-5-21-1004336348-1177238915-682003330-512"
            << QStringList{"sid => \\OneDrive Standalone Update Task-S-1-5-21-*"};
        QTest::newRow("per-user AppData updater")
            << "task_action"
            << "C:\\Users\\alice\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe"
            << QStringList{
                   "user_folder => "
                   "C:\\Users*\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe",
                   "profile_path => *\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe"};
        QTest::newRow("version folder: the backslash before the star goes")
            << "task_action"
            << "C:\\Program Files (x86)\\Google\\Update\\1.3.36.152\\GoogleUpdate.exe"
            << QStringList{"version => C:\\Program Files (x86)\\Google\\Update*\\GoogleUpdate.exe"};
        QTest::newRow("version and user folder together")
            << "task_action"
            << "C:\\Users\\bob\\AppData\\Local\\Google\\Update\\1.3.36.152\\GoogleUpdate.exe"
            << QStringList{
                   "version => C:\\Users\\bob\\AppData\\Local\\Google\\Update*\\GoogleUpdate.exe",
                   "user_folder => C:\\Users*\\AppData\\Local\\Google\\Update\\1.3.36.152\\GoogleUpdate.exe",
                   "version+user_folder => C:\\Users*\\AppData\\Local\\Google\\Update*\\GoogleUpdate.exe",
                   "profile_path+version => *\\AppData\\Local\\Google\\Update*\\GoogleUpdate.exe"};
        QTest::newRow("version in a file name")
            << "parent_image"
            << "C:\\Users\\a\\Downloads\\ZoomInstaller-5.17.11.exe"
            << QStringList{"version => C:\\Users\\a\\Downloads\\ZoomInstaller-*.exe",
                           "user_folder => C:\\Users*\\Downloads\\ZoomInstaller-5.17.11.exe",
                           "version+user_folder => C:\\Users*\\Downloads\\ZoomInstaller-*.exe",
                           "profile_path+version => *\\Downloads\\ZoomInstaller-*.exe"};
        QTest::newRow("user folder inside a quoted command line")
            << "command_line"
            << "schtasks /create /tr \"C:\\Users\\alice\\AppData\\Roaming\\sync.exe\" /sc onlogon"
            << QStringList{
                   "user_folder => schtasks /create /tr \"C:\\Users*\\AppData\\Roaming\\sync.exe\" /sc "
                   "onlogon",
                   "profile_path => schtasks /create /tr \"*\\AppData\\Roaming\\sync.exe\" /sc onlogon"};
        QTest::newRow("Linux home") << "target_path"
                                    << "/home/alice/.config/systemd/user/sync.timer"
                                    << QStringList{"home_folder => /home/*/.config/systemd/user/sync.timer"};
        QTest::newRow("macOS home") << "process_image"
                                    << "/Users/alice/Library/Application Support/x/agent"
                                    << QStringList{
                                           "home_folder => /Users/*/Library/Application Support/x/agent"};
        QTest::newRow("hexadecimal install id")
            << "task_name"
            << "\\Mozilla\\Firefox Background Update 308046B0AF4A39CB"
            << QStringList{"hex_id => \\Mozilla\\Firefox Background Update *"};
        QTest::newRow("image tag") << "container_image"
                                   << "registry.corp.example.com/web/cache-warmup:1.3.33"
                                   << QStringList{"version => registry.corp.example.com/web/cache-warmup:*"};
        QTest::newRow("a name with digits is not a version") << "parent_image"
                                                             << "/usr/bin/python3.11" << QStringList{};
        QTest::newRow("nothing varies") << "task_name"
                                        << "\\Corp\\NightlyBackup" << QStringList{};
        QTest::newRow("Public is not a profile") << "task_action"
                                                 << "C:\\Users\\Public\\run.exe" << QStringList{};
        QTest::newRow("literal star stays escaped")
            << "task_name"
            << "\\Corp\\*Nightly {0E3A4C5B-7D2F-4E11-9A0B-3C4D5E6F7A8B}"
            << QStringList{"guid => \\Corp\\\\*Nightly {*}"};
        QTest::newRow("user SIDs are identities, not generalized")
            << "user_sid"
            << "S-1-5-21-1004336348-1177238915-682003330-512" << QStringList{};
        QTest::newRow("hashes are never generalized")
            << "hashes"
            << "SHA256=0123456789ABCDEF0123456789ABCDEF" << QStringList{};
    }
    void generalize() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QStringList, expected);
        const EventField f = *eventFieldByColumn(field);
        QStringList actual;
        for (const Generalization &g : ValueGeneralizer::generalize(f, value)) {
            actual << g.rules + QStringLiteral(" => ") + g.value;
            QVERIFY(!g.description.isEmpty());
            // Safe means wider, never different: every generalization still matches the event.
            QVERIFY2(matches(f, g.value, value), qPrintable(g.value));
        }
        QCOMPARE(actual, expected);
        QVERIFY(matches(f, ValueGeneralizer::literal(value), value));
    }

    void generalizationsStaySpecific() {
        // The version rule widens the version, not the product.
        const auto g = ValueGeneralizer::generalize(
            EventField::TaskAction,
            QStringLiteral("C:\\Program Files (x86)\\Google\\Update\\1.3.36.152\\GoogleUpdate.exe"));
        QCOMPARE(g.size(), 1);
        QVERIFY(
            matches(EventField::TaskAction, g[0].value,
                    QStringLiteral("C:\\Program Files (x86)\\Google\\Update\\1.3.36.161\\GoogleUpdate.exe")));
        QVERIFY(!matches(EventField::TaskAction, g[0].value, QStringLiteral("C:\\Temp\\GoogleUpdate.exe")));
        // The user-folder rule keeps the drive, the Users folder and the rest of the path.
        const auto u = ValueGeneralizer::generalize(
            EventField::TaskAction, QStringLiteral("C:\\Users\\alice\\AppData\\Local\\x\\x.exe"));
        QVERIFY(matches(EventField::TaskAction, u[0].value,
                        QStringLiteral("c:\\users\\bob\\appdata\\local\\x\\x.exe")));
        QVERIFY(!matches(EventField::TaskAction, u[0].value,
                         QStringLiteral("D:\\Users\\bob\\AppData\\Local\\x\\x.exe")));
        QVERIFY(!matches(EventField::TaskAction, u[0].value,
                         QStringLiteral("C:\\Users\\bob\\AppData\\Local\\y\\x.exe")));
    }
};

QTEST_GUILESS_MAIN(TestValueGeneralizer)
#include "tst_valuegeneralizer.moc"
