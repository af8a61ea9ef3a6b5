#include "BackgroundDecisionChange.h"

#include "DecisionStore.h"
#include "items/BackgroundPool.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <sqlite3.h>

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QThread>

namespace tb {

BackgroundDecisionChange::BackgroundDecisionChange(QString workspacePath, const KnowledgeBase &kb,
                                                   QObject *parent)
    : QObject(parent)
    , m_path(std::move(workspacePath))
    , m_kb(kb) {}

namespace {
// An import holds the write lock for a whole file: wait for it (this is not the UI thread) instead of
// failing after SQLite's default busy timeout, until the change is dropped with the window.
int waitForTheLock(void *stop, int /*attempts*/) {
    if (static_cast<const std::atomic_bool *>(stop)->load())
        return 0;
    QThread::msleep(50);
    return 1;
}
} // namespace

BackgroundDecisionChange::~BackgroundDecisionChange() {
    m_stop = true;
    m_future.waitForFinished();
}

template <typename Change> void BackgroundDecisionChange::run(Change change) {
    m_running = true;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_running = false;
        const Outcome outcome = watcher->result();
        emit finished(outcome.id, outcome.error);
    });
    QFuture<Outcome> future =
        QtConcurrent::run(backgroundPool(), [path = m_path, kb = &m_kb, stop = &m_stop, change] {
            Outcome outcome;
            try {
                Database db = Workspace::connect(path);
                sqlite3_busy_handler(db.handle(), waitForTheLock, stop);
                DecisionStore store(db, *kb);
                change(store, outcome);
            } catch (const StoreError &e) {
                outcome.error = e.message();
            }
            return outcome;
        });
    m_future = future;
    watcher->setFuture(future);
}

bool BackgroundDecisionChange::create(const Decision &decision, bool approve) {
    if (m_running)
        return false;
    run([decision, approve](DecisionStore &store, Outcome &outcome) {
        outcome.id = store.create(decision, decision.author);
        if (outcome.id <= 0) {
            outcome.error = store.errorString();
            outcome.id = 0;
        } else if (approve && !store.setStatus(outcome.id, DecisionStatus::Approved, decision.author,
                                               decision.rationale)) {
            outcome.error = QCoreApplication::translate("tb::BackgroundDecisionChange",
                                                        "Saved as proposed decision %1, but not approved: %2")
                                .arg(outcome.id)
                                .arg(store.errorString());
        }
    });
    return true;
}

bool BackgroundDecisionChange::setStatus(qint64 decisionId, DecisionStatus status, const QString &actor,
                                         const QString &why) {
    if (m_running)
        return false;
    run([decisionId, status, actor, why](DecisionStore &store, Outcome &outcome) {
        outcome.id = decisionId;
        if (!store.setStatus(decisionId, status, actor, why))
            outcome.error = store.errorString();
    });
    return true;
}

} // namespace tb
