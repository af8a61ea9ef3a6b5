#pragma once

#include "VerdictJournal.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace tb {

class Database;

// Writes the verdict edits that cannot be written at once, because an import holds the workspace's
// write lock for a whole file, on a thread and connection of its own, in order, as soon as the lock is
// free. An edit is journaled before enqueue() returns, so none is lost if the program stops first (the
// next open replays the journal). pendingState() gives what is accepted but not yet written, which
// the window shows meanwhile and later edits start from.
class DeferredVerdictWriter final : public QObject {
    Q_OBJECT
public:
    DeferredVerdictWriter(QString workspacePath, QString actor, QObject *parent = nullptr);
    ~DeferredVerdictWriter() override; // stops after the attempt under way; the rest stays journaled

    bool enqueue(VerdictJournal::Edit edit, QString *error);
    // Queues the edits a journal left by an earlier session still holds (it stopped before saving
    // them); the number queued, or -1 with `error` when the journal cannot be read.
    int resume(QString *error);
    bool isIdle() const;
    int pendingEdits() const;
    std::optional<VerdictState> pendingState(qint64 eventId) const;

signals:
    // One edit is in the database; `remaining` are still waiting.
    void written(int remaining);
    // An edit was refused by the database for another reason than the lock; it is dropped.
    void failed(const QString &error);

private:
    void queueLocked(VerdictJournal::Edit edit); // m_mutex held
    void run();
    bool writeFront(Database &db); // false when the database is still locked

    QString m_workspacePath;
    QString m_actor;
    VerdictJournal m_journal;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<VerdictJournal::Edit> m_queue;
    QHash<qint64, VerdictState> m_pending; // the latest accepted state of each waiting event
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace tb
