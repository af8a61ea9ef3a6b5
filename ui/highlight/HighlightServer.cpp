#include "HighlightServer.h"

#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace tb {

HighlightServer::HighlightServer(QString program, QProcessEnvironment environment, Deliver deliver,
                                 QObject *parent)
    : QObject(parent)
    , m_program(std::move(program))
    , m_environment(std::move(environment))
    , m_deliver(std::move(deliver))
    , m_timeout(new QTimer(this)) {
    m_timeout->setSingleShot(true);
    // A request that takes too long: the server is killed, the request fails, the others go on.
    connect(m_timeout, &QTimer::timeout, this, [this] {
        if (m_process) {
            m_timedOut = true;
            m_process->kill();
        }
    });
}

// The server ends as its stdin closes; a kill makes sure, and reaps it.
HighlightServer::~HighlightServer() {
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

qint64 HighlightServer::processId() const {
    return m_process ? m_process->processId() : 0;
}

void HighlightServer::request(quint64 id, const QString &definition, const QString &theme,
                              const QString &text, bool foreground, int timeoutMs) {
    if (!m_available) {
        answer({id, Reply::Status::Unavailable, {}, {}});
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    Pending pending{id,
                    definition.toUtf8() + '\t' + theme.toUtf8() + '\t' + QByteArray::number(utf8.size()) +
                        '\n' + utf8,
                    foreground, timeoutMs, false};
    // Shown texts go ahead of every prefetch, behind the shown texts asked for before them.
    const auto firstPrefetch = std::find_if(m_queue.begin(), m_queue.end(),
                                            [](const Pending &queued) { return !queued.foreground; });
    m_queue.insert(foreground ? firstPrefetch : m_queue.end(), pending);
    sendNext();
}

void HighlightServer::startEarly(const QStringList &preload) {
    m_preload = preload;
    if (!m_process && m_available)
        startProcess();
}

void HighlightServer::cancel(quint64 id) {
    m_queue.removeIf([id](const Pending &queued) { return queued.id == id; });
    if (m_current.id == id)
        m_currentWanted = false; // its answer is read and dropped
}

void HighlightServer::startProcess() {
    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    QStringList arguments;
    for (const QString &definition : std::as_const(m_preload))
        arguments << QStringLiteral("--preload") << definition;
    m_process->setArguments(arguments);
    if (!m_environment.isEmpty())
        m_process->setProcessEnvironment(m_environment);
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &HighlightServer::readReplies);
    // errorOccurred alone reports FailedToStart; a crash or kill ends in finished().
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            giveUp();
    });
    connect(m_process, &QProcess::finished, this, &HighlightServer::processEnded);
    ++m_starts;
    m_answeredSinceStart = false;
    m_process->start(QIODevice::ReadWrite);
}

void HighlightServer::sendNext() {
    if (m_current.id != 0 || m_queue.isEmpty() || !m_available)
        return;
    if (!m_process)
        startProcess();
    if (!m_process)
        return; // could not start: giveUp() answered the queue
    m_current = m_queue.takeFirst();
    m_currentWanted = true;
    m_received.clear();
    m_process->write(m_current.message); // buffered until the server has started
    m_timeout->start(m_current.timeoutMs);
}

void HighlightServer::readReplies() {
    if (!m_process)
        return;
    m_received += m_process->readAllStandardOutput();
    while (m_current.id != 0) {
        const qsizetype newline = m_received.indexOf('\n');
        if (newline < 0)
            return;
        Reply reply{m_current.id, Reply::Status::Html, {}, {}};
        if (m_received.startsWith('!')) {
            reply.status = Reply::Status::Error;
            reply.error = QString::fromUtf8(m_received.mid(1, newline - 1));
            m_received.remove(0, newline + 1);
        } else {
            bool ok = false;
            const qsizetype length = m_received.left(newline).toLongLong(&ok);
            if (!ok || length < 0) { // not our server: it is no use
                m_process->kill();
                return;
            }
            if (m_received.size() < newline + 1 + length)
                return; // the rest is on its way
            reply.html = m_received.mid(newline + 1, length);
            m_received.remove(0, newline + 1 + length);
        }
        m_timeout->stop();
        m_answeredSinceStart = true;
        const bool wanted = m_currentWanted;
        m_current = {};
        if (wanted)
            answer(reply);
        sendNext();
    }
}

void HighlightServer::processEnded() {
    readReplies(); // a reply written just before the end still counts
    m_process->deleteLater();
    m_process = nullptr;
    m_timeout->stop();
    m_received.clear();
    const bool timedOut = std::exchange(m_timedOut, false);
    // A server that ends twice in a row before answering anything is no use: the tool takes over.
    m_failedStarts = m_answeredSinceStart ? 0 : m_failedStarts + 1;
    if (m_failedStarts >= 2) {
        giveUp();
        return;
    }
    if (m_current.id != 0) {
        const Pending current = std::exchange(m_current, {});
        if (m_currentWanted && (timedOut || current.retried)) {
            answer({current.id, Reply::Status::DidNotFinish, {}, {}});
        } else if (m_currentWanted) { // killed or crashed on it: once more, on a new server
            m_queue.prepend(current);
            m_queue.first().retried = true;
        }
    }
    sendNext();
}

void HighlightServer::answer(Reply reply) {
    m_deliver(reply);
}

void HighlightServer::giveUp() {
    m_available = false;
    m_timeout->stop();
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    QList<quint64> ids;
    if (m_current.id != 0 && m_currentWanted)
        ids.append(m_current.id);
    m_current = {};
    for (const Pending &queued : std::as_const(m_queue))
        ids.append(queued.id);
    m_queue.clear();
    for (quint64 id : ids)
        answer({id, Reply::Status::Unavailable, {}, {}});
}

} // namespace tb
