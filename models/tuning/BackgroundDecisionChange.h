#pragma once

#include "Decision.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>

namespace tb {

class KnowledgeBase;

// Saves a decision or changes its status through DecisionStore on a pool thread with its own
// connection to the workspace: approving checks the decision's impact and brings the suppression
// index up to date, seconds for a broad decision on a million events, which must not freeze the
// window. While an import holds the write lock it waits for it. One change at a time; the caller
// disables its buttons while isRunning().
class BackgroundDecisionChange final : public QObject {
    Q_OBJECT
public:
    BackgroundDecisionChange(QString workspacePath, const KnowledgeBase &kb, QObject *parent = nullptr);
    ~BackgroundDecisionChange() override; // waits for the change under way: it is never abandoned

    bool isRunning() const { return m_running; }
    // Saves `decision` as proposed and, with `approve`, approves it. False when a change is running.
    bool create(const Decision &decision, bool approve);
    // proposed → approved or rejected, approved → retired. False when a change is running.
    bool setStatus(qint64 decisionId, DecisionStatus status, const QString &actor, const QString &why);

signals:
    // The decision's id (0 when it could not be saved) and, when something failed, why.
    void finished(qint64 decisionId, const QString &error);

private:
    struct Outcome {
        qint64 id = 0;
        QString error;
    };
    template <typename Change> void run(Change change);

    QString m_path;
    const KnowledgeBase &m_kb;
    bool m_running = false;
    std::atomic_bool m_stop{false}; // the window goes: stop waiting for an import's lock
    QFuture<void> m_future;
};

} // namespace tb
