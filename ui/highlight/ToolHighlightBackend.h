#pragma once

#include "HighlightBackend.h"
#include "HighlightCache.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QProcessEnvironment>
#include <QString>

class QThread;
class QTextDocument;

namespace tb {

class ToolRunner;
struct ToolRunOutcome;

// KSyntaxHighlighting out of process, for systems without KF6 (Debian 12 ships only KF5, which a Qt 6
// binary cannot link): `kate-syntax-highlighter --stdin -s LANG -f html -t THEME` runs in a QProcess
// and its HTML colours the plain text. Where tunebench-highlightd (app/highlightd, Qt 5 + KF5) is built
// beside the application, one long-lived server writes that same HTML instead, without loading the
// libraries per text; the tool is the fallback when the server cannot start. The processes are started, and
// their HTML parsed, on a thread of the backend's own, so the UI thread never forks or waits; the requests of
// one event run at once. Results are kept in a HighlightCache, and prefetch() fills it ahead of time with
// low-priority runs, so a text seen before is coloured with no process at all. A missing or failing tool
// leaves plain text and a one-line notice.
class ToolHighlightBackend final : public HighlightBackend {
    Q_OBJECT
public:
    // Low-priority runs at a time, and only while no shown text waits for the tool.
    static constexpr int MaxPrefetchRuns = 2;

    explicit ToolHighlightBackend(QObject *parent = nullptr);
    ~ToolHighlightBackend() override;

    // The tool to run: a name looked up on PATH or a path. Default: kate-syntax-highlighter.
    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }
    // A folder holding org.kde.syntax-highlighting/syntax/*.xml, put first on the tool's
    // XDG_DATA_DIRS so that it finds Tunebench's own definitions (SPL, KQL, macros.conf).
    void setDefinitionDataDir(const QString &dir);
    QString definitionDataDir() const { return m_definitionDataDir; }
    // The long-lived server to ask before the tool, by path; empty: the tool only. Default:
    // tunebench-highlightd beside the application binary, when there is one.
    void setServerProgram(const QString &program) { m_serverProgram = program; }
    QString serverProgram() const { return m_serverProgram; }
    // Starts the server now, after setServerProgram() and setDefinitionDataDir(), rather than for the
    // first text, and has it load `definitions` then: a first click need not wait for either.
    void startServer(const QStringList &definitions);
    // A run that takes longer is killed and its text stays plain.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    QString description() const override;
    // What description() says of a backend built with the defaults, without building one: building
    // starts a thread and the server, which `--version` must not leave running at exit().
    static QString defaultDescription();
    void highlight(QTextDocument *document, const QString &text, const QString &language, bool dark) override;
    void prefetch(const QList<HighlightRequest> &requests) override;

    // How many texts were sent to be highlighted so far (tool runs or server requests), prefetches
    // included: cached results send none.
    int runsStarted() const { return m_runsStarted; }
    int prefetchRunsStarted() const { return m_prefetchRunsStarted; }
    // No run in flight and no prefetch waiting.
    bool isIdle() const { return m_runs.isEmpty() && m_prefetchQueue.isEmpty(); }
    HighlightCache &cache() { return m_cache; }

    // Colours the plain text `document` holds as the tool's HTML output `html` says. False, and the
    // plain text kept, when `html` is not the tool's HTML for that text.
    static bool applyToolHtml(QTextDocument *document, const QString &html);

private:
    struct Waiter {
        QPointer<QTextDocument> document;
        quint64 generation = 0;
    };
    struct Run {
        QByteArray key;
        bool prefetch = false;
    };
    struct Prefetch {
        QByteArray key;
        HighlightRequest request;
    };

    void startRun(const QByteArray &key, const QString &text, const QString &language, bool dark,
                  bool prefetch);
    void runFinished(const ToolRunOutcome &outcome);
    void startPrefetches();
    bool isInFlight(const QByteArray &key, bool foregroundOnly) const;
    bool isLatest(QTextDocument *document, quint64 generation) const;
    QString noticeFor(const ToolRunOutcome &outcome) const;

    QString m_program;
    QString m_serverProgram;
    QString m_definitionDataDir;
    QProcessEnvironment m_environment; // empty: the tool inherits ours
    int m_timeoutMs = 15000;
    int m_runsStarted = 0;
    int m_prefetchRunsStarted = 0;
    quint64 m_nextGeneration = 0;
    quint64 m_nextRun = 0;
    QHash<QTextDocument *, quint64> m_latest;   // the request each document waits for
    QHash<QByteArray, QList<Waiter>> m_waiters; // documents waiting for a key's run
    QHash<quint64, Run> m_runs;                 // runs in flight
    QList<Prefetch> m_prefetchQueue;            // the newest prefetch request, not started yet
    HighlightCache m_cache;
    QThread *m_thread = nullptr;
    ToolRunner *m_runner = nullptr; // lives on m_thread
};

} // namespace tb
