#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

class QProcess;
class QTimer;

namespace tb {

// One long-lived tunebench-highlightd process (app/highlightd) and the requests queued for it: the
// HTML kate-syntax-highlighter writes, without loading the KF5 libraries once per text. One request is
// in the server at a time; shown texts queue ahead of prefetches. A server that dies is started again
// (the request it was on is tried once more); one that cannot start makes every request answer
// Unavailable, and the caller runs the tool instead. Lives on the thread that calls it.
class HighlightServer final : public QObject {
public:
    struct Reply {
        enum class Status { Html, Error, DidNotFinish, Unavailable };
        quint64 id = 0;
        Status status = Status::Html;
        QByteArray html;
        QString error; // the server's message for Status::Error
    };
    using Deliver = std::function<void(const Reply &)>;

    HighlightServer(QString program, QProcessEnvironment environment, Deliver deliver,
                    QObject *parent = nullptr);
    ~HighlightServer() override;

    QString program() const { return m_program; }
    // False once the program could not be started: every later request answers Unavailable at once.
    bool isAvailable() const { return m_available; }
    // The running server's process id, 0 when none runs.
    qint64 processId() const;
    // How many times the server process was started.
    int starts() const { return m_starts; }

    // Starts the server now, rather than at the first request, and has it load these definitions (each
    // costs a few milliseconds on first use); a server started again loads them too.
    void startEarly(const QStringList &preload);

    void request(quint64 id, const QString &definition, const QString &theme, const QString &text,
                 bool foreground, int timeoutMs);
    // The answer is no longer wanted.
    void cancel(quint64 id);

private:
    struct Pending {
        quint64 id = 0;
        QByteArray message; // header and text, as written to the server
        bool foreground = false;
        int timeoutMs = 0;
        bool retried = false;
    };

    void startProcess();
    void sendNext();
    void readReplies();
    void processEnded();
    void answer(Reply reply);
    void giveUp();

    QString m_program;
    QProcessEnvironment m_environment;
    Deliver m_deliver;
    QProcess *m_process = nullptr;
    QTimer *m_timeout = nullptr;
    QStringList m_preload;
    QList<Pending> m_queue; // not yet sent; foreground first
    Pending m_current;      // sent, id 0 when none
    bool m_currentWanted = false;
    QByteArray m_received;
    bool m_available = true;
    bool m_timedOut = false;
    bool m_answeredSinceStart = false;
    int m_failedStarts = 0; // ends in a row before any answer
    int m_starts = 0;
};

} // namespace tb
