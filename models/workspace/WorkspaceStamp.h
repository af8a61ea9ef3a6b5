#pragma once

#include <QString>

namespace tb {

class Database;

// A "computed with" stamp kept in workspace_settings (e.g. rules_resolved_with, suppressed_with):
// derived tables are stale when the stamp differs from what their inputs say now.
class WorkspaceStamp final {
public:
    // The stored stamp; a null string when there is none. Throws StoreError.
    static QString read(Database &db, const QString &key);
    static void write(Database &db, const QString &key, const QString &value); // throws StoreError
};

} // namespace tb
