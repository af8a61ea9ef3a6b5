#include "Workspace.h"

#include "MigrationRunner.h"
#include "StoreError.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace tb {

QString Workspace::defaultPath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("workspace.") + fileSuffix());
}

Database Workspace::connect(const QString &path, Database::Mode mode) {
    Database db = Database::open(path, mode);
    db.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (mode == Database::Mode::ReadWrite) {
        // WAL lets the GUI read pages while an import writes; NORMAL is durable at each commit in WAL mode.
        db.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        db.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    }
    return db;
}

bool Workspace::needsUpgrade(const QString &path) {
    if (!QFileInfo::exists(path))
        return false;
    try {
        Database db = Database::open(path, Database::Mode::ReadOnly);
        const qint64 version = db.queryInt(QStringLiteral("PRAGMA user_version"));
        return version > 0 && version < MigrationRunner().latestVersion();
    } catch (const StoreError &) {
        return false;
    }
}

bool Workspace::open(const QString &path) {
    m_error.clear();
    m_db = Database();
    try {
        const QFileInfo info(path);
        if (!info.exists() && !QDir().mkpath(info.absolutePath()))
            throw StoreError(
                QStringLiteral("%1: cannot create the folder %2").arg(path, info.absolutePath()));
        Database db = Database::open(path);
        // Any query fails on a file that is not SQLite at all ("file is not a database").
        try {
            db.queryInt(QStringLiteral("SELECT count(*) FROM sqlite_schema"));
        } catch (const StoreError &) {
            throw StoreError(
                QStringLiteral("%1 is not a Tunebench workspace (not an SQLite database)").arg(path));
        }
        MigrationRunner().run(db);
        db.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        db.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        db.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
        m_db = std::move(db);
        return true;
    } catch (const StoreError &error) {
        m_error = error.message();
        return false;
    }
}

} // namespace tb
