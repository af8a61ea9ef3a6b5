#include "DeferredVerdictWriter.h"

#include "store/Database.h"
#include "store/StoreError.h"

#include <sqlite3.h>

#include <chrono>

namespace tb {

namespace {
// How long one attempt waits for the lock before the thread looks at its stop flag again.
constexpr int LockWaitMs = 250;
} // namespace

DeferredVerdictWriter::DeferredVerdictWriter(QString workspacePath, QString actor, QObject *parent)
    : QObject(parent)
    , m_workspacePath(std::move(workspacePath))
    , m_actor(std::move(actor))
    , m_journal(VerdictJournal::pathFor(m_workspacePath)) {}

DeferredVerdictWriter::~DeferredVerdictWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool DeferredVerdictWriter::enqueue(VerdictJournal::Edit edit, QString *error) {
    {
        // Journaled under the lock: the writer empties the journal under it when its queue runs dry.
        std::lock_guard lock(m_mutex);
        if (!m_journal.append(edit, error))
            return false;
        queueLocked(std::move(edit));
    }
    m_wake.notify_all();
    return true;
}

void DeferredVerdictWriter::queueLocked(VerdictJournal::Edit edit) {
    for (const VerdictChange &change : edit.changes)
        m_pending.insert(change.eventId, change.after);
    m_queue.push_back(std::move(edit));
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
}

int DeferredVerdictWriter::resume(QString *error) {
    std::vector<VerdictJournal::Edit> edits = m_journal.read(error);
    if (!error->isEmpty())
        return -1;
    if (edits.empty())
        return 0;
    {
        std::lock_guard lock(m_mutex);
        for (VerdictJournal::Edit &edit : edits) {
            edit.why += QStringLiteral(" (saved from the verdict journal)");
            queueLocked(std::move(edit));
        }
    }
    m_wake.notify_all();
    return int(edits.size());
}

bool DeferredVerdictWriter::isIdle() const {
    std::lock_guard lock(m_mutex);
    return m_queue.empty();
}

int DeferredVerdictWriter::pendingEdits() const {
    std::lock_guard lock(m_mutex);
    return int(m_queue.size());
}

std::optional<VerdictState> DeferredVerdictWriter::pendingState(qint64 eventId) const {
    std::lock_guard lock(m_mutex);
    const auto found = m_pending.constFind(eventId);
    return found == m_pending.cend() ? std::nullopt : std::optional<VerdictState>(*found);
}

void DeferredVerdictWriter::run() {
    Database db;
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
        if (m_stop)
            return;
        lock.unlock();
        const bool written = writeFront(db);
        lock.lock();
        if (!written)
            m_wake.wait_for(lock, std::chrono::milliseconds(LockWaitMs), [this] { return m_stop; });
    }
}

bool DeferredVerdictWriter::writeFront(Database &db) {
    VerdictJournal::Edit edit;
    {
        std::lock_guard lock(m_mutex);
        edit = m_queue.front(); // only this thread pops, so the front stays the same edit
    }
    QString error;
    try {
        if (!db.isOpen()) {
            db = Database::open(m_workspacePath);
            sqlite3_busy_timeout(db.handle(), LockWaitMs);
        }
        const VerdictService::Result result = VerdictService(db, m_actor).replay(edit.changes, edit.why);
        if (!result.ok && result.error.contains(QLatin1String("locked")))
            return false;
        error = result.error;
    } catch (const StoreError &e) {
        if (e.message().contains(QLatin1String("locked")))
            return false;
        error = e.message();
    }
    int remaining = 0;
    {
        std::lock_guard lock(m_mutex);
        m_queue.pop_front();
        m_pending.clear(); // rebuilt from what still waits: a later edit of the same event wins
        for (const VerdictJournal::Edit &waiting : m_queue) {
            for (const VerdictChange &change : waiting.changes)
                m_pending.insert(change.eventId, change.after);
        }
        remaining = int(m_queue.size());
        if (m_queue.empty())
            m_journal.clear(&error);
    }
    if (!error.isEmpty())
        emit failed(error);
    emit written(remaining);
    return true;
}

} // namespace tb
