// The triage window's speed on a generated workspace of 1,000,000 events (docs/PERFORMANCE.md).
// Built with the tests, never run by ctest: tests/bench/triage_bench [--events N] [--workspace FILE].
#include "BenchWorkspace.h"
#include "EventDetailView.h"
#include "highlight/HighlightedTextView.h"
#include "items/EventTableModel.h"
#include "MainWindow.h"
#include "store/Workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

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

} // namespace

int main(int argc, char *argv[]) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures show up as they come, also in a log file
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("Events"),
                                          QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("Workspace file"),
                                             QStringLiteral("FILE"), QStringLiteral("bench-1m.tunebench"));
    const QCommandLineOption partOption(QStringLiteral("part"),
                                        QStringLiteral("What to time: all, search (model only) or window"),
                                        QStringLiteral("PART"), QStringLiteral("all"));
    parser.addOptions({eventsOption, workspaceOption, partOption});
    parser.addHelpOption();
    parser.process(app);
    const qint64 events = parser.value(eventsOption).toLongLong();
    const QString path = parser.value(workspaceOption);
    const QString part = parser.value(partOption);
    const bool all = part == QLatin1String("all");

    std::printf("workspace %s, %lld events\n", qPrintable(path), events);
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
    if (all || part == QLatin1String("window")) {
        // The real window on the same workspace (offscreen): open, select -> detail, scroll, memory.
        {
            // The window is up (as after a start); File > Open of the workspace, until its first rows show.
            MainWindow window;
            window.resize(1600, 900);
            window.show();
            QCoreApplication::processEvents();
            QElapsedTimer timer;
            timer.start();
            if (!window.openWorkspace(path)) {
                std::fprintf(stderr, "%s\n", qPrintable(window.errorString()));
                return 1;
            }
            EventTableModel &table = *window.eventModel();
            msUntil([&] { return rowLoaded(table, 0); });
            report("window: open workspace -> first rows", double(timer.nsecsElapsed()) / 1e6, 300);

            QRandomGenerator random(11);
            double worstDetail = 0, sumDetail = 0, worstComplete = 0, sumComplete = 0;
            std::vector<double> detailTimes, countedTimes, completeTimes, completeCpu;
            const int selections = 20;
            for (int i = 0; i < selections; ++i) {
                const int row = int(random.bounded(table.rowCount()));
                window.eventView()->scrollTo(table.index(row, 0));
                msUntil([&] { return rowLoaded(table, row); });
                timer.restart();
                const double cpu = cpuMs();
                window.eventView()->setCurrentIndex(table.index(row, 1));
                msUntil([&] { return window.detailView()->eventId() == table.eventIdAt(row).value_or(-1); });
                const double ms = double(timer.nsecsElapsed()) / 1e6;
                worstDetail = std::max(worstDetail, ms);
                sumDetail += ms;
                // Full: the counts are in and the command line and raw record are highlighted.
                const EventDetailView &view = *window.detailView();
                msUntil([&] { return view.isComplete(); });
                const double counted = double(timer.nsecsElapsed()) / 1e6;
                msUntil([&] { return !view.commandLineView()->isPending() && !view.rawView()->isPending(); });
                countedTimes.push_back(counted);
                const double complete = double(timer.nsecsElapsed()) / 1e6;
                worstComplete = std::max(worstComplete, complete);
                sumComplete += complete;
                detailTimes.push_back(ms);
                completeTimes.push_back(complete);
                completeCpu.push_back(cpuMs() - cpu);
                std::printf("  select row %7d: shown %6.1f ms, counts %6.1f ms, highlighted %6.1f ms\n", row,
                            ms, counted, complete);
            }
            std::printf("  select -> detail pane: mean %.1f ms, full (highlighted) %.1f ms, over %d "
                        "random events\n",
                        sumDetail / selections, sumComplete / selections, selections);
            std::printf("  select -> detail pane: median %.1f ms, full median %.1f ms (CPU median %.1f ms, "
                        "worst %.1f ms)\n",
                        median(detailTimes), median(completeTimes), median(completeCpu),
                        *std::max_element(completeCpu.begin(), completeCpu.end()));
            report("window: select -> detail pane (worst)", worstDetail, 50);
            report("window: select -> detail pane with its counts (worst)",
                   *std::max_element(countedTimes.begin(), countedTimes.end()), 50);
            report("window: select -> full detail pane, highlighted (worst)", worstComplete, 50);
            std::printf("  select -> detail with counts: median %.1f ms\n", median(countedTimes));

            double worstScroll = 0;
            for (int i = 0; i < 10; ++i) {
                const int row = int(random.bounded(table.rowCount()));
                timer.restart();
                window.eventView()->scrollTo(table.index(row, 0), QAbstractItemView::PositionAtCenter);
                msUntil([&] { return rowLoaded(table, row); });
                worstScroll = std::max(worstScroll, double(timer.nsecsElapsed()) / 1e6);
            }
            report("window: scroll to any position -> rows (worst)", worstScroll, 300);
            std::printf("%-52s %9lld MiB (target <= 300 MiB)\n", "window: resident memory (RSS)", rssMiB());
        }
    }
    return 0;
}
