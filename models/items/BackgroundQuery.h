#pragma once

#include "BackgroundPool.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace tb {

// What a background read produced, or why it failed.
template <typename T> struct BackgroundResult {
    T value{};
    QString error;
};

// Runs `work` on a pool thread with a read-only connection of its own to the workspace at `path`, then
// `done` on `context`'s thread. Nothing is delivered once `context` is gone. For the counts of the
// navigator, the stacking view, the status bar and the charts: the UI thread never waits for them.
template <typename T>
void runInBackground(const QString &path, QObject *context, std::function<T(Database &)> work,
                     std::function<void(const BackgroundResult<T> &)> done) {
    auto *watcher = new QFutureWatcher<BackgroundResult<T>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [path, work = std::move(work)] {
        BackgroundResult<T> result;
        try {
            Database db = Workspace::connect(path);
            db.exec(QStringLiteral("PRAGMA query_only = ON"));
            result.value = work(db);
        } catch (const StoreError &error) {
            result.error = error.message();
        }
        return result;
    }));
}

} // namespace tb
