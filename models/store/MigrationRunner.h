#pragma once

#include "Migration.h"

#include <QString>

#include <vector>

namespace tb {

class Database;

// Brings a workspace to the newest schema in one transaction, or leaves it untouched.
class MigrationRunner final {
public:
    // Written to PRAGMA application_id so that other SQLite files are told apart ("TUNB").
    static constexpr int ApplicationId = 0x54554E42;

    explicit MigrationRunner(std::vector<Migration> steps = workspaceMigrations());

    int latestVersion() const;
    // Throws StoreError if the file is not a workspace, is newer than this build, or a step fails.
    // Returns the number of steps applied.
    int run(Database &db) const;

private:
    std::vector<Migration> m_steps;
};

} // namespace tb
