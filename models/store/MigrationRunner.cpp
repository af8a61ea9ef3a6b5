#include "MigrationRunner.h"

#include "Database.h"
#include "StoreError.h"
#include "Transaction.h"

#include <algorithm>

namespace tb {

MigrationRunner::MigrationRunner(std::vector<Migration> steps)
    : m_steps(std::move(steps)) {
    std::sort(m_steps.begin(), m_steps.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
}

int MigrationRunner::latestVersion() const {
    return m_steps.empty() ? 0 : m_steps.back().version;
}

int MigrationRunner::run(Database &db) const {
    Transaction transaction(db);
    const qint64 applicationId = db.queryInt(QStringLiteral("PRAGMA application_id"));
    const qint64 version = db.queryInt(QStringLiteral("PRAGMA user_version"));
    const qint64 objects = db.queryInt(QStringLiteral("SELECT count(*) FROM sqlite_schema"));

    if (applicationId != ApplicationId && (applicationId != 0 || objects > 0))
        throw StoreError(
            QStringLiteral("%1 is an SQLite database but not a Tunebench workspace").arg(db.path()));
    if (version > latestVersion())
        throw StoreError(
            QStringLiteral("%1 was written by a newer Tunebench (workspace schema version %2; this "
                           "build understands up to version %3). Open it with a newer Tunebench.")
                .arg(db.path())
                .arg(version)
                .arg(latestVersion()));

    int applied = 0;
    for (const Migration &step : m_steps) {
        if (step.version <= version)
            continue;
        try {
            step.apply(db);
        } catch (const StoreError &error) {
            throw StoreError(
                QStringLiteral("%1: upgrading to schema version %2 (%3) failed, nothing was changed: %4")
                    .arg(db.path())
                    .arg(step.version)
                    .arg(step.description, error.message()));
        }
        db.exec(QStringLiteral("PRAGMA user_version = %1").arg(step.version));
        ++applied;
    }
    if (applied > 0)
        db.exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId));
    transaction.commit();
    return applied;
}

} // namespace tb
