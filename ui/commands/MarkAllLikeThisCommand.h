#pragma once

#include "VerdictCommand.h"

namespace tb {

// Gives every event like one (same task name, action and parent) a verdict in one edit. The events are
// looked up when it first runs; undo restores each one's own previous verdict.
class MarkAllLikeThisCommand final : public VerdictCommand {
public:
    MarkAllLikeThisCommand(VerdictService &service, Notify notify, EventLikeness likeness, qint64 count,
                           VerdictState state);

protected:
    VerdictService::Result firstRun(VerdictService &service) override;

private:
    EventLikeness m_likeness;
    VerdictState m_state;
};

} // namespace tb
