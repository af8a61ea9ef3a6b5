#pragma once

#include <QByteArray>
#include <QString>

#include <sys/types.h>

namespace tb {

// Runs libevtx in a child process (fork) that sends an .evtx log's records back over a pipe.
// libevtx 20181227 (Debian 12) crashes, or allocates until the machine runs out of memory, on some
// damaged logs (found by fuzz_evtx, docs/ROBUSTNESS.md); in a child that costs the record being
// read instead of the whole program, and the reader restarts a child after it. The child uses
// nothing but libevtx, malloc and write(2), may use 4 GiB of memory and 5 minutes of CPU, and dies
// with its parent.
class EvtxRecordProcess final {
public:
    struct Message {
        enum class Kind {
            Opened,       // records, recovered and corrupted are set
            OpenFailed,   // stage says what failed, text is libevtx's error backtrace
            Record,       // ordinal, and text: the record's XML as libevtx renders it
            RecordFailed, // ordinal, and text: libevtx's error backtrace (empty: it rendered no XML)
            End,          // every record has been sent
            Died,         // the child died or hung (then it was killed): text says how
        };
        enum class Stage { Initialize, Open, Count };
        Kind kind = Kind::End;
        Stage stage = Stage::Initialize;
        int ordinal = -1; // over the log's records, then its recovered records
        int records = 0;
        int recovered = 0;
        bool corrupted = false;
        QByteArray text;
    };

    explicit EvtxRecordProcess(QByteArray path);
    ~EvtxRecordProcess();
    EvtxRecordProcess(const EvtxRecordProcess &) = delete;
    EvtxRecordProcess &operator=(const EvtxRecordProcess &) = delete;

    // Starts a child (ending one still running) that opens the log, sends Opened, then the records
    // from ordinal `first` on. False and `why` when no process can be started.
    bool start(int first, QString &why);
    // The child's next message. After End and Died the child has been reaped.
    Message next();

    // How long the child may stay silent before it is taken for hung and killed (2 minutes).
    void setSilenceLimit(int milliseconds) { m_silenceLimitMs = milliseconds; }
    // The running child's process id (for diagnostics), or -1.
    pid_t processId() const { return m_pid; }

private:
    void stop();
    bool readFully(char *data, size_t size, bool &timedOut);
    Message died(bool timedOut);
    Message unreadable();

    QByteArray m_path;
    pid_t m_pid = -1;
    int m_fd = -1;
    int m_silenceLimitMs = 120 * 1000;
};

} // namespace tb
