#include "RecentWorkspaces.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace tb {

namespace {
const QString recentKey = QStringLiteral("workspaces/recent");
const QString lastKey = QStringLiteral("workspaces/last");
} // namespace

RecentWorkspaces::RecentWorkspaces(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu) {
    rebuildMenu();
}

QStringList RecentWorkspaces::paths() const {
    return QSettings().value(recentKey).toStringList();
}

QString RecentWorkspaces::lastOpened() {
    return QSettings().value(lastKey).toString();
}

void RecentWorkspaces::add(const QString &path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > MaxEntries)
        list.removeLast();
    QSettings settings;
    settings.setValue(recentKey, list);
    settings.setValue(lastKey, absolute);
    rebuildMenu();
}

void RecentWorkspaces::rebuildMenu() {
    m_menu->clear();
    const QStringList list = paths();
    for (int i = 0; i < list.size(); ++i) {
        const QString &path = list[i];
        QAction *action = m_menu->addAction(
            tr("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(QFileInfo(path).fileName())));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setEnabled(QFileInfo::exists(path));
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    m_menu->setEnabled(!list.isEmpty());
}

} // namespace tb
