#pragma once

#include "VerdictCommand.h"

namespace tb {

// Gives one event or a selection a verdict (justified by the chosen note, or each event's top explanation).
class SetVerdictCommand final : public VerdictCommand {
public:
    SetVerdictCommand(VerdictService &service, Notify notify, QList<qint64> eventIds, VerdictState state);

protected:
    VerdictService::Result firstRun(VerdictService &service) override;

private:
    QList<qint64> m_eventIds;
    VerdictState m_state;
};

} // namespace tb
