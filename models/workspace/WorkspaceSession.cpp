#include "WorkspaceSession.h"

#include "FiguresLoader.h"
#include "items/EventTableModel.h"
#include "items/NavigatorModel.h"
#include "items/StackingModel.h"
#include "triage/VerdictService.h"

namespace tb {

WorkspaceSession::~WorkspaceSession() = default;

std::unique_ptr<WorkspaceSession> WorkspaceSession::open(const QString &path, QString *error) {
    std::unique_ptr<WorkspaceSession> session(new WorkspaceSession);
    if (!session->m_workspace.open(path)) {
        if (error)
            *error = session->m_workspace.errorString();
        return nullptr;
    }
    Database &db = session->m_workspace.database();
    session->m_events = std::make_unique<EventTableModel>(db);
    session->m_navigator = std::make_unique<NavigatorModel>(db);
    session->m_stacking = std::make_unique<StackingModel>(db, EventGroup::TaskName);
    session->m_verdicts = std::make_unique<VerdictService>(db);
    session->m_figures = std::make_unique<FiguresLoader>(db);
    session->m_figures->refresh();
    return session;
}

} // namespace tb
