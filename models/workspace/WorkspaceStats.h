#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace tb {

class Database;

// Counts that describe a workspace at a glance (CLI `stats`, the status bar).
struct WorkspaceStats {
    qint64 events = 0;
    qint64 imports = 0;
    qint64 failedImports = 0;
    qint64 hosts = 0;
    qint64 users = 0;
    qint64 rules = 0;
    qint64 reviewed = 0;
    QString firstTime;
    QString lastTime;
    QList<QPair<QString, qint64>> byRule; // most frequent first
    QList<QPair<QString, qint64>> byPlatform;
    QList<QPair<QString, qint64>> byFormat;
    QList<QPair<QString, qint64>> byVerdict;

    static WorkspaceStats compute(Database &db); // throws StoreError
    QString toJson() const;
    QString toText() const;
};

} // namespace tb
