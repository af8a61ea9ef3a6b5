#pragma once

#include "DecisionImpact.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace tb {

// The decision builder's live impact preview: counts a condition's events (DecisionImpact) on a
// worker thread with a connection of its own, so the window never waits on SQLite while the analyst
// edits. Runs never overlap (one thread, one connection); a new request interrupts the run under way
// (sqlite3_interrupt) and skips the ones still queued, and only the newest answer is delivered.
class DecisionImpactPreview final : public QObject {
    Q_OBJECT
public:
    // At most this many event ids for "show in table".
    static constexpr int MaxEventIds = 50000;

    DecisionImpactPreview(const QString &workspacePath, const KnowledgeBase &kb, QObject *parent = nullptr);
    ~DecisionImpactPreview() override;

    void request(const Condition &condition, const DecisionScope &scope);
    // The ids of the events the condition selects, in id order, for the event table.
    void requestEventIds(const Condition &condition, const DecisionScope &scope);
    bool isRunning() const { return m_running > 0; }

signals:
    void started();
    // The newest request's report (ok == false with its error when the count failed).
    void ready(const tb::DecisionImpactReport &report);
    void eventIdsReady(const QList<qint64> &ids, bool truncated);
    void eventIdsFailed(const QString &error);

private:
    struct Connection;
    std::shared_ptr<Connection> m_connection;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    int m_running = 0;
};

} // namespace tb
