#include "WorkspaceStamp.h"

#include "store/Database.h"
#include "store/Statement.h"

namespace tb {

QString WorkspaceStamp::read(Database &db, const QString &key) {
    Statement query = db.prepare(QStringLiteral("SELECT value FROM workspace_settings WHERE key = ?1"));
    query.bind(1, key);
    return query.step() ? query.columnText(0) : QString();
}

void WorkspaceStamp::write(Database &db, const QString &key, const QString &value) {
    Statement upsert =
        db.prepare(QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    upsert.bind(1, key);
    upsert.bind(2, value);
    upsert.step();
}

} // namespace tb
