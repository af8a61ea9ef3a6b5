#include "SetVerdictCommand.h"

#include <QCoreApplication>

namespace tb {

SetVerdictCommand::SetVerdictCommand(VerdictService &service, Notify notify, QList<qint64> eventIds,
                                     VerdictState state)
    : VerdictCommand(service, std::move(notify))
    , m_eventIds(std::move(eventIds))
    , m_state(std::move(state)) {
    setText(QCoreApplication::translate("tb::SetVerdictCommand", "Mark %n event(s) as %1", nullptr,
                                        int(m_eventIds.size()))
                .arg(verdictTitle(*m_state.verdict).toLower()));
}

VerdictService::Result SetVerdictCommand::firstRun(VerdictService &service) {
    return service.apply(m_eventIds, m_state, true, QStringLiteral("triage"));
}

} // namespace tb
