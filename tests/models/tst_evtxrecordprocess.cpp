#include "ingest/EvtxRecordProcess.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace tb;

// libevtx in a child process: the records come back over the pipe, and a child that crashes or
// hangs is reported, never taking the reader with it.
class TestEvtxRecordProcess : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    using Kind = EvtxRecordProcess::Message::Kind;

    static QByteArray shared(const char *name) {
        return QFile::encodeName(QStringLiteral(SHARED_EVTX_DIR "/") + QLatin1String(name));
    }
    // A FIFO nobody writes to: opening it blocks, so the child stays silent for as long as needed.
    QByteArray fifo() {
        const QByteArray path = QFile::encodeName(m_dir.filePath(QStringLiteral("silent.evtx")));
        if (!QFile::exists(QString::fromLocal8Bit(path)))
            ::mkfifo(path.constData(), 0600);
        return path;
    }

    // Whether the process still has a handler of its own for SIGSEGV (/proc/<pid>/status, SigCgt).
    static bool catchesSegv(pid_t pid) {
        QFile status(QStringLiteral("/proc/%1/status").arg(pid));
        if (!status.open(QIODevice::ReadOnly))
            return false;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("SigCgt:"))
                return (line.mid(7).trimmed().toULongLong(nullptr, 16) >> (SIGSEGV - 1)) & 1;
        }
        return false;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void readsEveryRecordFromAnyStart_data() {
        QTest::addColumn<int>("first");
        QTest::newRow("from the start") << 0;
        QTest::newRow("from the second record") << 1;
    }
    void readsEveryRecordFromAnyStart() {
        if (!QDir(QStringLiteral(SHARED_EVTX_DIR)).exists())
            QSKIP("the shared research folder with the real .evtx files is not here");
        QFETCH(int, first);
        EvtxRecordProcess process(shared("atexec_4698_4699_created_deleted.evtx"));
        QString why;
        QVERIFY2(process.start(first, why), qPrintable(why));
        const EvtxRecordProcess::Message opened = process.next();
        QCOMPARE(opened.kind, Kind::Opened);
        QCOMPARE(opened.records, 2);
        int expected = first;
        for (EvtxRecordProcess::Message m = process.next(); m.kind != Kind::End; m = process.next()) {
            QVERIFY2(m.kind == Kind::Record || m.kind == Kind::RecordFailed, m.text.constData());
            QCOMPARE(m.ordinal, expected++);
            if (m.ordinal < opened.records)
                QVERIFY(m.text.startsWith("<Event xmlns"));
        }
        QCOMPARE(expected, opened.records + opened.recovered);
        QCOMPARE(process.processId(), -1); // reaped
    }

    void reportsWhatIsNotALog() {
        const QString path = m_dir.filePath(QStringLiteral("text.evtx"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not an event log\n");
        file.close();
        EvtxRecordProcess process(QFile::encodeName(path));
        QString why;
        QVERIFY(process.start(0, why));
        const EvtxRecordProcess::Message m = process.next();
        QCOMPARE(m.kind, Kind::OpenFailed);
        QCOMPARE(m.stage, EvtxRecordProcess::Message::Stage::Open);
        QVERIFY(!m.text.isEmpty());
    }

    // What libevtx does on a hostile log, forced on a child that is blocked opening a FIFO.
    void reportsACrash() {
        EvtxRecordProcess process(fifo());
        QString why;
        QVERIFY(process.start(0, why));
        QVERIFY(process.processId() > 0);
        // Until the child has dropped the handlers it inherited (QTest's), the signal would be theirs.
        QTRY_VERIFY(!catchesSegv(process.processId()));
        ::kill(process.processId(), SIGSEGV);
        const EvtxRecordProcess::Message m = process.next();
        QCOMPARE(m.kind, Kind::Died);
        QCOMPARE(m.text, QByteArray("libevtx crashed (signal 11, SEGV)"));
    }
    void stopsAHang() {
        EvtxRecordProcess process(fifo());
        process.setSilenceLimit(300);
        QString why;
        QVERIFY(process.start(0, why));
        const EvtxRecordProcess::Message m = process.next();
        QCOMPARE(m.kind, Kind::Died);
        QCOMPARE(m.text, QByteArray("libevtx stopped answering (nothing for 300 ms) and was stopped"));
        QCOMPARE(process.processId(), -1);
    }
};

QTEST_GUILESS_MAIN(TestEvtxRecordProcess)
#include "tst_evtxrecordprocess.moc"
