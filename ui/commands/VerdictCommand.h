#pragma once

#include "triage/VerdictService.h"

#include <QUndoCommand>

#include <functional>

namespace tb {

// What every verdict edit shares: the first redo() does the edit through the VerdictService and
// keeps what changed; later redo()s replay it, undo() reverts it. Each run reports its result (the
// window refreshes the table and counts). An edit that fails or changes nothing makes itself obsolete,
// so QUndoStack::push() drops it.
class VerdictCommand : public QUndoCommand {
public:
    using Notify = std::function<void(const VerdictService::Result &result)>;

    void redo() final;
    void undo() final;
    const std::vector<VerdictChange> &changes() const { return m_changes; }

protected:
    VerdictCommand(VerdictService &service, Notify notify);
    virtual VerdictService::Result firstRun(VerdictService &service) = 0;

private:
    VerdictService &m_service;
    Notify m_notify;
    std::vector<VerdictChange> m_changes;
    bool m_done = false;
};

} // namespace tb
