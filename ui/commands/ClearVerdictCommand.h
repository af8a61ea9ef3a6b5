#pragma once

#include "VerdictCommand.h"

namespace tb {

// Takes the verdict off one event or a selection: they are unreviewed again.
class ClearVerdictCommand final : public VerdictCommand {
public:
    ClearVerdictCommand(VerdictService &service, Notify notify, QList<qint64> eventIds);

protected:
    VerdictService::Result firstRun(VerdictService &service) override;

private:
    QList<qint64> m_eventIds;
};

} // namespace tb
