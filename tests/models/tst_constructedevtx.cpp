#include "ReaderTestSupport.h"

#include "ingest/EvtxFileReader.h"
#include "ingest/TaskContentParser.h"
#include "ingest/WindowsEventXmlReader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;
using namespace tb::testing;

// Our own .evtx (tests/data/native/evtx): a slice of WKS-FIN-023's Security log, constructed from
// its event XML by construct_evtx.py, as no Windows machine is at hand to record one. Read through
// libevtx it must normalize exactly as its source XML does, and its multi-action task must come out
// whole.
class TestConstructedEvtx : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    ReadResult m_evtx;
    ReadResult m_xml;

    static QString data(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/native/evtx/") + QLatin1String(name);
    }
    static QByteArray contents(const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static QString rawField(const NormalizedEvent &event, const QString &key) {
        return QJsonDocument::fromJson(event.rawFields.toUtf8()).object().value(key).toString();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_evtx = readFile(factory<EvtxFileReader>(), data("wks-fin-023_security.evtx"));
        m_xml = readFile(factory<WindowsEventXmlReader>(), data("wks-fin-023_security.xml"));
        QVERIFY2(m_evtx.issues.isEmpty(), qPrintable(m_evtx.issueText(0)));
        QVERIFY2(m_xml.issues.isEmpty(), qPrintable(m_xml.issueText(0)));
        QCOMPARE(m_evtx.events.size(), 4); // no recovered fragments: the chunk is clean
        QCOMPARE(m_xml.events.size(), 4);
    }

    // The file in the repository is what the script makes of the XML beside it.
    void isWhatTheScriptConstructs() {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed: the constructed log is not rebuilt");
        const QString rebuilt = m_dir.filePath(QStringLiteral("rebuilt.evtx"));
        QProcess process;
        process.start(python, {data("construct_evtx.py"), rebuilt, data("wks-fin-023_security.xml")});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(contents(rebuilt), contents(data("wks-fin-023_security.evtx")));
    }

    void normalizesAsItsSourceXml_data() {
        QTest::addColumn<int>("record");
        QTest::newRow("4688 schtasks /create") << 0;
        QTest::newRow("4698 WindowsDefenderUpdate") << 1;
        QTest::newRow("4698 three actions, four triggers") << 2;
        QTest::newRow("4699 WindowsDefenderUpdate deleted") << 3;
    }
    void normalizesAsItsSourceXml() {
        QFETCH(int, record);
        const NormalizedEvent &fromEvtx = m_evtx.events[record];
        const NormalizedEvent &fromXml = m_xml.events[record];
        QVERIFY(!fromEvtx.value(EventField::EventCode).isEmpty());
        for (const EventFieldInfo &info : eventFields()) {
            if (info.field == EventField::RecordId && fromEvtx.value(info.field).isEmpty())
                continue;
            QVERIFY2(fromEvtx.value(info.field) == fromXml.value(info.field),
                     qPrintable(QStringLiteral("%1: evtx '%2', xml '%3'")
                                    .arg(QLatin1String(info.column), fromEvtx.value(info.field),
                                         fromXml.value(info.field))));
        }
    }

    void readsTheTaskWithSeveralActionsAndTriggers_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("name") << "task_name"
                              << "\\Corp\\Inventory\\Collect";
        QTest::newRow("first action")
            << "task_action"
            << "\"C:\\Program Files\\Corp\\Inventory\\invagent.exe\" /collect /full "
               "/out \"C:\\ProgramData\\Corp\\Inventory\\inv.xml\"";
        QTest::newRow("the other two actions") << "task_other_actions"
                                               << "%windir%\\System32\\WindowsPowerShell\\v1.0\\powershell."
                                                  "exe -NoProfile -ExecutionPolicy Bypass "
                                                  "-File \"C:\\Program Files\\Corp\\Inventory\\upload.ps1\"\n"
                                                  "ComHandler {A6BA00FE-40E8-477C-B713-C64A14F18ADB}";
        QTest::newRow("run as") << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("run level") << "task_run_level"
                                   << "HighestAvailable";
        QTest::newRow("logon type") << "task_logon_type"
                                    << "ServiceAccount";
        QTest::newRow("triggers") << "task_trigger"
                                  << "BootTrigger; LogonTrigger; CalendarTrigger(weekly); "
                                     "TimeTrigger(2025-03-04T23:55:00)";
        QTest::newRow("author") << "task_author"
                                << "CORP\\svc-inventory";
        QTest::newRow("hidden") << "task_hidden"
                                << "1";
        QTest::newRow("host") << "host"
                              << "wks-fin-023";
        QTest::newRow("operation") << "task_operation"
                                   << "created";
    }
    void readsTheTaskWithSeveralActionsAndTriggers() {
        QFETCH(QString, column);
        QFETCH(QString, expected);
        QCOMPARE(value(m_evtx.events[2], column), expected);
    }

    // Every action of the definition, and the escaped ampersand of its description. (libevtx
    // renders the TaskContent's CRLF as literal CRs, which XML parsing turns into line feeds.)
    void keepsTheWholeDefinition() {
        const QString content = rawField(m_evtx.events[2], QStringLiteral("EventData.TaskContent"));
        QVERIFY2(content.startsWith(QLatin1String("<?xml")), qPrintable(content.left(200)));
        QString why;
        const std::optional<TaskDefinition> task = TaskContentParser::parse(content, &why);
        QVERIFY2(task, qPrintable(why));
        QCOMPARE(task->actions.size(), 3);
        QCOMPARE(task->actions[1].command,
                 QStringLiteral("%windir%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"));
        QCOMPARE(task->actions[1].arguments,
                 QStringLiteral("-NoProfile -ExecutionPolicy Bypass -File \"C:\\Program "
                                "Files\\Corp\\Inventory\\upload.ps1\""));
        QCOMPARE(task->actions[2].type, QStringLiteral("ComHandler"));
        QCOMPARE(task->actions[2].command, QStringLiteral("{A6BA00FE-40E8-477C-B713-C64A14F18ADB}"));
        QCOMPARE(task->triggers.size(), 4);
        QVERIFY(task->description.contains(QLatin1String("inventory & uploads it to \"INV01\"")));
    }
};

QTEST_GUILESS_MAIN(TestConstructedEvtx)
#include "tst_constructedevtx.moc"
