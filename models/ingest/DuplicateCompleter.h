#pragma once

#include "store/Statement.h"

#include <QByteArray>

namespace tb {

class Database;

// Fills, in an event already in the workspace, what a newer importer reads from the same record and an
// older one did not: today task_other_actions (schema 9). Re-importing a file then completes the events
// it holds instead of only counting them. A completed event's explanation is forgotten, so that the next
// explain recomputes it; its verdicts and the decisions about it stay.
class DuplicateCompleter final {
public:
    explicit DuplicateCompleter(Database &db);
    // True when the event with `contentHash` had no other actions and now has `otherActions`.
    bool complete(const QByteArray &contentHash, const QByteArray &otherActions);

private:
    Statement m_fill;
    Statement m_forgetExplanation;
};

} // namespace tb
