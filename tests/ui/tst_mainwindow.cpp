#include "highlight/HighlightedTextView.h"
#include "items/EventTableModel.h"
#include "MainWindow.h"
#include "store/MigrationRunner.h"
#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/WorkspaceSession.h"

#include <QLabel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace tb;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensTheDemoWorkspaceAndShowsItsRows() {
        const QString path = m_dir.filePath(QStringLiteral("demo.tunebench"));
        QString error;
        QVERIFY2(DemoWorkspace::ensure(path, &error), qPrintable(error));
        MainWindow window;
        QVERIFY2(window.openWorkspace(path), qPrintable(window.errorString()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTableView *view = window.findChild<QTableView *>(QStringLiteral("eventView"));
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(!window.eventModel()->isLoading(), 20000);
        QTRY_VERIFY(view->model()->index(0, 0).data(EventTableModel::LoadedRole).toBool());
        QVERIFY(view->model()->rowCount() >= 100);
        QVERIFY(!view->model()->index(0, 0).data().toString().isEmpty());
        QVERIFY(window.windowTitle().contains(QLatin1String("demo.tunebench")));
        // Selecting an event fills the detail pane with its explanations.
        view->setCurrentIndex(view->model()->index(0, 1));
        auto *detail = window.findChild<QTextBrowser *>(QStringLiteral("eventDetailPane"));
        QVERIFY(detail);
        const QString topExplanation =
            view->model()->index(0, window.eventModel()->topExplanationColumn()).data().toString();
        QVERIFY(!topExplanation.isEmpty());
        QVERIFY2(detail->toPlainText().contains(QLatin1String("False-positive likelihood")),
                 qPrintable(detail->toPlainText()));
        QVERIFY(detail->toPlainText().contains(topExplanation));
        QVERIFY(detail->toPlainText().contains(QLatin1String("Raw record")));
        // The raw record and the command line go to the highlighted views.
        QVERIFY(window.rawView()->text().startsWith(QLatin1Char('{')));
        QCOMPARE(window.rawView()->language(), QStringLiteral("JSON"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.rawView()->isPending(), 10000);
        auto *counts = window.findChild<QLabel *>(QStringLiteral("countsLabel"));
        QTRY_VERIFY(counts->text().contains(QStringLiteral("%1 events").arg(view->model()->rowCount())));
    }

    void ensuringTwiceImportsOnce() {
        const QString path = m_dir.filePath(QStringLiteral("demo2.tunebench"));
        QString error;
        QVERIFY(DemoWorkspace::ensure(path, &error));
        QVERIFY(DemoWorkspace::ensure(path, &error));
        MainWindow window;
        QVERIFY(window.openWorkspace(path));
        QTRY_VERIFY_WITH_TIMEOUT(!window.eventModel()->isLoading(), 20000);
        QVERIFY(window.eventModel()->rowCount() > 0);
    }

    // A workspace of an older schema is upgraded off the UI thread, then opened.
    void upgradesAnOlderWorkspaceBeforeOpeningIt() {
        const QString path = m_dir.filePath(QStringLiteral("version3.tunebench"));
        {
            std::vector<Migration> steps = workspaceMigrations();
            std::erase_if(steps, [](const Migration &m) { return m.version > 3; });
            Database db = Database::open(path);
            MigrationRunner(steps).run(db);
        }
        QVERIFY(Workspace::needsUpgrade(path));
        MainWindow window;
        QVERIFY2(window.openWorkspace(path), qPrintable(window.errorString()));
        QVERIFY(!Workspace::needsUpgrade(path));
        QCOMPARE(window.session()->database().queryInt(QStringLiteral("PRAGMA user_version")),
                 MigrationRunner().latestVersion());
    }

    void refusesANonWorkspace() {
        const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just some notes\n");
        file.close();
        MainWindow window;
        QVERIFY(!window.openWorkspace(path));
        QVERIFY2(window.errorString().contains(QLatin1String("not a Tunebench workspace")),
                 qPrintable(window.errorString()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
