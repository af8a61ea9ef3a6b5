#pragma once

#include <QMainWindow>

#include <memory>

class QDockWidget;
class QLabel;
class QMenu;
class QTableView;
class QUndoStack;

namespace tb {

class BackgroundWorkIndicator;
class EventDetailPane;
class EventDetailView;
class EventTableModel;
class EventTablePane;
class HighlightedTextView;
class HighlightPrefetcher;
class ImportController;
class NavigatorPane;
class OverviewPane;
class RecentWorkspaces;
class StatusCountsLabel;
class TriageController;
class TuningController;
class WelcomeBanner;
class WorkspaceSession;

// The workbench shell: builds the docks (navigator, event table, details, overview), the menus and the
// status bar, and hands the work to small classes: TriageController (verdicts, undo), ImportController
// (import and explain in the background), the panes, and the open WorkspaceSession's models.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (or creates) a workspace file; false plus errorString() when it cannot be opened.
    bool openWorkspace(const QString &path);
    QString errorString() const { return m_error; }
    WorkspaceSession *session() const { return m_session.get(); }

    // The parts, for tests and the screenshot tool.
    EventTablePane *tablePane() const { return m_table; }
    QTableView *eventView() const;
    EventTableModel *eventModel() const;
    NavigatorPane *navigator() const { return m_navigator; }
    EventDetailView *detailView() const { return m_detail; }
    EventDetailPane *detailPane() const;
    HighlightedTextView *commandLineView() const;
    HighlightedTextView *rawView() const;
    TriageController *triage() const { return m_triage; }
    HighlightPrefetcher *prefetcher() const { return m_prefetch; }
    TuningController *tuning() const { return m_tuning; }
    ImportController *importer() const { return m_import; }
    QUndoStack *undoStack() const { return m_undoStack; }
    StatusCountsLabel *counts() const { return m_counts; }
    OverviewPane *overview() const { return m_overview; }
    QDockWidget *overviewDock() const { return m_overviewDock; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildDocks();
    void buildMenus();
    void newWorkspaceDialog();
    void openWorkspaceDialog();
    void showCurrentEvent();
    void dataChanged();
    void saveLayout();
    void restoreLayout();

    std::unique_ptr<WorkspaceSession> m_session;
    QUndoStack *m_undoStack = nullptr;
    EventTablePane *m_table = nullptr;
    WelcomeBanner *m_welcome = nullptr;
    NavigatorPane *m_navigator = nullptr;
    EventDetailView *m_detail = nullptr;
    HighlightPrefetcher *m_prefetch = nullptr;
    OverviewPane *m_overview = nullptr;
    QDockWidget *m_navigatorDock = nullptr;
    QDockWidget *m_detailDock = nullptr;
    QDockWidget *m_overviewDock = nullptr;
    TriageController *m_triage = nullptr;
    TuningController *m_tuning = nullptr;
    ImportController *m_import = nullptr;
    RecentWorkspaces *m_recent = nullptr;
    QMenu *m_viewMenu = nullptr;
    StatusCountsLabel *m_counts = nullptr;
    BackgroundWorkIndicator *m_work = nullptr;
    qint64 m_pendingRow = -1; // selected before its page arrived: shown when it does
    QString m_error;
};

} // namespace tb
