#include "ImportJob.h"

#include "knowledge/KnowledgeBase.h"
#include "PrevalenceTable.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace tb {

ImportJob::ImportJob(QString workspacePath, QList<File> files, QObject *parent)
    : QObject(parent)
    , m_path(std::move(workspacePath))
    , m_files(std::move(files)) {}

ImportJob::~ImportJob() {
    m_cancel = true;
    if (m_thread.joinable())
        m_thread.join();
}

void ImportJob::start() {
    if (m_running || m_thread.joinable())
        return;
    m_running = true;
    m_thread = std::thread([this] { run(); });
}

void ImportJob::refreshPrevalence(Database &db) {
    // The detail pane's counts ("on 412 hosts") for the new events; when this fails, it counts them
    // one event at a time until its own rebuild succeeds.
    try {
        PrevalenceTable::rebuild(db);
    } catch (const StoreError &) {
    }
}

void ImportJob::run() {
    bool anyChanged = false; // events added or completed: to explain
    QString explainError;
    try {
        Database db = Workspace::connect(m_path);
        Importer importer(db);
        for (const File &file : m_files) {
            if (m_cancel)
                break;
            const QString name = QFileInfo(file.path).fileName();
            // Progress at most every 100 ms (the Importer's own pace); false cancels the batch.
            auto update = [this, name](const ImportProgress &p) {
                emit progress(Phase::Importing, name, p.bytesDone, p.bytesTotal);
                return !m_cancel;
            };
            const ImportSummary summary = QFileInfo(file.path).isDir()
                                              ? importer.importFolder(file.path, file.options, update)
                                              : importer.importFile(file.path, file.options, update);
            anyChanged = anyChanged || summary.eventsAdded > 0 || summary.completed > 0;
            emit fileImported(summary);
        }
        if (anyChanged && !m_cancel) {
            QElapsedTimer pace;
            pace.start();
            const auto explained = WorkspaceExplainer(db, KnowledgeBase::builtIn())
                                       .runIfStale([this, &pace](qint64 done, qint64 total) {
                                           if (pace.elapsed() > 100 || done == total) {
                                               pace.restart();
                                               emit progress(Phase::Explaining, QString(), done, total);
                                           }
                                           return !m_cancel;
                                       });
            if (!explained.ok && !explained.cancelled)
                explainError = explained.error;
            if (explained.ok)
                refreshPrevalence(db);
        }
    } catch (const StoreError &error) {
        explainError = error.message();
    }
    m_running = false;
    emit finished(bool(m_cancel), explainError);
}

} // namespace tb
