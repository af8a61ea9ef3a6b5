#include "DecisionImpactPreview.h"

#include "store/Database.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <QFutureWatcher>
#include <QMutex>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace tb {

// Shared with the runs: it outlives the preview while a run still holds it.
struct DecisionImpactPreview::Connection {
    explicit Connection(const KnowledgeBase &knowledge)
        : kb(knowledge) {}
    const KnowledgeBase &kb;
    QMutex mutex; // one run at a time on `db`
    Database db;  // opened once, in the constructor: interrupt() may then read its handle any time
    QString openError;
    std::unique_ptr<DecisionImpact> impact; // made on the first run (it may bring event_keys up to date)
    std::atomic<quint64> latest{0};

    // Called with `mutex` held; false + error when the connection is unusable.
    bool prepare(QString *error) {
        if (!openError.isEmpty()) {
            *error = openError;
            return false;
        }
        try {
            if (!impact)
                impact = std::make_unique<DecisionImpact>(db, kb);
        } catch (const StoreError &e) {
            *error = e.message();
            return false;
        }
        return true;
    }
};

namespace {
struct IdsResult {
    QList<qint64> ids;
    bool truncated = false;
    QString error;
};
} // namespace

DecisionImpactPreview::DecisionImpactPreview(const QString &workspacePath, const KnowledgeBase &kb,
                                             QObject *parent)
    : QObject(parent)
    , m_connection(std::make_shared<Connection>(kb)) {
    m_pool.setMaxThreadCount(1);
    try {
        m_connection->db = Workspace::connect(workspacePath);
    } catch (const StoreError &e) {
        m_connection->openError = e.message();
    }
}

DecisionImpactPreview::~DecisionImpactPreview() {
    m_connection->latest = 0;
    if (m_connection->db.isOpen())
        m_connection->db.interrupt();
    m_pool.waitForDone();
}

void DecisionImpactPreview::request(const Condition &condition, const DecisionScope &scope) {
    const quint64 generation = ++m_generation;
    m_connection->latest = generation;
    if (m_connection->db.isOpen())
        m_connection->db.interrupt(); // the count under way is for an older condition
    ++m_running;
    emit started();
    auto *watcher = new QFutureWatcher<DecisionImpactReport>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_running;
        if (generation == m_generation)
            emit ready(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [connection = m_connection, generation, condition, scope] {
        DecisionImpactReport report;
        if (connection->latest != generation) {
            report.error = QStringLiteral("superseded");
            return report;
        }
        QMutexLocker lock(&connection->mutex);
        if (!connection->prepare(&report.error))
            return report;
        try {
            return connection->impact->compute(condition, scope);
        } catch (const StoreError &e) {
            report.error = e.message();
        }
        return report;
    }));
}

void DecisionImpactPreview::requestEventIds(const Condition &condition, const DecisionScope &scope) {
    auto *watcher = new QFutureWatcher<IdsResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const IdsResult result = watcher->result();
        if (result.error.isEmpty())
            emit eventIdsReady(result.ids, result.truncated);
        else
            emit eventIdsFailed(result.error);
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [connection = m_connection, condition, scope] {
        IdsResult result;
        QMutexLocker lock(&connection->mutex);
        if (!connection->prepare(&result.error))
            return result;
        try {
            if (connection->impact->eventIds(condition, scope, 0, MaxEventIds + 1, result.ids,
                                             &result.error) &&
                result.ids.size() > MaxEventIds) {
                result.ids.resize(MaxEventIds);
                result.truncated = true;
            }
        } catch (const StoreError &e) {
            result.error = e.message();
        }
        return result;
    }));
}

} // namespace tb
