#pragma once

#include <QString>

class QWidget;

namespace tb {

// Upgrades an older workspace to this build's schema on a pool thread while a busy dialog keeps the
// window painted: converting stored data takes minutes on a million events (schema version 4).
// Returns when it is done; false with `error` when the upgrade failed (and changed nothing).
bool upgradeWorkspaceInBackground(QWidget *parent, const QString &path, QString *error);

} // namespace tb
