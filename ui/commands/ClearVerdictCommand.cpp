#include "ClearVerdictCommand.h"

#include <QCoreApplication>

namespace tb {

ClearVerdictCommand::ClearVerdictCommand(VerdictService &service, Notify notify, QList<qint64> eventIds)
    : VerdictCommand(service, std::move(notify))
    , m_eventIds(std::move(eventIds)) {
    setText(QCoreApplication::translate("tb::ClearVerdictCommand", "Clear the verdict of %n event(s)",
                                        nullptr, int(m_eventIds.size())));
}

VerdictService::Result ClearVerdictCommand::firstRun(VerdictService &service) {
    return service.apply(m_eventIds, VerdictState{}, false, QStringLiteral("triage"));
}

} // namespace tb
