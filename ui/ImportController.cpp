#include "ImportController.h"

#include "BackgroundWorkIndicator.h"
#include "ImportDialog.h"
#include "items/EventTableModel.h"
#include "items/NavigatorModel.h"
#include "items/StackingModel.h"
#include "workspace/FiguresLoader.h"
#include "workspace/ImportJob.h"
#include "workspace/WorkspaceSession.h"

#include <QAction>
#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>

namespace tb {

ImportController::ImportController(QWidget *window, BackgroundWorkIndicator *indicator, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_indicator(indicator) {
    m_action = new QAction(tr("&Import…"), this);
    m_action->setObjectName(QStringLiteral("importFiles"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_action->setEnabled(false);
    connect(m_action, &QAction::triggered, this, &ImportController::chooseFiles);
    m_folderAction = new QAction(tr("Import &Folder of .evtx Logs…"), this);
    m_folderAction->setObjectName(QStringLiteral("importFolder"));
    m_folderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_folderAction->setEnabled(false);
    connect(m_folderAction, &QAction::triggered, this, &ImportController::chooseFolder);
    connect(m_indicator, &BackgroundWorkIndicator::cancelRequested, this, &ImportController::cancel);
    m_runDialog = [](ImportDialog &dialog) { return dialog.exec() == QDialog::Accepted; };
}

ImportController::~ImportController() = default;

void ImportController::setSession(WorkspaceSession *session) {
    m_session = session;
    m_action->setEnabled(session && !isRunning());
    m_folderAction->setEnabled(m_action->isEnabled());
}

bool ImportController::isRunning() const {
    return m_job && m_job->isRunning();
}

void ImportController::chooseFiles() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        m_window, tr("Import Alerts"), QString(),
        tr("Exports (*.csv *.json *.jsonl *.ndjson *.xml *.evtx *.log *.gz *.zip);;All files (*)"));
    importFiles(paths);
}

void ImportController::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Import a Folder of .evtx Logs"));
    if (!dir.isEmpty())
        importFiles({dir});
}

void ImportController::importFiles(const QStringList &paths) {
    if (!m_session || paths.isEmpty())
        return;
    if (isRunning()) {
        emit message(tr("An import is already running."));
        return;
    }
    QList<ImportJob::File> files;
    for (const QString &path : paths) {
        ImportDialog dialog(path, m_window);
        while (m_runDialog(dialog)) {
            QString error;
            if (const auto file = dialog.file(&error)) {
                files << *file;
                break;
            }
            QMessageBox::warning(m_window, tr("Cannot import"), error);
        }
    }
    if (files.isEmpty())
        return;
    m_summaries.clear();
    m_job = std::make_unique<ImportJob>(m_session->path(), files);
    connect(m_job.get(), &ImportJob::progress, this,
            [this](ImportJob::Phase phase, const QString &file, qint64 done, qint64 total) {
                m_indicator->setProgress(done, total,
                                         phase == ImportJob::Phase::Importing
                                             ? tr("Importing %1…").arg(file)
                                             : tr("Explaining %L1 of %L2 events…").arg(done).arg(total));
            });
    connect(m_job.get(), &ImportJob::fileImported, this,
            [this](const ImportSummary &summary) { m_summaries << summary.describe(); });
    connect(m_job.get(), &ImportJob::finished, this, &ImportController::jobFinished);
    m_indicator->start(tr("Importing…"));
    m_action->setEnabled(false);
    m_folderAction->setEnabled(false);
    m_job->start();
    emit runningChanged(true);
}

void ImportController::cancel() {
    if (isRunning())
        m_job->cancel();
}

void ImportController::jobFinished(bool cancelled, const QString &explainError) {
    m_indicator->finish();
    m_action->setEnabled(m_session != nullptr);
    m_folderAction->setEnabled(m_action->isEnabled());
    if (cancelled)
        m_summaries << tr("Cancelled: what was not finished rolled back.");
    if (!explainError.isEmpty())
        m_summaries << tr("Explaining failed: %1").arg(explainError);
    if (m_session) {
        // New events and explanations: every view counts again.
        m_session->events().refresh();
        m_session->navigator().refreshAll();
        m_session->stacking().refresh();
        m_session->figures().refresh();
    }
    const QString summary = m_summaries.join(QLatin1Char('\n'));
    emit runningChanged(false);
    emit finished(summary);
}

} // namespace tb
