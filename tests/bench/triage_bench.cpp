// The triage window's speed on a generated workspace of 1,000,000 events (docs/PERFORMANCE.md).
// Built with the tests, never run by ctest: tests/bench/triage_bench [--events N] [--workspace FILE].
#include "BenchWorkspace.h"
#include "EventDetailView.h"
#include "highlight/HighlightedTextView.h"
#include "highlight/SyntaxLanguage.h"
#include "highlight/ToolHighlightBackend.h"
#include "HighlightPrefetcher.h"
#include "items/EventTableModel.h"
#include "MainWindow.h"
#include "store/Workspace.h"
#include "TriageController.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <sys/resource.h>

using namespace tb;

namespace {

// Milliseconds until `done` holds, with the event loop running (results arrive as queued signals). The
// loop sleeps between events, as the GUI's does: a busy loop would take a core from the loader's thread.
double msUntil(const std::function<bool()> &done, int timeoutMs = 60000) {
    QElapsedTimer timer;
    timer.start();
    QTimer tick; // wakes the loop for conditions that no event announces
    tick.start(2);
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

bool rowLoaded(const EventTableModel &model, int row) {
    return !model.isLoading() && model.index(row, 0).data(EventTableModel::LoadedRole).toBool();
}

qint64 rssMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() / 1024;
    }
    return -1;
}

// CPU time of the whole process (all threads) in milliseconds: on a loaded machine the wall time of a
// step stretches, its CPU time much less.
double cpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

double median(std::vector<double> values) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void report(const char *what, double ms, double target) {
    std::printf("%-52s %9.1f ms   (target <= %.0f ms)%s\n", what, ms, target, ms > target ? "  MISSED" : "");
}

// The load average (1, 5, 15 minutes): on the shared machine it decides the wall times.
QString loadAverage() {
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

// CPU time of the calling thread in milliseconds: the UI thread's own work for a selection.
double threadCpuMs() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return (double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

double worst(const std::vector<double> &values) {
    return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

// When each highlighted view of the pane (command line, raw record) last finished highlighting and last
// painted, on the bench's clock: the pane is on screen only once each visible view has painted after
// its colours came.
class PaneClock final : public QObject {
public:
    PaneClock(const EventDetailView &view, const QElapsedTimer &clock)
        : m_clock(clock) {
        for (HighlightedTextView *text : {view.commandLineView(), view.rawView()}) {
            Times &times = m_times[text->findChild<QPlainTextEdit *>()->viewport()];
            times.view = text;
            connect(text, &HighlightedTextView::highlighted, this,
                    [this, &times] { times.highlightedNs = m_clock.nsecsElapsed(); });
        }
        for (QWidget *viewport : m_times.keys())
            viewport->installEventFilter(this);
    }
    // The last highlighting to finish.
    qint64 highlightedNs() const {
        qint64 last = -1;
        for (const Times &times : m_times)
            last = std::max(last, times.highlightedNs);
        return last;
    }
    // When the last visible view painted after its highlighting; -1 while one has not yet.
    qint64 paintedNs() const {
        qint64 last = -1;
        for (const Times &times : m_times) {
            if (!times.view->isVisible())
                continue;
            if (times.paintNs < times.highlightedNs)
                return -1;
            last = std::max(last, times.paintNs);
        }
        return last;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint)
            m_times[static_cast<QWidget *>(watched)].paintNs = m_clock.nsecsElapsed();
        return QObject::eventFilter(watched, event);
    }

private:
    struct Times {
        const HighlightedTextView *view = nullptr;
        qint64 highlightedNs = -1, paintNs = -1;
    };
    const QElapsedTimer &m_clock;
    QHash<QWidget *, Times> m_times;
};

// One way of selecting an event, timed: until the pane shows the event (the UI thread's own work),
// until its prevalence counts are in, until the command line and raw record are highlighted, and until
// the raw record has painted.
struct SelectionFigures {
    std::vector<double> shown, counted, highlighted, painted, uiCpu, ahead;
    int fromCache = 0, selections = 0;

    void print(const char *what, double target) const {
        std::printf("%-52s worst %7.1f ms, median %6.1f ms (%d selections)%s\n",
                    (std::string(what) + ": shown").c_str(), worst(shown), median(shown), selections,
                    worst(shown) > target ? "  MISSED" : "");
        std::printf("%-52s worst %7.1f ms, median %6.1f ms%s\n",
                    (std::string(what) + ": with counts").c_str(), worst(counted), median(counted),
                    worst(counted) > target ? "  MISSED" : "");
        std::printf("%-52s worst %7.1f ms, median %6.1f ms%s  (%d of %d from the cache)\n",
                    (std::string(what) + ": full, highlighted").c_str(), worst(highlighted),
                    median(highlighted), worst(highlighted) > target ? "  MISSED" : "", fromCache,
                    selections);
        if (!painted.empty())
            std::printf("%-52s worst %7.1f ms, median %6.1f ms\n",
                        (std::string(what) + ": full, painted").c_str(), worst(painted), median(painted));
        std::printf("%-52s worst %7.1f ms, median %6.1f ms\n",
                    (std::string(what) + ": UI thread CPU").c_str(), worst(uiCpu), median(uiCpu));
        if (!ahead.empty())
            std::printf("%-52s worst %7.1f ms, median %6.1f ms\n",
                        (std::string(what) + ": next events highlighted ahead after").c_str(), worst(ahead),
                        median(ahead));
    }
};

struct WindowFigures {
    std::vector<double> open, openPainted;
    SelectionFigures click, keyboard;
    std::vector<double> scroll;
    qint64 rss = 0;

    void print(int runs) const {
        std::printf("--- the real window, %d runs (%s build) ---\n", runs,
#ifdef NDEBUG
                    "release"
#else
                    "debug"
#endif
        );
        std::printf("%-52s worst %7.1f ms, median %6.1f ms (target <= 300 ms)%s\n",
                    "window: open workspace -> first rows", worst(open), median(open),
                    worst(open) > 300 ? "  MISSED" : "");
        std::printf("%-52s worst %7.1f ms, median %6.1f ms%s\n",
                    "window: open workspace -> first rows painted", worst(openPainted), median(openPainted),
                    worst(openPainted) > 300 ? "  MISSED" : "");
        if (click.shown.empty())
            return;
        click.print("random click, cache cold", 50);
        keyboard.print("keyboard next (Down, N), cache warm", 50);
        report("window: scroll to any position -> rows (worst)", worst(scroll), 300);
        std::printf("%-52s %9lld MiB (target <= 300 MiB)\n", "window: resident memory (RSS), last run", rss);
    }
};

// Selects with `select`, then times the pane as SelectionFigures says. Waits first until the previous
// selection's background work (prefetch included) is done, as while an analyst reads an event.
void timeSelection(MainWindow &window, ToolHighlightBackend *tool, const PaneClock &pane,
                   const QElapsedTimer &clock, int expectedRow, const std::function<void()> &select,
                   SelectionFigures &figures, const char *label) {
    EventTableModel &table = *window.eventModel();
    const EventDetailView &view = *window.detailView();
    const auto highlighted = [&] {
        return !view.commandLineView()->isPending() && !view.rawView()->isPending();
    };
    const int runsBefore = tool ? tool->runsStarted() - tool->prefetchRunsStarted() : 0;
    const double cpu = threadCpuMs();
    const qint64 start = clock.nsecsElapsed();
    auto since = [&] { return double(clock.nsecsElapsed() - start) / 1e6; };
    select();
    const double uiCpu = threadCpuMs() - cpu;
    // Shown by select() itself when the row's page is loaded; else once it arrives.
    const auto isShown = [&] {
        return table.eventIdAt(expectedRow).has_value() &&
               view.eventId() == table.eventIdAt(expectedRow).value_or(-1);
    };
    if (!isShown())
        msUntil(isShown);
    const double shown = since();
    msUntil([&] { return view.isComplete(); });
    const double counted = since();
    msUntil(highlighted);
    // Full: the pane shown and both texts highlighted (a cache hit colours them before the pane is laid out).
    const double full = std::max(shown, double(std::max(start, pane.highlightedNs()) - start) / 1e6);
    const bool cached = tool && tool->runsStarted() - tool->prefetchRunsStarted() == runsBefore;
    // Highlighting ahead for the next keys, until it is done.
    msUntil([&] { return !window.prefetcher()->isReading() && (!tool || tool->isIdle()); });
    const double ahead = since();
    // The views paint on a later turn of the event loop (the times come from their paint events).
    const double painted = msUntil([&] { return pane.paintedNs() >= 0; }, 1000) < 0
                               ? -1
                               : double(pane.paintedNs() - start) / 1e6;
    figures.shown.push_back(shown);
    figures.counted.push_back(counted);
    figures.highlighted.push_back(full);
    if (painted >= 0)
        figures.painted.push_back(painted);
    figures.uiCpu.push_back(uiCpu);
    figures.ahead.push_back(ahead);
    figures.fromCache += cached ? 1 : 0;
    ++figures.selections;
    std::printf(
        "  %-6s row %7d: shown %6.1f ms (UI CPU %5.1f), counts %6.1f, highlighted %6.1f%s, painted %6.1f; "
        "ahead done %6.1f ms\n",
        label, expectedRow, shown, uiCpu, counted, full, cached ? " (cache)" : "", painted, ahead);
}

// Paint events of a widget, on a clock started by the caller.
class PaintWatch final : public QObject {
public:
    PaintWatch(QWidget *widget, const QElapsedTimer &clock)
        : m_clock(clock) {
        widget->installEventFilter(this);
    }
    qint64 lastPaintNs() const { return m_lastPaintNs; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint)
            m_lastPaintNs = m_clock.nsecsElapsed();
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_clock;
    qint64 m_lastPaintNs = -1;
};

// Opens the workspace in a new window and times it; then, unless `openOnly`, random clicks and keyboard
// triage.
bool timeWindow(const QString &path, WindowFigures &figures, bool openOnly) {
    // The window is up (as after a start); File > Open of the workspace, until its first rows show.
    MainWindow window;
    window.resize(1600, 900);
    window.show();
    QCoreApplication::processEvents();
    QElapsedTimer timer;
    timer.start();
    const PaintWatch tablePaints(window.eventView()->viewport(), timer);
    if (!window.openWorkspace(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(window.errorString()));
        return false;
    }
    EventTableModel &table = *window.eventModel();
    msUntil([&] { return rowLoaded(table, 0); });
    const qint64 rowsNs = timer.nsecsElapsed();
    figures.open.push_back(double(rowsNs) / 1e6);
    // ... and painted: the first rows on screen.
    msUntil([&] { return tablePaints.lastPaintNs() >= rowsNs; }, 1000);
    figures.openPainted.push_back(double(tablePaints.lastPaintNs()) / 1e6);
    std::printf("%-52s %9.1f ms, painted %.1f ms (target <= 300 ms)%s\n",
                "window: open workspace -> first rows", figures.open.back(), figures.openPainted.back(),
                figures.openPainted.back() > 300 ? "  MISSED" : "");
    if (openOnly)
        return true;

    auto *tool = qobject_cast<ToolHighlightBackend *>(window.rawView()->backend());
    QElapsedTimer clock;
    clock.start();
    PaneClock pane(*window.detailView(), clock);
    window.triage()->advanceAction()->setChecked(false);
    QTableView *view = window.eventView();
    QRandomGenerator random(11);

    // Random clicks, each with the highlighter's cache emptied first: the cold case.
    for (int i = 0; i < 20; ++i) {
        const int row = int(random.bounded(table.rowCount()));
        view->scrollTo(table.index(row, 0));
        msUntil([&] { return rowLoaded(table, row); });
        msUntil([&] { return !window.prefetcher()->isReading() && (!tool || tool->isIdle()); });
        if (tool)
            tool->cache().clear();
        timeSelection(
            window, tool, pane, clock, row, [&] { view->setCurrentIndex(table.index(row, 1)); },
            figures.click, "click");
    }
    // Keyboard triage from the last click: Down, and N (next unreviewed) every third key.
    view->setFocus();
    for (int i = 0; i < 20; ++i) {
        const int current = view->currentIndex().row();
        const bool next = i % 3 == 2;
        const std::optional<int> expected =
            next ? table.cachedUnreviewedRow(current, true) : std::optional<int>(current + 1);
        if (!expected)
            continue;
        timeSelection(
            window, tool, pane, clock, *expected,
            [&] {
                next ? window.triage()->nextUnreviewedAction()->trigger()
                     : QTest::keyClick(view, Qt::Key_Down);
            },
            figures.keyboard, next ? "N" : "Down");
    }

    QRandomGenerator scrollRandom(12);
    for (int i = 0; i < 10; ++i) {
        const int row = int(scrollRandom.bounded(table.rowCount()));
        timer.restart();
        view->scrollTo(table.index(row, 0), QAbstractItemView::PositionAtCenter);
        msUntil([&] { return rowLoaded(table, row); });
        figures.scroll.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    figures.rss = rssMiB();
    return true;
}

} // namespace

// With TB_TRACE_EVENTS set, prints each event that held the UI thread over 4 ms: wall and CPU time,
// voluntary waits (a lock, a pool) and preemptions, page faults, and the receiver with its parents.
// That is how a paint waiting for Qt's global thread pool was found (BackgroundPool.h).
class EventTimingApp final : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override {
        static const bool tracing = qEnvironmentVariableIsSet("TB_TRACE_EVENTS");
        if (!tracing)
            return QApplication::notify(receiver, event);
        QElapsedTimer wall;
        wall.start();
        const int type = event->type();
        rusage before{};
        getrusage(RUSAGE_THREAD, &before);
        const bool result = QApplication::notify(receiver, event);
        const double ms = double(wall.nsecsElapsed()) / 1e6;
        if (ms <= 4)
            return result;
        rusage after{};
        getrusage(RUSAGE_THREAD, &after);
        const auto cpuMsOf = [](const rusage &usage) {
            return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                   double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
        };
        QString chain;
        for (QObject *object = receiver; object; object = object->parent())
            chain += QString::fromLatin1(object->metaObject()->className()) + QLatin1Char('(') +
                     object->objectName() + QLatin1String(") < ");
        std::fprintf(stderr,
                     "EVENT %6.1f ms (CPU %.1f, waits %ld, preempted %ld, faults %ld/%ld) type %d to %s\n",
                     ms, cpuMsOf(after) - cpuMsOf(before), after.ru_nvcsw - before.ru_nvcsw,
                     after.ru_nivcsw - before.ru_nivcsw, after.ru_majflt - before.ru_majflt,
                     after.ru_minflt - before.ru_minflt, type, qPrintable(chain));
        return result;
    }
};

int main(int argc, char *argv[]) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures show up as they come, also in a log file
    EventTimingApp app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("Events"),
                                          QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("Workspace file"),
                                             QStringLiteral("FILE"), QStringLiteral("bench-1m.tunebench"));
    const QCommandLineOption partOption(
        QStringLiteral("part"),
        QStringLiteral("What to time: all, search (model only), window, or open (the window's open only)"),
        QStringLiteral("PART"), QStringLiteral("all"));
    const QCommandLineOption repeatOption(
        QStringLiteral("repeat"), QStringLiteral("How many times to time the window (a new one each time)"),
        QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption highlighterOption(
        QStringLiteral("highlighter"),
        QStringLiteral(
            "Out-of-process highlighting through: server (tunebench-highlightd, when built) or tool "
            "(kate-syntax-highlighter per text)"),
        QStringLiteral("WHICH"), QStringLiteral("server"));
    parser.addOptions({eventsOption, workspaceOption, partOption, repeatOption, highlighterOption});
    parser.addHelpOption();
    parser.process(app);
    const qint64 events = parser.value(eventsOption).toLongLong();
    const QString path = parser.value(workspaceOption);
    const QString part = parser.value(partOption);
    const bool all = part == QLatin1String("all");
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    if (auto *tool = qobject_cast<ToolHighlightBackend *>(HighlightedTextView::applicationBackend())) {
        const QFileInfo server(QStringLiteral(TUNEBENCH_BIN_DIR "/tunebench-highlightd"));
        const bool useServer =
            parser.value(highlighterOption) == QLatin1String("server") && server.isExecutable();
        tool->setServerProgram(useServer ? server.absoluteFilePath() : QString());
        tool->startServer(SyntaxLanguage::detailPaneLanguages()); // as tunebench does
        std::printf("highlighting: %s\n", qPrintable(tool->description()));
    }

    std::printf("workspace %s, %lld events, %s build, load average %s\n", qPrintable(path), events,
#ifdef NDEBUG
                "release",
#else
                "debug",
#endif
                qPrintable(loadAverage()));
    QString error;
    if (!BenchWorkspace::ensure(path, events, &error)) {
        std::fprintf(stderr, "cannot build the workspace: %s\n", qPrintable(error));
        return 1;
    }

    // Open -> first rows.
    QElapsedTimer open;
    open.start();
    Workspace workspace;
    if (!workspace.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(workspace.errorString()));
        return 1;
    }
    auto modelOwner = std::make_unique<EventTableModel>(workspace.database());
    EventTableModel &model = *modelOwner;
    msUntil([&] { return rowLoaded(model, 0); });
    report("open workspace -> first rows", double(open.nsecsElapsed()) / 1e6, 300);
    std::printf("  rows: %d\n", model.rowCount());

    if (all) {
        // Sort changes: each until the first rows of the new order are in.
        const std::pair<const char *, EventColumn> sorts[] = {
            {"time", EventColumn::of(EventField::TimeUtc)},
            {"host", EventColumn::of(EventField::Host)},
            {"user", EventColumn::of(EventField::User)},
            {"rule", EventColumn::of(EventField::RuleName)},
            {"task name", EventColumn::of(EventField::TaskName)},
            {"parent", EventColumn::of(EventField::ParentName)},
            {"command line", EventColumn::of(EventField::CommandLine)},
            {"FP likelihood", EventColumn::likelihood()},
            {"top explanation", EventColumn::topExplanation()},
            {"verdict", EventColumn::verdict()},
        };
        double worstSort = 0;
        for (const auto &[name, column] : sorts) {
            for (Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
                EventQuery query = model.query();
                query.sortColumn = column;
                query.sortOrder = order;
                QElapsedTimer timer;
                timer.start();
                model.setQuery(query);
                msUntil([&] { return rowLoaded(model, 0); });
                const double ms = double(timer.nsecsElapsed()) / 1e6;
                worstSort = std::max(worstSort, ms);
                std::printf("  sort by %-16s %-5s %8.1f ms\n", name,
                            order == Qt::AscendingOrder ? "asc" : "desc", ms);
            }
        }
        report("sort change (worst column)", worstSort, 500);

        // Scrolling to any position: cold jumps (OFFSET) and the next page (keyset).
        for (const char *name : {"time", "host"}) {
            EventQuery query = model.query();
            query.sortColumn =
                EventColumn::of(qstrcmp(name, "time") == 0 ? EventField::TimeUtc : EventField::Host);
            query.sortOrder = Qt::AscendingOrder;
            model.setQuery(query);
            msUntil([&] { return rowLoaded(model, 0); });
            double worstJump = 0, worstNext = 0;
            QRandomGenerator random(7);
            for (int i = 0; i < 12; ++i) {
                const int row = i == 0 ? model.rowCount() - 1 : int(random.bounded(model.rowCount()));
                const double jump = msUntil([&] { return rowLoaded(model, row); });
                const int next = std::min(model.rowCount() - 1,
                                          (row / EventTableModel::PageSize + 1) * EventTableModel::PageSize);
                const double step = msUntil([&] { return rowLoaded(model, next); });
                worstJump = std::max(worstJump, jump);
                worstNext = std::max(worstNext, step);
            }
            std::printf("  sorted by %-5s: jump to any row (OFFSET) worst %.1f ms, next page (keyset) worst "
                        "%.1f ms\n",
                        name, worstJump, worstNext);
        }
    }
    if (all || part == QLatin1String("search")) {
        // Quick search (FTS5), each until the first matching rows are in: a first pass (pages of the index
        // and rows maybe not in memory yet) and a second one.
        // A task name fragment, a host, path fragments, rare and very common words, a word that is nowhere.
        const char *const searches[] = {"googleupdate", "patchreboot",      "adobe arm", "srv-app-03",
                                        "backup.ps1",   "cron.d",           "dbg-7f3c",  "powershell",
                                        "schtasks",     "zzzz-no-such-word"};
        // In the default order (time); after that, once sorted by host, where matches bunch up.
        {
            EventQuery query = model.query();
            query.sortColumn = EventColumn::of(EventField::TimeUtc);
            query.sortOrder = Qt::AscendingOrder;
            model.setQuery(query);
            msUntil([&] { return rowLoaded(model, 0); });
        }
        double worstSearch[3] = {0, 0, 0};
        std::vector<double> searchTimes[3];
        for (int pass = 0; pass < 3; ++pass) {
            if (pass == 2) {
                EventQuery query = model.query();
                query.search.clear();
                query.sortColumn = EventColumn::of(EventField::Host);
                model.setQuery(query);
                msUntil([&] { return rowLoaded(model, 0); });
            }
            for (const char *words : searches) {
                model.setSearch(QString());
                msUntil([&] { return rowLoaded(model, 0); });
                QElapsedTimer timer;
                timer.start();
                const double cpu = cpuMs();
                model.setSearch(QString::fromUtf8(words));
                msUntil([&] { return !model.isLoading() && (model.rowCount() == 0 || rowLoaded(model, 0)); });
                const double ms = double(timer.nsecsElapsed()) / 1e6;
                worstSearch[pass] = std::max(worstSearch[pass], ms);
                searchTimes[pass].push_back(ms);
                std::printf("  search %-20s %8d rows %8.1f ms (CPU %6.1f ms)%s\n", words, model.rowCount(),
                            ms, cpuMs() - cpu,
                            pass == 0   ? "  (by time, first)"
                            : pass == 1 ? "  (by time, again)"
                                        : "  (by host)");
            }
        }
        report("quick search by time, first time (worst)", worstSearch[0], 150);
        report("quick search by time, again (worst)", worstSearch[1], 150);
        report("quick search sorted by host (worst)", worstSearch[2], 150);
        std::printf("  quick search medians: %.1f / %.1f / %.1f ms\n", median(searchTimes[0]),
                    median(searchTimes[1]), median(searchTimes[2]));
        model.setSearch(QString());
        msUntil([&] { return rowLoaded(model, 0); });
    }
    if (all) {
        // The model's contract at a million rows.
        {
            QElapsedTimer timer;
            timer.start();
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
            model.sort(1, Qt::DescendingOrder);
            msUntil([&] { return rowLoaded(model, 0); });
            std::printf("  QAbstractItemModelTester on %d rows: passed (%.0f ms)\n", model.rowCount(),
                        double(timer.nsecsElapsed()) / 1e6);
        }
        std::printf("  resident memory after the model runs: %lld MiB\n", rssMiB());
    }
    // The model part's loader (and any order index it still reads) stops before the window opens.
    modelOwner.reset();
    if (all || part == QLatin1String("window") || part == QLatin1String("open")) {
        WindowFigures figures;
        for (int run = 1; run <= repeat; ++run) {
            std::printf("window run %d of %d (load average %s)\n", run, repeat, qPrintable(loadAverage()));
            if (!timeWindow(path, figures, part == QLatin1String("open")))
                return 1;
        }
        figures.print(repeat);
    }
    std::printf("load average at the end: %s\n", qPrintable(loadAverage()));
    return 0;
}
