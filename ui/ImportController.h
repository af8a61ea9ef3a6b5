#pragma once

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QAction;
class QWidget;

namespace tb {

class BackgroundWorkIndicator;
class ImportDialog;
class ImportJob;
class WorkspaceSession;

// File > Import and files dropped on the window: one ImportDialog per file, then an ImportJob that
// imports and explains in the background with progress and Cancel in the status bar. The table stays
// usable; verdict edits wait until the job is done (it holds the workspace's write lock).
class ImportController final : public QObject {
    Q_OBJECT
public:
    // Shows the dialog; true when the analyst chose Import. Tests replace it.
    using RunDialog = std::function<bool(ImportDialog &dialog)>;

    ImportController(QWidget *window, BackgroundWorkIndicator *indicator, QObject *parent = nullptr);
    ~ImportController() override;

    void setSession(WorkspaceSession *session);
    void setRunDialog(RunDialog run) { m_runDialog = std::move(run); }
    QAction *importAction() const { return m_action; }
    // File > Import Folder: every .evtx log of a folder as one batch.
    QAction *importFolderAction() const { return m_folderAction; }
    bool isRunning() const;

    void chooseFiles();
    void chooseFolder();
    void importFiles(const QStringList &paths);
    void cancel();

signals:
    void runningChanged(bool running);
    void finished(const QString &summary);
    void message(const QString &text);

private:
    void jobFinished(bool cancelled, const QString &explainError);

    QWidget *m_window;
    BackgroundWorkIndicator *m_indicator;
    WorkspaceSession *m_session = nullptr;
    QAction *m_action = nullptr;
    QAction *m_folderAction = nullptr;
    RunDialog m_runDialog;
    std::unique_ptr<ImportJob> m_job;
    QStringList m_summaries;
};

} // namespace tb
