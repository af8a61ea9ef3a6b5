// The tunebench GUI entry: parse arguments, open a workspace, show the window.
#include "highlight/HighlightDemo.h"
#include "highlight/HighlightedTextView.h"
#include "items/EventTableModel.h"
#include "MainWindow.h"
#include "RecentWorkspaces.h"
#include "ScreenshotTool.h"
#include "workspace/DemoWorkspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tunebench"));
    QApplication::setOrganizationName(QStringLiteral("Tunebench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tunebench"));
    // --version also names the syntax-highlighting backend chosen at build time.
    QApplication::setApplicationVersion(QStringLiteral(TUNEBENCH_VERSION "\nsyntax highlighting: ") +
                                        tb::HighlightedTextView::backendDescription());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Detection-tuning workbench for T1053 alerts"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"),
                                 QApplication::translate("main", "Workspace file (*.tunebench) to open."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the bundled demo workspace."));
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"),
        QApplication::translate("main", "Open, check that events show, and exit."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a screenshot of the window and exit."),
        QStringLiteral("file.png"));
    parser.addOptions({demo, selfTest, screenshot});
    QCommandLineOption highlightDemo(
        QStringLiteral("highlight-demo"),
        QApplication::translate("main", "Save highlighted snippets as a PNG and exit."),
        QStringLiteral("file.png"));
    highlightDemo.setFlags(QCommandLineOption::HiddenFromHelp); // for docs/screenshots
    parser.addOption(highlightDemo);
    QCommandLineOption screenshotOf(QStringLiteral("screenshot-of"),
                                    QApplication::translate("main", "What --screenshot grabs: %1.")
                                        .arg(tb::ScreenshotTool::kinds().join(QStringLiteral(", "))),
                                    QStringLiteral("what"), QStringLiteral("main"));
    QCommandLineOption importFile(QStringLiteral("screenshot-import"),
                                  QApplication::translate("main", "The file the import dialog shows."),
                                  QStringLiteral("file"));
    QCommandLineOption dark(QStringLiteral("dark"), QApplication::translate("main", "Use a dark palette."));
    for (QCommandLineOption *option : {&screenshotOf, &importFile, &dark}) {
        option->setFlags(QCommandLineOption::HiddenFromHelp); // for docs/screenshots
        parser.addOption(*option);
    }
    parser.process(app);
    if (parser.isSet(highlightDemo)) {
        QString message;
        const bool saved = tb::HighlightDemo::saveScreenshot(parser.value(highlightDemo), &message);
        std::printf("highlight demo: %s\n", qPrintable(message));
        return saved ? 0 : 1;
    }

    if (parser.isSet(dark)) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(tb::ScreenshotTool::darkPalette());
    }

    // The workspace named, else the demo when asked or on the first run, else the last one opened.
    QString path = parser.positionalArguments().value(0);
    if (path.isEmpty() && !parser.isSet(demo) && !parser.isSet(selfTest) && !parser.isSet(screenshot)) {
        const QString last = tb::RecentWorkspaces::lastOpened();
        if (QFileInfo::exists(last))
            path = last;
    }
    if (path.isEmpty() || parser.isSet(demo)) {
        path = tb::DemoWorkspace::defaultPath();
        QString error;
        if (!tb::DemoWorkspace::ensure(path, &error)) {
            std::fprintf(stderr, "tunebench: cannot prepare the demo workspace: %s\n", qPrintable(error));
            return 1;
        }
    }

    tb::MainWindow window;
    if (!window.openWorkspace(path)) {
        std::fprintf(stderr, "tunebench: %s\n", qPrintable(window.errorString()));
        if (parser.isSet(selfTest) || parser.isSet(screenshot))
            return 1;
        QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot open workspace"),
                              window.errorString());
        return 1;
    }
    window.show();

    if (parser.isSet(selfTest)) {
        // The table loads in the background: wait (with the event loop running) for its count.
        QElapsedTimer waited;
        waited.start();
        while (window.eventModel()->isLoading() && waited.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        while (!window.eventModel()->index(0, 0).data(tb::EventTableModel::LoadedRole).toBool() &&
               waited.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        const int rows = window.eventModel()->rowCount();
        const bool firstRowReadable = rows > 0 && window.eventModel()->index(0, 0).data().isValid();
        std::printf("self-test: %d events, first row %s\n", rows, firstRowReadable ? "readable" : "missing");
        return rows > 0 && firstRowReadable ? 0 : 1;
    }
    if (parser.isSet(screenshot))
        tb::ScreenshotTool::schedule(window, parser.value(screenshot), parser.value(screenshotOf),
                                     parser.value(importFile));
    return app.exec();
}
