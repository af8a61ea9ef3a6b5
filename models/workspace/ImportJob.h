#pragma once

#include "explain/WorkspaceExplainer.h"
#include "ingest/Importer.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <thread>

namespace tb {

// Imports files into a workspace and explains the new events, on a thread of its own with its own
// connection, reporting progress and stopping at cancel(): the batch then rolls back (Importer) or no
// explanation is written (WorkspaceExplainer). The window stays usable meanwhile.
class ImportJob final : public QObject {
    Q_OBJECT
public:
    struct File {
        QString path;
        ImportOptions options;
    };
    enum class Phase { Importing, Explaining };

    ImportJob(QString workspacePath, QList<File> files, QObject *parent = nullptr);
    ~ImportJob() override; // cancels and waits

    void start();
    void cancel() { m_cancel = true; }
    bool isRunning() const { return m_running; }

signals:
    // `done` and `total` in bytes while importing, in events while explaining.
    void progress(tb::ImportJob::Phase phase, const QString &file, qint64 done, qint64 total);
    void fileImported(const tb::ImportSummary &summary);
    void finished(bool cancelled, const QString &explainError);

private:
    void run();
    static void refreshPrevalence(Database &db);

    QString m_path;
    QList<File> m_files;
    std::atomic_bool m_cancel{false};
    std::atomic_bool m_running{false};
    std::thread m_thread;
};

} // namespace tb
