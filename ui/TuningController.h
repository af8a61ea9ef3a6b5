#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class QAction;

namespace tb {

class DecisionBuilderDialog;
class DecisionsDialog;
class ExportDialog;
class MainWindow;
class WorkspaceSession;
class BackgroundDecisionChange;
struct Decision;

// The tuning half of the window: "Tune…" from the selected event (menu, shortcut, the detail pane's
// button, the table's context menu) opens the decision builder; the decisions dialog reviews them;
// File > Export Tuning… writes them; a View toggle shows or hides suppressed events. Decisions are
// stored through DecisionStore, which audits every change.
class TuningController final : public QObject {
    Q_OBJECT
public:
    explicit TuningController(MainWindow *window);
    ~TuningController() override;

    // The open workspace; nullptr closes the dialogs (they read its database).
    void setSession(WorkspaceSession *session);

    QAction *tuneAction() const { return m_tune; }
    QAction *decisionsAction() const { return m_decisionsAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *showSuppressedAction() const { return m_showSuppressed; }

    // Opens the builder on an event (the selected one for the action); nullptr when it cannot be read.
    DecisionBuilderDialog *tuneEvent(qint64 eventId);
    DecisionsDialog *showDecisions();
    ExportDialog *showExport();
    // The open dialogs; nullptr when closed.
    DecisionBuilderDialog *builder() const;
    DecisionsDialog *decisionsDialog() const;
    ExportDialog *exportDialog() const;

    // Whether the builder's decision is being saved (and approved) in the background.
    bool isSaving() const;

signals:
    void decisionsChanged();
    void message(const QString &text);

private:
    qint64 currentEventId() const;
    void showEvents(const QList<qint64> &ids, bool truncated);
    void updateEnabled();
    void saved(qint64 decisionId, const QString &error);

    MainWindow *m_window;
    WorkspaceSession *m_session = nullptr;
    QAction *m_tune = nullptr;
    QAction *m_decisionsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_showSuppressed = nullptr;
    QPointer<DecisionBuilderDialog> m_builder;
    QPointer<DecisionsDialog> m_decisions;
    QPointer<ExportDialog> m_export;
    // Saves and approves off the UI thread: approving counts the impact and suppresses the events.
    std::unique_ptr<BackgroundDecisionChange> m_change;
    bool m_approving = false;
};

} // namespace tb
