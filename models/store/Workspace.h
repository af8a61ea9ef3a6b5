#pragma once

#include "Database.h"

#include <QString>

namespace tb {

// A workspace is one SQLite file (*.tunebench) with the schema of MigrationRunner.
class Workspace final {
public:
    static QString fileSuffix() { return QStringLiteral("tunebench"); }
    // The default workspace under QStandardPaths::AppDataLocation.
    static QString defaultPath();

    // Opens or creates the workspace and upgrades it in place; false plus errorString() on failure.
    bool open(const QString &path);
    // Whether `path` is a workspace of an older schema that open() would upgrade: upgrades that
    // convert stored data take minutes on a million events, so callers run them off the UI thread.
    // False for a current, new or unreadable file (open() says what is wrong with the latter).
    static bool needsUpgrade(const QString &path);
    // Opens another connection to an existing, current workspace (for a worker thread).
    static Database connect(const QString &path, Database::Mode mode = Database::Mode::ReadWrite);

    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_db.path(); }
    QString errorString() const { return m_error; }
    Database &database() { return m_db; }

private:
    Database m_db;
    QString m_error;
};

} // namespace tb
