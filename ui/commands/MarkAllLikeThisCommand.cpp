#include "MarkAllLikeThisCommand.h"

#include <QCoreApplication>

namespace tb {

MarkAllLikeThisCommand::MarkAllLikeThisCommand(VerdictService &service, Notify notify, EventLikeness likeness,
                                               qint64 count, VerdictState state)
    : VerdictCommand(service, std::move(notify))
    , m_likeness(std::move(likeness))
    , m_state(std::move(state)) {
    setText(QCoreApplication::translate("tb::MarkAllLikeThisCommand", "Mark %n event(s) like this as %1",
                                        nullptr, int(count))
                .arg(verdictTitle(*m_state.verdict).toLower()));
}

VerdictService::Result MarkAllLikeThisCommand::firstRun(VerdictService &service) {
    return service.apply(service.eventsLike(m_likeness), m_state, true,
                         QStringLiteral("all like this: %1").arg(m_likeness.describe()));
}

} // namespace tb
