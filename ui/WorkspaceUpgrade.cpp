#include "WorkspaceUpgrade.h"

#include "items/BackgroundPool.h"
#include "store/Workspace.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace tb {

bool upgradeWorkspaceInBackground(QWidget *parent, const QString &path, QString *error) {
    QProgressDialog progress(
        QProgressDialog::tr("Upgrading %1 for this version of Tunebench…\nVerdicts and decisions are kept; "
                            "nothing changes if it stops.")
            .arg(QFileInfo(path).fileName()),
        QString(), 0, 0, parent);
    progress.setObjectName(QStringLiteral("workspaceUpgradeProgress"));
    progress.setWindowTitle(QProgressDialog::tr("Upgrading the Workspace"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);  // a quick upgrade shows no dialog at all
    progress.setCancelButton(nullptr); // one transaction: it finishes or rolls back, never half-done

    QFutureWatcher<QString> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run(backgroundPool(), [path] {
        Workspace workspace;
        return workspace.open(path) ? QString() : workspace.errorString();
    }));
    progress.setValue(0);
    if (!watcher.isFinished())
        loop.exec();
    *error = watcher.result();
    return error->isEmpty();
}

} // namespace tb
