#include "TuningController.h"

#include "DecisionBuilderDialog.h"
#include "DecisionsDialog.h"
#include "EventDetailView.h"
#include "ExportDialog.h"
#include "items/EventTableModel.h"
#include "knowledge/KnowledgeBase.h"
#include "MainWindow.h"
#include "store/StoreError.h"
#include "TriageController.h"
#include "tuning/BackgroundDecisionChange.h"
#include "workspace/EventDetail.h"
#include "workspace/WorkspaceSession.h"

#include <QAction>
#include <QMenu>
#include <QTableView>

namespace tb {

TuningController::TuningController(MainWindow *window)
    : QObject(window)
    , m_window(window) {
    // An open export shows what the decisions are now, not what they were when it opened.
    connect(this, &TuningController::decisionsChanged, this, [this] {
        if (m_export)
            m_export->refresh();
    });
    m_tune = new QAction(tr("&Tune the Rule from This Event…"), this);
    m_tune->setObjectName(QStringLiteral("tuneAction"));
    m_tune->setIconText(tr("Tune…"));
    m_tune->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_tune->setToolTip(tr("Build a tuning decision from the selected event (Ctrl+D)"));
    connect(m_tune, &QAction::triggered, this, [this] {
        if (const qint64 id = currentEventId(); id > 0)
            tuneEvent(id);
    });
    m_decisionsAction = new QAction(tr("Tuning &Decisions…"), this);
    m_decisionsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_decisionsAction, &QAction::triggered, this, &TuningController::showDecisions);
    m_exportAction = new QAction(tr("&Export Tuning…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &TuningController::showExport);
    m_showSuppressed = new QAction(tr("Show &Suppressed Events"), this);
    m_showSuppressed->setCheckable(true);
    m_showSuppressed->setChecked(true);
    connect(m_showSuppressed, &QAction::toggled, this, [this](bool shown) {
        if (m_session)
            m_session->events().setHideSuppressed(!shown);
    });

    QTableView *view = m_window->eventView();
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &at) {
        const QModelIndex index = view->indexAt(at);
        if (!m_session || !index.isValid())
            return;
        view->setCurrentIndex(index);
        QMenu menu(view);
        menu.addAction(m_tune);
        menu.addSeparator();
        for (Verdict verdict : allVerdicts)
            menu.addAction(m_window->triage()->markAction(verdict));
        menu.exec(view->viewport()->mapToGlobal(at));
    });
    updateEnabled();
}

TuningController::~TuningController() = default;

void TuningController::setSession(WorkspaceSession *session) {
    // They read the workspace that goes.
    delete m_builder;
    delete m_decisions;
    delete m_export;
    m_change.reset(); // waits for a save under way: it is never abandoned half-done
    m_session = session;
    if (m_session) {
        m_change = std::make_unique<BackgroundDecisionChange>(m_session->path(), KnowledgeBase::builtIn());
        connect(m_change.get(), &BackgroundDecisionChange::finished, this, &TuningController::saved);
    }
    // A newly opened workspace shows or hides suppressed events as the toggle says.
    if (m_session && m_session->events().query().hideSuppressed == m_showSuppressed->isChecked())
        m_session->events().setHideSuppressed(!m_showSuppressed->isChecked());
    updateEnabled();
}

void TuningController::updateEnabled() {
    for (QAction *action : {m_tune, m_decisionsAction, m_exportAction, m_showSuppressed})
        action->setEnabled(m_session != nullptr);
}

DecisionBuilderDialog *TuningController::builder() const {
    return m_builder;
}

DecisionsDialog *TuningController::decisionsDialog() const {
    return m_decisions;
}

ExportDialog *TuningController::exportDialog() const {
    return m_export;
}

qint64 TuningController::currentEventId() const {
    if (!m_session)
        return 0;
    const QModelIndex current = m_window->eventView()->currentIndex();
    return current.isValid() ? m_session->events().eventIdAt(current.row()).value_or(0) : 0;
}

DecisionBuilderDialog *TuningController::tuneEvent(qint64 eventId) {
    if (!m_session)
        return nullptr;
    std::optional<EventDetail> detail;
    if (const EventDetail *shown = m_window->detailView()->detail(); shown && shown->id == eventId) {
        detail = *shown;
    } else {
        try {
            detail = EventDetail::load(m_session->database(), KnowledgeBase::builtIn(), eventId, false);
        } catch (const StoreError &error) {
            emit message(error.message());
            return nullptr;
        }
    }
    if (!detail) {
        emit message(tr("Event %1 is no longer in the workspace.").arg(eventId));
        return nullptr;
    }
    if (m_builder)
        m_builder->deleteLater();
    m_builder = new DecisionBuilderDialog(*detail, m_session->path(), KnowledgeBase::builtIn(), m_window);
    m_builder->setAttribute(Qt::WA_DeleteOnClose);
    DecisionBuilderDialog *builder = m_builder;
    connect(builder, &DecisionBuilderDialog::saveRequested, this,
            [this, builder](const Decision &decision, bool approve) {
                if (!m_change || !m_change->create(decision, approve))
                    return;
                m_approving = approve;
                builder->setEnabled(false); // until it is saved; approving a broad one takes seconds
                emit message(approve ? tr("Saving and approving the decision…") : tr("Saving the decision…"));
            });
    connect(builder, &DecisionBuilderDialog::showEventsRequested, this, &TuningController::showEvents);
    // A verdict can make the decision hide a true positive: count again.
    connect(m_window->triage(), &TriageController::verdictsChanged, builder,
            &DecisionBuilderDialog::refreshPreview);
    builder->show();
    return builder;
}

bool TuningController::isSaving() const {
    return m_change && m_change->isRunning();
}

void TuningController::saved(qint64 decisionId, const QString &error) {
    if (m_builder)
        m_builder->setEnabled(true);
    if (decisionId > 0 && error.isEmpty()) {
        emit message(m_approving ? tr("Decision %1 saved and approved.").arg(decisionId)
                                 : tr("Decision %1 saved as proposed.").arg(decisionId));
        if (m_builder)
            m_builder->accept();
    } else if (m_builder) {
        m_builder->saveFailed(error);
    } else {
        emit message(error);
    }
    if (decisionId > 0) {
        if (m_decisions) {
            m_decisions->reload();
            m_decisions->select(decisionId);
        }
        emit decisionsChanged();
    }
}

void TuningController::showEvents(const QList<qint64> &ids, bool truncated) {
    if (!m_session)
        return;
    QVariantList list;
    list.reserve(ids.size());
    for (qint64 id : ids)
        list << id;
    m_session->events().setGroups({GroupFilter{EventGroup::Events, list}});
    emit message(
        truncated ? tr("The table shows the first %L1 events the decision matches.").arg(ids.size())
                  : tr("The table shows the %Ln event(s) the decision matches.", nullptr, int(ids.size())));
}

DecisionsDialog *TuningController::showDecisions() {
    if (!m_session)
        return nullptr;
    if (!m_decisions) {
        m_decisions = new DecisionsDialog(m_session->database(), KnowledgeBase::builtIn(), m_window);
        m_decisions->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_decisions, &DecisionsDialog::decisionsChanged, this, &TuningController::decisionsChanged);
    } else {
        m_decisions->reload();
    }
    m_decisions->show();
    m_decisions->raise();
    return m_decisions;
}

ExportDialog *TuningController::showExport() {
    if (!m_session)
        return nullptr;
    if (!m_export) {
        m_export = new ExportDialog(m_session->path(), KnowledgeBase::builtIn(), m_window);
        m_export->setAttribute(Qt::WA_DeleteOnClose);
    } else {
        m_export->refresh();
    }
    m_export->show();
    m_export->raise();
    return m_export;
}

} // namespace tb
