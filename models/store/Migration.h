#pragma once

#include <QString>

#include <functional>
#include <vector>

namespace tb {

class Database;

// One step of the workspace schema. Steps run in order of version, inside one transaction.
struct Migration {
    int version = 0;
    QString description;
    std::function<void(Database &)> apply;
};

// The schema history of a workspace file. Append a step; never edit a released one.
std::vector<Migration> workspaceMigrations();

} // namespace tb
