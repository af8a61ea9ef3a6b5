#include "PrevalenceLoader.h"

#include "items/BackgroundPool.h"
#include "items/BackgroundQuery.h"
#include "PrevalenceTable.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace tb {

namespace {
struct Counted {
    EventDetail detail;
    bool fromTable = false;
};
} // namespace

PrevalenceLoader::PrevalenceLoader(QString workspacePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(workspacePath)) {}

void PrevalenceLoader::request(const EventDetail &detail) {
    const quint64 generation = ++m_generation;
    runInBackground<Counted>(
        m_path, this,
        [detail](Database &db) {
            Counted counted{detail, false};
            counted.fromTable = EventDetail::loadPrevalence(db, counted.detail);
            return counted;
        },
        [this, generation](const BackgroundResult<Counted> &result) {
            if (result.error.isEmpty() && !result.value.fromTable)
                rebuildTable();
            if (generation == m_generation && result.error.isEmpty())
                emit ready(result.value.detail);
        });
}

void PrevalenceLoader::rebuildTable() {
    if (m_rebuilding || !m_retryAfter.hasExpired())
        return;
    m_rebuilding = true;
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        m_rebuilding = false;
        // A read-only or busy workspace (an import writing): the requests go on counting their own
        // values, and the table is tried again a little later.
        if (!watcher->result())
            m_retryAfter.setRemainingTime(30000);
        watcher->deleteLater();
        emit rebuilt();
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [path = m_path] {
        try {
            Database db = Workspace::connect(path);
            PrevalenceTable::rebuild(db);
            return true;
        } catch (const StoreError &) {
            return false;
        }
    }));
}

} // namespace tb
