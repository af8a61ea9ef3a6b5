#pragma once

#include "store/Workspace.h"

#include <QString>

#include <memory>

namespace tb {

class EventTableModel;
class NavigatorModel;
class StackingModel;
class FiguresLoader;
class SearchIndexBuilder;
class VerdictService;
class DeferredVerdictWriter;

// An open workspace and everything the triage window shows it through: the lazy event table, the
// navigator and stacking models, the verdict service and the status and overview figures. One per open
// workspace; the window swaps it whole when another workspace is opened.
class WorkspaceSession final {
public:
    ~WorkspaceSession();
    // Opens (creating and upgrading if need be); nullptr plus `error` when that fails.
    static std::unique_ptr<WorkspaceSession> open(const QString &path, QString *error);

    QString path() const { return m_workspace.path(); }
    Database &database() { return m_workspace.database(); }
    EventTableModel &events() { return *m_events; }
    NavigatorModel &navigator() { return *m_navigator; }
    StackingModel &stacking() { return *m_stacking; }
    VerdictService &verdicts() { return *m_verdicts; }
    // Saves the verdict edits made while an import holds the write lock, and those a journal left.
    DeferredVerdictWriter &deferredVerdicts() { return *m_deferredVerdicts; }
    FiguresLoader &figures() { return *m_figures; }
    // Indexing the events of an upgraded workspace for quick search; nullptr when there is none to do.
    SearchIndexBuilder *searchIndexBuilder() { return m_searchIndex.get(); }

private:
    WorkspaceSession() = default;

    Workspace m_workspace;
    std::unique_ptr<EventTableModel> m_events;
    std::unique_ptr<NavigatorModel> m_navigator;
    std::unique_ptr<StackingModel> m_stacking;
    std::unique_ptr<DeferredVerdictWriter> m_deferredVerdicts;
    std::unique_ptr<VerdictService> m_verdicts;
    std::unique_ptr<FiguresLoader> m_figures;
    std::unique_ptr<SearchIndexBuilder> m_searchIndex; // for a workspace upgraded to the search index
};

} // namespace tb
