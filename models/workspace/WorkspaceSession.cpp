#include "WorkspaceSession.h"

#include "audit/AuditLog.h"
#include "FiguresLoader.h"
#include "items/BackgroundPool.h"
#include "items/EventTableModel.h"
#include "items/NavigatorModel.h"
#include "items/StackingModel.h"
#include "knowledge/KnowledgeBase.h"
#include "SearchIndexBuilder.h"
#include "store/StoreError.h"
#include "triage/DeferredVerdictWriter.h"
#include "triage/VerdictService.h"

#include <QThreadPool>

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
    session->m_deferredVerdicts =
        std::make_unique<DeferredVerdictWriter>(session->m_workspace.path(), AuditLog::currentActor());
    session->m_verdicts->setDeferredWriter(session->m_deferredVerdicts.get());
    QString journalError;
    if (session->m_deferredVerdicts->resume(&journalError) < 0) {
        // Refuse to open rather than lose or overwrite an analyst's verdicts, and say what to do.
        if (error)
            *error = QStringLiteral("%1\nThe verdicts given during an import could not be read back from "
                                    "it. Move the file aside to open the workspace without them.")
                         .arg(journalError);
        return nullptr;
    }
    session->m_figures = std::make_unique<FiguresLoader>(db);
    session->m_figures->refresh();
    // The detail pane's first event would read the built-in knowledge base (~150 ms of YAML): read it
    // on a pool thread once the first rows are in, so that it delays neither them nor that event.
    QObject::connect(
        session->m_events.get(), &EventTableModel::queryApplied, session->m_events.get(),
        [] { backgroundPool()->start([] { KnowledgeBase::builtIn(); }); }, Qt::SingleShotConnection);
    try {
        if (SearchIndexBuilder::isPending(db)) {
            session->m_searchIndex = std::make_unique<SearchIndexBuilder>(path);
            EventTableModel *events = session->m_events.get();
            QObject::connect(session->m_searchIndex.get(), &SearchIndexBuilder::finished, events, [events] {
                if (!events->query().search.trimmed().isEmpty())
                    events->refresh(); // the search now finds the older events too
            });
            session->m_searchIndex->start();
        }
    } catch (const StoreError &) {
        // Unreadable settings: the search finds the events the triggers indexed.
    }
    return session;
}

} // namespace tb
