#include "ToolHighlightBackend.h"

#include "HighlightServer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QTextDocument>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <optional>

#include <sys/resource.h>

namespace tb {

// What one run of the tool came to, worked out on the runner's thread.
struct ToolRunOutcome {
    enum class Failure { None, NotFound, DidNotFinish, ExitCode, Mismatch };
    quint64 run = 0;
    std::optional<HighlightSpans> spans; // set when Failure::None
    Failure failure = Failure::None;
    int exitCode = 0;
    QString reason; // the tool's first line on stderr
};

// What the runner needs for one run.
struct ToolJob {
    QString program;
    QStringList arguments;
    QProcessEnvironment environment;
    QString text;
    bool lowPriority = false;
    int timeoutMs = 0;
    QString language;
    QString theme;
    QString server; // tunebench-highlightd to ask first; empty: the tool only
};

// Starts the tool, or asks the highlight server, and reads the answer on the backend's thread: a process
// start forks this (large) process, and parsing a long record's HTML takes a while, neither of which
// belongs on the UI thread. Lives on that thread and is called through QMetaObject::invokeMethod; hands
// each outcome to `deliver` there. A server that cannot start leaves its requests to the tool.
class ToolRunner final : public QObject {
public:
    explicit ToolRunner(std::function<void(const ToolRunOutcome &)> deliver)
        : m_deliver(std::move(deliver)) {}

    // Runs still going, cancelled ones too, are killed and reaped quietly (the tool dies at once).
    ~ToolRunner() override {
        delete m_server; // its process first, so that the loop below finds tool runs only
        m_server = nullptr;
        for (QProcess *process : findChildren<QProcess *>()) {
            process->disconnect(this);
            process->kill();
            process->waitForFinished(1000);
        }
    }

    void start(quint64 run, const ToolJob &job) {
        if (!job.server.isEmpty()) {
            HighlightServer *server = serverFor(job);
            if (server->isAvailable()) {
                m_serverJobs.insert(run, job); // before the request: an unavailable server answers at once
                server->request(run, job.language, job.theme, job.text, !job.lowPriority, job.timeoutMs);
                return;
            }
        }
        startTool(run, job);
    }

    void startTool(quint64 run, const ToolJob &job) {
        auto *process = new QProcess(this);
        m_processes.insert(run, process);
        process->setProgram(job.program);
        process->setArguments(job.arguments);
        if (!job.environment.isEmpty())
            process->setProcessEnvironment(job.environment);
        if (job.lowPriority) // in the child, between fork and exec: a plain system call
            process->setChildProcessModifier([] { ::setpriority(PRIO_PROCESS, 0, 10); });
        // errorOccurred alone reports FailedToStart; a crash or kill also ends in finished().
        connect(process, &QProcess::errorOccurred, this, [this, run, process](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart)
                finish(run, process, {run, std::nullopt, ToolRunOutcome::Failure::NotFound, 0, {}});
        });
        connect(process, &QProcess::finished, this,
                [this, run, process, text = job.text](int exitCode, QProcess::ExitStatus status) {
                    finish(run, process, outcomeOf(run, *process, text, exitCode, status));
                });
        QTimer::singleShot(job.timeoutMs, process, [process] { process->kill(); });
        process->start(QIODevice::ReadWrite);
        if (process->state() == QProcess::NotRunning)
            return;                        // failed at once; errorOccurred has reported it
        process->write(job.text.toUtf8()); // buffered until the tool has started; never waited for
        process->closeWriteChannel();
    }

    void startServer(const ToolJob &job, const QStringList &preload) { serverFor(job)->startEarly(preload); }

    // The run's answer is no longer wanted.
    void cancel(quint64 run) {
        if (m_serverJobs.remove(run)) {
            m_server->cancel(run);
            return;
        }
        if (QProcess *process = m_processes.take(run)) {
            process->disconnect(this);
            connect(process, &QProcess::finished, process, &QObject::deleteLater); // reaped, then gone
            process->kill();
        }
    }

private:
    // The server for the job's program and environment, started again for another one (the requests
    // in flight move over).
    HighlightServer *serverFor(const ToolJob &job) {
        if (m_server && m_server->program() == job.server && m_serverEnvironment == job.environment)
            return m_server;
        delete m_server;
        m_serverEnvironment = job.environment;
        m_server = new HighlightServer(
            job.server, job.environment,
            [this](const HighlightServer::Reply &reply) { serverReplied(reply); }, this);
        for (auto it = m_serverJobs.cbegin(); it != m_serverJobs.cend(); ++it)
            m_server->request(it.key(), it->language, it->theme, it->text, !it->lowPriority, it->timeoutMs);
        return m_server;
    }

    void serverReplied(const HighlightServer::Reply &reply) {
        const auto found = m_serverJobs.constFind(reply.id);
        if (found == m_serverJobs.cend())
            return; // cancelled
        const ToolJob job = *found;
        m_serverJobs.erase(found);
        ToolRunOutcome outcome{reply.id, std::nullopt, ToolRunOutcome::Failure::None, 0, {}};
        switch (reply.status) {
        case HighlightServer::Reply::Status::Unavailable:
            startTool(reply.id, job);
            return;
        case HighlightServer::Reply::Status::DidNotFinish:
            outcome.failure = ToolRunOutcome::Failure::DidNotFinish;
            break;
        case HighlightServer::Reply::Status::Error: // as the tool would have failed, e.g. "Unknown syntax."
            outcome.failure = ToolRunOutcome::Failure::ExitCode;
            outcome.exitCode = 1;
            outcome.reason = reply.error;
            break;
        case HighlightServer::Reply::Status::Html:
            outcome.spans = HighlightSpans::fromToolHtml(QString::fromUtf8(reply.html), job.text);
            if (!outcome.spans)
                outcome.failure = ToolRunOutcome::Failure::Mismatch;
            break;
        }
        m_deliver(outcome);
    }

    static ToolRunOutcome outcomeOf(quint64 run, QProcess &process, const QString &text, int exitCode,
                                    QProcess::ExitStatus status) {
        ToolRunOutcome outcome{run, std::nullopt, ToolRunOutcome::Failure::None, exitCode, {}};
        if (status != QProcess::NormalExit) {
            outcome.failure = ToolRunOutcome::Failure::DidNotFinish;
        } else if (exitCode != 0) {
            outcome.failure = ToolRunOutcome::Failure::ExitCode;
            // The tool's first line of complaint, e.g. "Unknown syntax.", for the notice.
            outcome.reason = QString::fromUtf8(process.readAllStandardError())
                                 .trimmed()
                                 .section(QLatin1Char('\n'), 0, 0)
                                 .trimmed();
        } else {
            outcome.spans =
                HighlightSpans::fromToolHtml(QString::fromUtf8(process.readAllStandardOutput()), text);
            if (!outcome.spans)
                outcome.failure = ToolRunOutcome::Failure::Mismatch;
        }
        return outcome;
    }

    void finish(quint64 run, QProcess *process, const ToolRunOutcome &outcome) {
        if (m_processes.value(run) != process)
            return; // cancelled
        m_processes.remove(run);
        process->deleteLater();
        m_deliver(outcome);
    }

    std::function<void(const ToolRunOutcome &)> m_deliver;
    QHash<quint64, QProcess *> m_processes; // tool runs whose answer is wanted
    HighlightServer *m_server = nullptr;
    QProcessEnvironment m_serverEnvironment;
    QHash<quint64, ToolJob> m_serverJobs; // requests the server has yet to answer
};

namespace {

QString defaultProgram() {
    return QStringLiteral("kate-syntax-highlighter");
}

// tunebench-highlightd installed or built beside this binary, else none.
QString serverBesideApplication() {
    if (!QCoreApplication::instance())
        return {};
    const QFileInfo server(QCoreApplication::applicationDirPath() + QLatin1String("/tunebench-highlightd"));
    return server.isFile() && server.isExecutable() ? server.absoluteFilePath() : QString();
}

} // namespace

ToolHighlightBackend::ToolHighlightBackend(QObject *parent)
    : HighlightBackend(parent)
    , m_program(defaultProgram())
    , m_serverProgram(serverBesideApplication())
    , m_thread(new QThread(this)) {
    m_thread->setObjectName(QStringLiteral("highlighter tool runs"));
    m_runner = new ToolRunner([this](const ToolRunOutcome &outcome) {
        QMetaObject::invokeMethod(
            this, [this, outcome] { runFinished(outcome); }, Qt::QueuedConnection);
    });
    m_runner->moveToThread(m_thread);
    // Deleted on its thread as that ends: its pending QProcess children are killed and reaped there
    // (kate-syntax-highlighter dies at once).
    connect(m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_thread->start();
}

// Outcomes the runner posted to this object meanwhile die with it.
ToolHighlightBackend::~ToolHighlightBackend() {
    m_thread->quit();
    m_thread->wait();
}

void ToolHighlightBackend::setDefinitionDataDir(const QString &dir) {
    m_definitionDataDir = dir;
    m_environment = QProcessEnvironment();
    if (dir.isEmpty())
        return;
    m_environment = QProcessEnvironment::systemEnvironment();
    // The XDG default applies when the variable is unset; keep it behind our folder.
    const QString system =
        m_environment.value(QStringLiteral("XDG_DATA_DIRS"), QStringLiteral("/usr/local/share:/usr/share"));
    m_environment.insert(QStringLiteral("XDG_DATA_DIRS"), dir + QLatin1Char(':') + system);
}

void ToolHighlightBackend::startServer(const QStringList &definitions) {
    if (m_serverProgram.isEmpty())
        return;
    ToolJob job;
    job.environment = m_environment;
    job.server = m_serverProgram;
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, job, definitions] { runner->startServer(job, definitions); });
}

namespace {

QString describe(const QString &program, const QString &serverProgram) {
    if (!serverProgram.isEmpty()) {
        return QStringLiteral("KSyntaxHighlighting via %1 (out of process, long-lived; else %2)")
            .arg(QFileInfo(serverProgram).fileName(), program);
    }
    return QStringLiteral("KSyntaxHighlighting via %1 (out of process)").arg(program);
}

} // namespace

QString ToolHighlightBackend::description() const {
    return describe(m_program, m_serverProgram);
}

QString ToolHighlightBackend::defaultDescription() {
    return describe(defaultProgram(), serverBesideApplication());
}

bool ToolHighlightBackend::isLatest(QTextDocument *document, quint64 generation) const {
    return m_latest.value(document) == generation;
}

bool ToolHighlightBackend::isInFlight(const QByteArray &key, bool foregroundOnly) const {
    for (const Run &run : m_runs) {
        if (run.key == key && !(foregroundOnly && run.prefetch))
            return true;
    }
    return false;
}

void ToolHighlightBackend::highlight(QTextDocument *document, const QString &text, const QString &language,
                                     bool dark) {
    if (!m_latest.contains(document)) {
        connect(document, &QObject::destroyed, this, [this, document] { m_latest.remove(document); });
    }
    const quint64 generation = ++m_nextGeneration;
    m_latest.insert(document, generation);
    document->setPlainText(text); // shown at once; colours follow when the tool answers
    if (language.isEmpty()) {
        Q_EMIT finished(document, QString()); // plain text by intent, e.g. a command line of unknown shell
        return;
    }

    const QByteArray key = HighlightCache::keyOf(language, themeName(dark), text);
    if (const HighlightSpans *spans = m_cache.find(key)) {
        spans->applyTo(document);
        Q_EMIT finished(document, QString());
        return;
    }
    m_waiters[key].append({document, generation});
    m_prefetchQueue.removeIf([&key](const Prefetch &queued) { return queued.key == key; });
    // A prefetch of the same text may be under way at low priority: a run of its own races it, and the
    // first answer serves both.
    if (!isInFlight(key, true))
        startRun(key, text, language, dark, false);
}

void ToolHighlightBackend::prefetch(const QList<HighlightRequest> &requests) {
    m_prefetchQueue.clear();
    for (const HighlightRequest &request : requests) {
        if (request.language.isEmpty())
            continue;
        const QByteArray key = HighlightCache::keyOf(request.language, themeName(request.dark), request.text);
        const bool queued = std::any_of(m_prefetchQueue.cbegin(), m_prefetchQueue.cend(),
                                        [&key](const Prefetch &p) { return p.key == key; });
        if (!queued && !m_cache.contains(key) && !isInFlight(key, false))
            m_prefetchQueue.append({key, request});
    }
    startPrefetches();
}

void ToolHighlightBackend::startPrefetches() {
    int running = 0;
    for (const Run &run : m_runs) {
        if (!run.prefetch)
            return; // a shown text waits for the tool: it gets the cores
        ++running;
    }
    while (running < MaxPrefetchRuns && !m_prefetchQueue.isEmpty()) {
        const Prefetch next = m_prefetchQueue.takeFirst();
        startRun(next.key, next.request.text, next.request.language, next.request.dark, true);
        ++running;
    }
}

void ToolHighlightBackend::startRun(const QByteArray &key, const QString &text, const QString &language,
                                    bool dark, bool prefetch) {
    const quint64 run = ++m_nextRun;
    m_runs.insert(run, {key, prefetch});
    ++m_runsStarted;
    if (prefetch)
        ++m_prefetchRunsStarted;
    ToolJob job{m_program,
                {QStringLiteral("--stdin"), QStringLiteral("-s"), language, QStringLiteral("-f"),
                 QStringLiteral("html"), QStringLiteral("-t"), themeName(dark)},
                m_environment,
                text,
                prefetch,
                m_timeoutMs,
                language,
                themeName(dark),
                m_serverProgram};
    QMetaObject::invokeMethod(m_runner, [runner = m_runner, run, job] { runner->start(run, job); });
}

void ToolHighlightBackend::runFinished(const ToolRunOutcome &outcome) {
    const auto found = m_runs.constFind(outcome.run);
    if (found == m_runs.cend())
        return;
    const QByteArray key = found->key;
    m_runs.erase(found);
    if (outcome.spans) {
        m_cache.insert(key, *outcome.spans); // even an answer nobody waits for any more is worth keeping
        for (auto it = m_runs.begin(); it != m_runs.end();) { // a run racing this one is not needed
            if (it->key == key) {
                QMetaObject::invokeMethod(m_runner,
                                          [runner = m_runner, run = it.key()] { runner->cancel(run); });
                it = m_runs.erase(it);
            } else {
                ++it;
            }
        }
    }
    if (outcome.spans || !isInFlight(key, false)) {
        const QString notice = outcome.spans ? QString() : noticeFor(outcome);
        for (const Waiter &waiter : m_waiters.take(key)) {
            QTextDocument *document = waiter.document.data();
            if (!document || !isLatest(document, waiter.generation))
                continue;
            if (outcome.spans)
                outcome.spans->applyTo(document);
            Q_EMIT finished(document, notice);
        }
    }
    startPrefetches();
}

QString ToolHighlightBackend::noticeFor(const ToolRunOutcome &outcome) const {
    switch (outcome.failure) {
    case ToolRunOutcome::Failure::NotFound:
        return tr("Plain text: %1 was not found (package libkf5syntaxhighlighting-tools).").arg(m_program);
    case ToolRunOutcome::Failure::DidNotFinish:
        return tr("Plain text: %1 did not finish.").arg(m_program);
    case ToolRunOutcome::Failure::ExitCode:
        return outcome.reason.isEmpty()
                   ? tr("Plain text: %1 failed with exit code %2.").arg(m_program).arg(outcome.exitCode)
                   : tr("Plain text: %1 failed: %2").arg(m_program, outcome.reason);
    case ToolRunOutcome::Failure::Mismatch:
    case ToolRunOutcome::Failure::None:
        break;
    }
    return tr("Plain text: the highlighter's output did not match the text.");
}

bool ToolHighlightBackend::applyToolHtml(QTextDocument *document, const QString &html) {
    const std::optional<HighlightSpans> spans = HighlightSpans::fromToolHtml(html, document->toPlainText());
    if (!spans)
        return false; // the text stays as it is: never show text other than what was asked for
    spans->applyTo(document);
    return true;
}

} // namespace tb
