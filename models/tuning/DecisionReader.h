#pragma once

#include "Decision.h"

#include <QList>
#include <QString>

namespace tb {

class Database;

// Reads every decision of a workspace (schema v1: decisions, decision_conditions, decision_scope)
// for the exporters. Read-only and deliberately small: the tuning store owns writing decisions.
class DecisionReader final {
public:
    // False plus `error` naming the decision when a stored condition does not parse.
    static bool readAll(Database &db, QList<Decision> &decisions, QString *error);
};

} // namespace tb
