// Highlighting ahead, with the real kate-syntax-highlighter: ToolHighlightBackend::prefetch() fills the
// cache at low priority, never ahead of a text on screen, and a later request is served without a
// process; in the real window, the event the keyboard selects next (Down, N) shows its command line and
// raw record highlighted at once, with no highlighter started for it. Counts processes, never time.
#include "DemoWindowSupport.h"
#include "EventDetailView.h"
#include "highlight/HighlightedTextView.h"
#include "highlight/SyntaxDefinitions.h"
#include "highlight/SyntaxLanguage.h"
#include "highlight/ToolHighlightBackend.h"
#include "HighlightPrefetcher.h"
#include "HighlightSamples.h"

#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;
using namespace tb::testing;
using namespace HighlightSamples;

namespace {

bool hasTool() {
    return !QStandardPaths::findExecutable(QStringLiteral("kate-syntax-highlighter")).isEmpty();
}

HighlightRequest requestFor(const QString &language) {
    const Sample &sample = sampleFor(language);
    return {sample.text, sample.language, false};
}

// Starts of the highlighter for texts on screen, prefetches left out.
int shownRuns(const ToolHighlightBackend &backend) {
    return backend.runsStarted() - backend.prefetchRunsStarted();
}

} // namespace

class TestHighlightPrefetch : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static void configure(ToolHighlightBackend &backend) {
        backend.setDefinitionDataDir(SyntaxDefinitions::dataDirectory());
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        if (!hasTool())
            QSKIP("kate-syntax-highlighter is not installed (this build highlights in process)");
    }

    void prefetchedTextIsShownWithoutAProcess() {
        ToolHighlightBackend backend;
        configure(backend);
        backend.prefetch({requestFor(SyntaxLanguage::PowerShell), requestFor(SyntaxLanguage::Bash)});
        QCOMPARE(backend.prefetchRunsStarted(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(backend.isIdle(), 20000);
        QCOMPARE(backend.cache().count(), 2);

        for (const QString &language : {QString(SyntaxLanguage::PowerShell), QString(SyntaxLanguage::Bash)}) {
            const Sample &sample = sampleFor(language);
            HighlightedTextView view(&backend);
            view.setText(sample.text, sample.language);
            QVERIFY(!view.isPending()); // coloured right here, from the cache
            QVERIFY2(view.notice().isEmpty(), qPrintable(view.notice()));
            for (const QString &token : sample.highlighted)
                QVERIFY2(!styleOf(view.document(), token).isEmpty(), qPrintable(token));
        }
        QCOMPARE(backend.runsStarted(), 2);
        QCOMPARE(backend.cache().hits(), 2);

        // Asked again, what is cached starts nothing.
        backend.prefetch({requestFor(SyntaxLanguage::PowerShell), requestFor(SyntaxLanguage::Bash)});
        QVERIFY(backend.isIdle());
        QCOMPARE(backend.runsStarted(), 2);
    }

    // A text on screen gets the cores: prefetches wait until the tool has answered it.
    void prefetchWaitsForTheShownText() {
        ToolHighlightBackend backend;
        configure(backend);
        HighlightedTextView view(&backend);
        const Sample &xml = sampleFor(SyntaxLanguage::Xml);
        view.setText(xml.text, xml.language);
        backend.prefetch({requestFor(SyntaxLanguage::Spl)});
        QCOMPARE(backend.runsStarted(), 1);
        QCOMPARE(backend.prefetchRunsStarted(), 0);
        QVERIFY(!backend.isIdle());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isPending(), 20000);
        QVERIFY(view.notice().isEmpty());
        QCOMPARE(backend.prefetchRunsStarted(), 1); // started as soon as the shown text was done
        QTRY_VERIFY_WITH_TIMEOUT(backend.isIdle(), 20000);
        QCOMPARE(backend.cache().count(), 2);
    }

    // Two low-priority runs at a time; a newer request drops what the older one left queued.
    void aNewerPrefetchReplacesTheQueue() {
        ToolHighlightBackend backend;
        configure(backend);
        backend.prefetch({requestFor(SyntaxLanguage::PowerShell), requestFor(SyntaxLanguage::Bash),
                          requestFor(SyntaxLanguage::Xml), requestFor(SyntaxLanguage::Kql)});
        QCOMPARE(backend.prefetchRunsStarted(), ToolHighlightBackend::MaxPrefetchRuns);
        backend.prefetch({});
        QTRY_VERIFY_WITH_TIMEOUT(backend.isIdle(), 20000);
        QCOMPARE(backend.prefetchRunsStarted(), 2);
        const auto cached = [&backend](const QString &language) {
            const HighlightRequest request = requestFor(language);
            return backend.cache().contains(HighlightCache::keyOf(
                request.language, HighlightBackend::themeName(request.dark), request.text));
        };
        QVERIFY(cached(SyntaxLanguage::PowerShell));
        QVERIFY(cached(SyntaxLanguage::Bash));
        QVERIFY(!cached(SyntaxLanguage::Xml));
        QVERIFY(!cached(SyntaxLanguage::Kql));
    }

    // A text asked for while its prefetch runs (at low priority) races it with a run of its own; the
    // first answer serves the view.
    void aShownTextOvertakesItsPrefetch() {
        ToolHighlightBackend backend;
        configure(backend);
        backend.prefetch({requestFor(SyntaxLanguage::Yaml)});
        QCOMPARE(backend.prefetchRunsStarted(), 1);
        HighlightedTextView view(&backend);
        const Sample &yaml = sampleFor(SyntaxLanguage::Yaml);
        view.setText(yaml.text, yaml.language);
        QCOMPARE(shownRuns(backend), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isPending(), 20000);
        QVERIFY(view.notice().isEmpty());
        QVERIFY(!colours(view.document()).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(backend.isIdle(), 20000); // the slower run was stopped or finished
        QCOMPARE(backend.cache().count(), 1);
    }

    // --- the real window on the demo workspace ----------------------------------------------------

    void keyboardNextIsHighlightedFromTheCache() {
        MainWindow window;
        QString error = openDemoWindow(window, m_dir.filePath("demo.tunebench"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto *backend = qobject_cast<ToolHighlightBackend *>(window.rawView()->backend());
        if (!backend)
            QSKIP("this build highlights in process: nothing to prefetch");
        EventTableModel &model = *window.eventModel();
        QVERIFY(model.rowCount() >= 8);
        QTableView *view = window.eventView();
        view->setFocus();
        const auto settled = [&] {
            return !window.commandLineView()->isPending() && !window.rawView()->isPending() &&
                   !window.prefetcher()->isReading() && backend->isIdle();
        };
        const auto select = [&](int row) {
            view->selectionModel()->setCurrentIndex(model.index(row, 1), QItemSelectionModel::ClearAndSelect |
                                                                             QItemSelectionModel::Rows);
        };
        // The event shown now, fully highlighted, and no highlighter started for it.
        const auto shownFromCache = [&](int row, int runsBefore) {
            if (window.detailView()->eventId() != model.eventIdAt(row).value_or(-1))
                return QStringLiteral("row %1 is not shown").arg(row);
            if (window.commandLineView()->isPending() || window.rawView()->isPending())
                return QStringLiteral("row %1 waits for the highlighter").arg(row);
            if (shownRuns(*backend) != runsBefore)
                return QStringLiteral("row %1 started the highlighter").arg(row);
            if (!window.rawView()->notice().isEmpty() || colours(window.rawView()->document()).isEmpty())
                return QStringLiteral("row %1's raw record is not coloured: %2")
                    .arg(row)
                    .arg(window.rawView()->notice());
            return QString();
        };

        // Down: the next row was highlighted while this one was read.
        select(0);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        QVERIFY(window.prefetcher()->chosenEvents().contains(*model.eventIdAt(1)));
        int runs = shownRuns(*backend);
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(view->currentIndex().row(), 1);
        error = shownFromCache(1, runs);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // Up, back to the first row: highlighted when it was shown, still cached.
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        QTest::keyClick(view, Qt::Key_Up);
        error = shownFromCache(0, runs);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // N: the next unreviewed event, beyond two reviewed ones.
        for (int row : {3, 4}) {
            select(row);
            QTest::keyClick(view, Qt::Key_F);
            QTRY_VERIFY_WITH_TIMEOUT(!model.verdictAt(row).isEmpty(), 20000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(firstPageLoaded(window), 20000);
        select(2);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        const std::optional<int> next = model.cachedUnreviewedRow(2, true);
        QCOMPARE(next, std::optional<int>(5));
        QVERIFY(window.prefetcher()->chosenEvents().contains(*model.eventIdAt(5)));
        runs = shownRuns(*backend);
        QTest::keyClick(view, Qt::Key_N);
        QTRY_COMPARE_WITH_TIMEOUT(view->currentIndex().row(), 5, 20000);
        error = shownFromCache(5, runs);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // A click on an event far away has not been prefetched: it is highlighted by a run of its own.
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        backend->cache().clear();
        runs = shownRuns(*backend);
        const int last = model.rowCount() - 1;
        select(last);
        QTRY_COMPARE_WITH_TIMEOUT(window.detailView()->eventId(), model.eventIdAt(last).value_or(-2), 20000);
        QVERIFY(shownRuns(*backend) > runs);
        QTRY_VERIFY_WITH_TIMEOUT(!window.rawView()->isPending(), 20000);
        QVERIFY(window.rawView()->notice().isEmpty());
    }
};

QTEST_MAIN(TestHighlightPrefetch)
#include "tst_highlightprefetch.moc"
