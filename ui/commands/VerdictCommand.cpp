#include "VerdictCommand.h"

namespace tb {

VerdictCommand::VerdictCommand(VerdictService &service, Notify notify)
    : m_service(service)
    , m_notify(std::move(notify)) {}

void VerdictCommand::redo() {
    VerdictService::Result result = m_done ? m_service.replay(m_changes) : firstRun(m_service);
    if (!m_done) {
        m_done = true;
        m_changes = result.changes;
        if (!result.ok || m_changes.empty())
            setObsolete(true);
    }
    if (m_notify)
        m_notify(result);
}

void VerdictCommand::undo() {
    const VerdictService::Result result = m_service.revert(m_changes);
    if (m_notify)
        m_notify(result);
}

} // namespace tb
