#include "MainWindow.h"

#include "BackgroundWorkIndicator.h"
#include "EventDetailPane.h"
#include "EventDetailView.h"
#include "EventTablePane.h"
#include "highlight/HighlightedTextView.h"
#include "HighlightPrefetcher.h"
#include "ImportController.h"
#include "items/EventTableModel.h"
#include "items/NavigatorModel.h"
#include "items/StackingModel.h"
#include "NavigatorPane.h"
#include "OverviewPane.h"
#include "RecentWorkspaces.h"
#include "StatusCountsLabel.h"
#include "store/Workspace.h"
#include "TriageController.h"
#include "TuningController.h"
#include "VerdictBar.h"
#include "WelcomeBanner.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/FiguresLoader.h"
#include "workspace/SearchIndexBuilder.h"
#include "workspace/WorkspaceSession.h"
#include "WorkspaceUpgrade.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace tb {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Tunebench"));
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    m_undoStack = new QUndoStack(this);
    buildDocks();
    m_triage = new TriageController(m_table->view(), m_undoStack, this);
    m_detail = new EventDetailView(m_triage, m_detailDock);
    m_detailDock->setWidget(m_detail);
    m_prefetch = new HighlightPrefetcher(m_detail->rawView()->backend(), this);
    connect(m_triage, &TriageController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    connect(m_triage, &TriageController::verdictsChanged, this, &MainWindow::dataChanged);
    connect(m_detail->pane(), &EventDetailPane::groupRequested, m_navigator, &NavigatorPane::select);

    m_counts = new StatusCountsLabel(this);
    m_work = new BackgroundWorkIndicator(this);
    statusBar()->addPermanentWidget(m_work);
    statusBar()->addPermanentWidget(m_counts);
    m_import = new ImportController(this, m_work, this);
    connect(m_import, &ImportController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_import, &ImportController::runningChanged, m_triage, &TriageController::setImportRunning);
    connect(m_import, &ImportController::finished, this, [this](const QString &summary) {
        statusBar()->showMessage(summary.section(QLatin1Char('\n'), 0, 0), 15000);
        if (summary.contains(QLatin1String("failed")))
            QMessageBox::warning(this, tr("Import"), summary);
        dataChanged();
    });
    connect(m_welcome, &WelcomeBanner::importRequested, m_import, &ImportController::chooseFiles);
    m_tuning = new TuningController(this);
    m_detail->verdictBar()->addMoveButton(m_tuning->tuneAction());
    connect(m_tuning, &TuningController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_tuning, &TuningController::decisionsChanged, this, [this] {
        if (m_session)
            m_session->events().refresh(); // the suppression marks changed
        dataChanged();
    });
    buildMenus();
    resize(1440, 860);
    restoreLayout();
}

MainWindow::~MainWindow() {
    m_import->cancel();
    // The views let go of the models, and the undo stack of the services, before the session goes.
    m_undoStack->clear();
    m_tuning->setSession(nullptr);
    m_triage->setModel(nullptr, nullptr, nullptr);
    m_table->setModel(nullptr);
    m_navigator->setModels(nullptr, nullptr);
}

QTableView *MainWindow::eventView() const {
    return m_table->view();
}

EventTableModel *MainWindow::eventModel() const {
    return m_session ? &m_session->events() : nullptr;
}

EventDetailPane *MainWindow::detailPane() const {
    return m_detail->pane();
}

HighlightedTextView *MainWindow::commandLineView() const {
    return m_detail->commandLineView();
}

HighlightedTextView *MainWindow::rawView() const {
    return m_detail->rawView();
}

void MainWindow::buildDocks() {
    // The table is the centre; the welcome sits above it on the first run.
    auto *centre = new QWidget(this);
    m_table = new EventTablePane(centre);
    m_welcome = new WelcomeBanner(centre);
    m_welcome->hide();
    auto *layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_welcome);
    layout->addWidget(m_table, 1);
    setCentralWidget(centre);

    m_navigator = new NavigatorPane(this);
    m_navigatorDock = new QDockWidget(tr("Navigator"), this);
    m_navigatorDock->setObjectName(QStringLiteral("navigatorDock"));
    m_navigatorDock->setWidget(m_navigator);
    addDockWidget(Qt::LeftDockWidgetArea, m_navigatorDock);

    m_overview = new OverviewPane(this);
    m_overviewDock = new QDockWidget(tr("Overview"), this);
    m_overviewDock->setObjectName(QStringLiteral("overviewDock"));
    m_overviewDock->setWidget(m_overview);
    addDockWidget(Qt::BottomDockWidgetArea, m_overviewDock);
    m_overviewDock->hide();
    // The overview reads more than the status bar: only while it is shown.
    connect(m_overviewDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_session)
            m_session->figures().refreshOverview();
    });

    m_detailDock = new QDockWidget(tr("Details"), this);
    m_detailDock->setObjectName(QStringLiteral("detailDock"));
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);

    connect(m_navigator, &NavigatorPane::groupsChosen, this, [this](const QList<GroupFilter> &groups) {
        if (m_session)
            m_session->events().setGroups(groups);
    });
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Workspace…"), QKeySequence::New, this, &MainWindow::newWorkspaceDialog);
    file->addAction(tr("&Open Workspace…"), QKeySequence::Open, this, &MainWindow::openWorkspaceDialog);
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    m_recent = new RecentWorkspaces(recent, this);
    connect(m_recent, &RecentWorkspaces::openRequested, this, [this](const QString &path) {
        if (!openWorkspace(path))
            QMessageBox::warning(this, tr("Cannot open workspace"), m_error);
    });
    file->addAction(tr("Open the &Demo Workspace"), this, [this] {
        QString error;
        const QString path = DemoWorkspace::defaultPath();
        if (!DemoWorkspace::ensure(path, &error) || !openWorkspace(path))
            QMessageBox::warning(this, tr("Cannot open the demo workspace"),
                                 error.isEmpty() ? m_error : error);
    });
    file->addSeparator();
    file->addAction(m_import->importAction());
    file->addAction(m_import->importFolderAction());
    file->addAction(m_tuning->exportAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Find…"), QKeySequence::Find, this, [this] {
        m_table->searchBox()->setFocus();
        m_table->searchBox()->selectAll();
    });
    edit->addAction(tr("&Clear Search and Filters"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), this,
                    [this] {
                        m_table->searchBox()->clear();
                        if (m_session)
                            m_session->events().setQuery([this] {
                                EventQuery query;
                                query.sortColumn = m_session->events().query().sortColumn;
                                query.sortOrder = m_session->events().query().sortOrder;
                                // View > Show Suppressed Events is a view setting, not a filter.
                                query.hideSuppressed = m_session->events().query().hideSuppressed;
                                return query;
                            }());
                        m_table->setModel(m_session ? &m_session->events() : nullptr);
                    });

    QMenu *triage = menuBar()->addMenu(tr("&Triage"));
    for (Verdict verdict : allVerdicts)
        triage->addAction(m_triage->markAction(verdict));
    triage->addAction(m_triage->clearAction());
    triage->addSeparator();
    QMenu *allLike = triage->addMenu(tr("Mark &All Like This"));
    for (Verdict verdict : allVerdicts)
        allLike->addAction(m_triage->markAllLikeThisAction(verdict));
    triage->addSeparator();
    triage->addAction(m_triage->nextUnreviewedAction());
    triage->addAction(m_triage->previousUnreviewedAction());
    triage->addAction(m_triage->advanceAction());
    triage->addSeparator();
    triage->addAction(m_tuning->tuneAction());
    triage->addAction(m_tuning->decisionsAction());
    // Single-key shortcuts work wherever the focus is, except while typing in a text field.
    addActions(m_triage->actions());

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_navigatorDock->toggleViewAction());
    m_viewMenu->addAction(m_detailDock->toggleViewAction());
    QAction *overview = m_overviewDock->toggleViewAction();
    overview->setText(tr("&Overview Charts"));
    overview->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_viewMenu->addAction(overview);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_tuning->showSuppressedAction());
    m_viewMenu->addMenu(m_table->columnMenu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        QMessageBox::information(
            this, tr("Keyboard shortcuts"),
            tr("T  true positive\nB  benign true positive\nF  false positive\nE  needs escalation\nU  clear "
               "the "
               "verdict\nShift+T/B/F/E  all events like this\nN / P  next / previous unreviewed\nCtrl+Z / "
               "Ctrl+Shift+Z  undo / redo\nCtrl+F  quick search\nCtrl+I  import\nCtrl+Shift+I  import a "
               "folder of .evtx logs\nCtrl+D  tune: a decision from this event\nCtrl+Shift+D  decisions\n"
               "Ctrl+E  export tuning"));
    });
    help->addAction(tr("&About Tunebench"), this, [this] {
        QMessageBox::about(this, tr("About Tunebench"),
                           tr("Tunebench %1\nA workbench for tuning scheduled-task (T1053) detections.")
                               .arg(QApplication::applicationVersion().section(QLatin1Char('\n'), 0, 0)));
    });
}

void MainWindow::newWorkspaceDialog() {
    QString path = QFileDialog::getSaveFileName(this, tr("New Workspace"), QString(),
                                                tr("Tunebench workspaces (*.tunebench)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".tunebench");
    if (!openWorkspace(path))
        QMessageBox::warning(this, tr("Cannot create workspace"), m_error);
}

void MainWindow::openWorkspaceDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Workspace"), QString(), tr("Tunebench workspaces (*.tunebench);;All files (*)"));
    if (path.isEmpty())
        return;
    if (!openWorkspace(path))
        QMessageBox::warning(this, tr("Cannot open workspace"), m_error);
}

bool MainWindow::openWorkspace(const QString &path) {
    if (m_import->isRunning()) {
        m_error = tr("An import into the open workspace is still running; cancel it or wait.");
        return false;
    }
    if (Workspace::needsUpgrade(path) && !upgradeWorkspaceInBackground(this, path, &m_error))
        return false;
    std::unique_ptr<WorkspaceSession> session = WorkspaceSession::open(path, &m_error);
    if (!session)
        return false;
    if (m_session) {
        QSettings settings;
        m_table->saveSettings(settings);
    }
    // Edits of the previous workspace cannot be undone in this one.
    m_undoStack->clear();
    m_tuning->setSession(nullptr);
    m_triage->setModel(nullptr, nullptr, nullptr);
    m_prefetch->setWorkspace(QString(), nullptr);
    m_import->setSession(nullptr);
    m_table->setModel(nullptr);
    m_navigator->setModels(nullptr, nullptr);
    m_session = std::move(session);

    EventTableModel &events = m_session->events();
    m_table->setModel(&events);
    m_table->restoreSettings(QSettings());
    m_navigator->setModels(&m_session->navigator(), &m_session->stacking());
    m_triage->setModel(&events, &m_session->verdicts(), &m_session->deferredVerdicts());
    m_prefetch->setWorkspace(path, &events);
    m_import->setSession(m_session.get());
    m_tuning->setSession(m_session.get());
    connect(m_table->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showCurrentEvent);
    connect(&events, &EventTableModel::pageArrived, this, [this] {
        if (m_pendingRow >= 0)
            showCurrentEvent();
    });
    connect(&events, &EventTableModel::loadFailed, this,
            [this](const QString &error) { statusBar()->showMessage(error, 10000); });
    connect(&m_session->figures(), &FiguresLoader::overviewChanged, m_overview, &OverviewPane::showStats);
    if (m_overviewDock->isVisible())
        m_session->figures().refreshOverview();
    connect(&m_session->figures(), &FiguresLoader::countsChanged, m_counts, &StatusCountsLabel::showCounts);
    if (SearchIndexBuilder *indexing = m_session->searchIndexBuilder()) {
        connect(indexing, &SearchIndexBuilder::progressed, this, [this](qint64 done, qint64 total) {
            statusBar()->showMessage(tr("Indexing the older events for quick search: %1 %")
                                         .arg(total > 0 ? 100 * done / total : 100),
                                     5000);
        });
        connect(indexing, &SearchIndexBuilder::finished, this, [this](const QString &error) {
            statusBar()->showMessage(error.isEmpty() ? tr("Quick search now finds every event.")
                                                     : tr("Indexing for quick search stopped: %1").arg(error),
                                     10000);
        });
    }
    m_detail->showMessage(tr("Select an event to see its explanations."));
    setWindowTitle(tr("%1 — Tunebench").arg(QFileInfo(path).fileName()));
    m_recent->add(path);
    const bool demo =
        QFileInfo(path).absoluteFilePath() == QFileInfo(DemoWorkspace::defaultPath()).absoluteFilePath();
    m_welcome->setVisible(demo && !WelcomeBanner::wasDismissed());
    return true;
}

void MainWindow::showCurrentEvent() {
    if (!m_session)
        return;
    const QModelIndex current = m_table->view()->currentIndex();
    if (!current.isValid()) {
        m_pendingRow = -1;
        return;
    }
    const auto id = m_session->events().eventIdAt(current.row());
    if (!id) {
        m_pendingRow = current.row(); // its page is on its way
        return;
    }
    m_pendingRow = -1;
    m_detail->showEvent(m_session->database(), *id);
    // The keyboard's next events, highlighted while the analyst reads this one.
    m_prefetch->prefetchAround(current.row(), m_detail->rawView()->usesDarkTheme());
}

void MainWindow::dataChanged() {
    if (!m_session)
        return;
    m_session->figures().refresh();
    if (m_overviewDock->isVisible())
        m_session->figures().refreshOverview();
    m_session->navigator().refresh(EventGroup::Verdict);
    if (m_detail->eventId() > 0)
        m_detail->showEvent(m_session->database(), m_detail->eventId());
}

void MainWindow::saveLayout() {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("triage/advance"), m_triage->advanceAction()->isChecked());
    m_table->saveSettings(settings);
}

void MainWindow::restoreLayout() {
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // First run: the table gets most of the width once the window has its size.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_navigatorDock, m_detailDock}, {width() / 5, width() * 3 / 10}, Qt::Horizontal);
        });
    }
    m_triage->advanceAction()->setChecked(settings.value(QStringLiteral("triage/advance"), true).toBool());
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    // After the drop has finished: the dialogs are modal.
    QTimer::singleShot(0, this, [this, files] { m_import->importFiles(files); });
}

} // namespace tb
