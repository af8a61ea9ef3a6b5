#pragma once

#include "condition/Condition.h"

#include <QString>
#include <QStringList>

namespace tb {

class Database;

// The lists an analyst keeps per workspace and the evidence predicates use: admin_accounts,
// admin_groups, management_servers, trusted_software, internal_networks.
class WorkspaceSettings final {
public:
    static QStringList names();
    static ConditionSettings load(Database &db);
    // Stores one list (replacing it) and audits the change, inside the caller's transaction.
    static void set(Database &db, const QString &name, const QStringList &values, const QString &actor);
    // A digest of all lists: stored explanations are stale when it changes.
    static QString digest(const ConditionSettings &settings);
};

} // namespace tb
