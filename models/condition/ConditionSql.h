#pragma once

#include "Condition.h"

#include <QString>
#include <QVariantList>

namespace tb {

class Database;

// Compiles a Condition to an SQL expression over the `events` table, so a decision's impact or an
// evidence predicate is counted over a whole workspace by SQLite. Equality and prefixes can use
// the NOCASE indexes; |re and |cidr call functions registered on the connection.
class ConditionSql final {
public:
    // The expression, with '?' parameters appended to `parameters` in order. "0" if it cannot match.
    static QString compile(const Condition &condition, const ConditionSettings &settings,
                           QVariantList &parameters);
    // tb_regexp(pattern, value), tb_cidr(value, network) and tb_fold(value) (foldCase) on this
    // connection.
    static void registerFunctions(Database &db);
};

} // namespace tb
