#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <thread>

namespace tb {

class Database;

// Indexes for quick search the events a workspace held before it had the search index (an upgrade to
// schema 3 marks them), on a thread of its own, in batches that are each a short transaction: opening
// the workspace does not wait for it, and a verdict waits for one batch at most. The progress is kept in
// workspace_settings, so a build stopped by closing the window resumes at the next open. Events added
// meanwhile are indexed by the triggers, as always.
class SearchIndexBuilder final : public QObject {
    Q_OBJECT
public:
    // Events indexed per transaction: a verdict waits for one batch at most.
    static constexpr qint64 BatchSize = 5000;

    explicit SearchIndexBuilder(QString workspacePath, QObject *parent = nullptr);
    ~SearchIndexBuilder() override; // stops after the batch under way

    // Whether some events are not in the search index yet. Throws StoreError.
    static bool isPending(Database &db);
    // Indexes the next `batch` events still unindexed; false when none is left. `left`, when given,
    // receives how many event ids are still to be indexed after it. Throws StoreError.
    static bool indexNextBatch(Database &db, qint64 batch = BatchSize, qint64 *left = nullptr);

    void start();

signals:
    // `done` of `total` event ids indexed in this run, after each batch.
    void progressed(qint64 done, qint64 total);
    // Every event is searchable now; or the error that stopped the build (it resumes at the next open).
    void finished(const QString &error);

private:
    void run();

    QString m_path;
    std::atomic_bool m_stop{false};
    std::thread m_thread;
};

} // namespace tb
