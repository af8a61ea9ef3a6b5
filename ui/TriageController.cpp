#include "TriageController.h"

#include "commands/ClearVerdictCommand.h"
#include "commands/MarkAllLikeThisCommand.h"
#include "commands/SetVerdictCommand.h"
#include "items/EventTableModel.h"
#include "triage/DeferredVerdictWriter.h"

#include <QAction>
#include <QHash>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QTableView>
#include <QUndoStack>

namespace tb {

namespace {
QKeySequence keyOf(Verdict verdict, bool shift) {
    const int modifier = shift ? int(Qt::SHIFT) : 0;
    switch (verdict) {
    case Verdict::TruePositive:
        return QKeySequence(modifier | Qt::Key_T);
    case Verdict::BenignTruePositive:
        return QKeySequence(modifier | Qt::Key_B);
    case Verdict::FalsePositive:
        return QKeySequence(modifier | Qt::Key_F);
    case Verdict::NeedsEscalation:
        break;
    }
    return QKeySequence(modifier | Qt::Key_E);
}
} // namespace

TriageController::TriageController(QTableView *view, QUndoStack *undoStack, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_model(nullptr)
    , m_service(nullptr)
    , m_undoStack(undoStack) {
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(m_view->window(), tr("Mark all like this"), question) ==
               QMessageBox::Yes;
    };
    for (Verdict verdict : allVerdicts) {
        QAction *mark = new QAction(verdictTitle(verdict), this);
        mark->setShortcut(keyOf(verdict, false));
        mark->setObjectName(QStringLiteral("mark_") + verdictName(verdict));
        mark->setToolTip(
            tr("Mark the selected events as %1 (%2)")
                .arg(verdictTitle(verdict).toLower(), mark->shortcut().toString(QKeySequence::NativeText)));
        connect(mark, &QAction::triggered, this, [this, verdict] { this->mark(verdict); });
        m_mark[verdict] = mark;

        QAction *all = new QAction(tr("All Like This as %1…").arg(verdictTitle(verdict)), this);
        all->setShortcut(keyOf(verdict, true));
        all->setObjectName(QStringLiteral("markAllLike_") + verdictName(verdict));
        connect(all, &QAction::triggered, this, [this, verdict] { markAllLikeThis(verdict); });
        m_markAll[verdict] = all;
    }
    m_clear = new QAction(tr("Clear Verdict"), this);
    m_clear->setObjectName(QStringLiteral("clearVerdict"));
    m_clear->setShortcut(QKeySequence(Qt::Key_U));
    connect(m_clear, &QAction::triggered, this, &TriageController::clear);
    m_next = new QAction(tr("Next Unreviewed"), this);
    m_next->setObjectName(QStringLiteral("nextUnreviewed"));
    m_next->setShortcut(QKeySequence(Qt::Key_N));
    connect(m_next, &QAction::triggered, this, [this] { goToUnreviewed(true); });
    m_previous = new QAction(tr("Previous Unreviewed"), this);
    m_previous->setObjectName(QStringLiteral("previousUnreviewed"));
    m_previous->setShortcut(QKeySequence(Qt::Key_P));
    connect(m_previous, &QAction::triggered, this, [this] { goToUnreviewed(false); });
    m_advance = new QAction(tr("Go to the Next Event after a Verdict"), this);
    m_advance->setObjectName(QStringLiteral("advanceAfterVerdict"));
    m_advance->setCheckable(true);
    m_advance->setChecked(true);
    updateEnabled();
}

void TriageController::setModel(EventTableModel *model, VerdictService *service,
                                DeferredVerdictWriter *deferred) {
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    if (m_deferred)
        disconnect(m_deferred, nullptr, this, nullptr);
    m_model = model;
    m_service = service;
    m_deferred = deferred;
    m_waiting.clear();
    if (m_model) {
        connect(m_model, &EventTableModel::unreviewedFound, this, &TriageController::selectRow);
        connect(m_model, &EventTableModel::unreviewedNotFound, this,
                [this] { emit message(tr("No unreviewed event in that direction.")); });
        // A page read from the database before the waiting verdicts are saved shows them anyway.
        connect(m_model, &EventTableModel::pageArrived, this, [this] {
            if (!m_waiting.isEmpty())
                m_model->patchVerdicts(m_waiting);
        });
    }
    if (m_deferred) {
        connect(m_deferred, &DeferredVerdictWriter::written, this, &TriageController::deferredWritten);
        connect(m_deferred, &DeferredVerdictWriter::failed, this,
                [this](const QString &error) { emit message(tr("A verdict was not saved: %1").arg(error)); });
    }
    updateEnabled();
}

void TriageController::setImportRunning(bool running) {
    if (m_service)
        m_service->setDeferWrites(running);
}

void TriageController::updateEnabled() {
    for (QAction *action : actions()) {
        if (action != m_advance)
            action->setEnabled(m_model != nullptr);
    }
}

QList<QAction *> TriageController::actions() const {
    QList<QAction *> list;
    for (Verdict verdict : allVerdicts)
        list << m_mark.at(verdict);
    list << m_clear;
    for (Verdict verdict : allVerdicts)
        list << m_markAll.at(verdict);
    list << m_next << m_previous << m_advance;
    return list;
}

QList<qint64> TriageController::selectedEvents() const {
    if (!m_model || !m_view->selectionModel())
        return {};
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    QList<qint64> ids;
    for (int row : rows) {
        if (const auto id = m_model->eventIdAt(row))
            ids << *id;
    }
    return ids;
}

void TriageController::mark(Verdict verdict) {
    const QList<qint64> ids = selectedEvents();
    if (ids.isEmpty()) {
        emit message(tr("Select an event first."));
        return;
    }
    const int row = m_view->currentIndex().row();
    m_undoStack->push(new SetVerdictCommand(
        *m_service, [this](const auto &result) { applied(result); }, ids,
        VerdictState{verdict, m_noteId, m_comment}));
    m_comment.clear();
    if (m_advance->isChecked() && ids.size() == 1 && row + 1 < m_model->rowCount())
        selectRow(row + 1);
}

void TriageController::clear() {
    const QList<qint64> ids = selectedEvents();
    if (!ids.isEmpty())
        m_undoStack->push(new ClearVerdictCommand(
            *m_service, [this](const auto &result) { applied(result); }, ids));
}

void TriageController::markAllLikeThis(Verdict verdict) {
    if (!m_model)
        return;
    const auto id = m_model->eventIdAt(m_view->currentIndex().row());
    const auto likeness = id ? m_service->likenessOf(*id) : std::nullopt;
    if (!likeness) {
        emit message(tr("Select an event first."));
        return;
    }
    const qint64 count = m_service->countLike(*likeness);
    if (count <= 0)
        return;
    const QString question = tr("Mark %n event(s) like this (%1) as %2?", nullptr, int(count))
                                 .arg(likeness->describe(), verdictTitle(verdict).toLower());
    if (!m_confirm(question))
        return;
    m_undoStack->push(new MarkAllLikeThisCommand(
        *m_service, [this](const auto &result) { applied(result); }, *likeness, count,
        VerdictState{verdict, m_noteId, m_comment}));
    m_comment.clear();
}

void TriageController::goToUnreviewed(bool forward) {
    if (!m_model)
        return;
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row()
                                                      : (forward ? -1 : m_model->rowCount());
    m_model->findUnreviewed(from, forward);
}

void TriageController::selectRow(int row) {
    const QModelIndex index = m_model->index(row, std::max(0, m_view->currentIndex().column()));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void TriageController::applied(const VerdictService::Result &result) {
    if (!m_model)
        return;
    if (!result.ok) {
        emit message(tr("The verdict was not saved: %1").arg(result.error));
        return;
    }
    QHash<qint64, QString> verdicts;
    for (const VerdictChange &change : result.changes)
        verdicts.insert(change.eventId,
                        change.after.verdict ? verdictName(*change.after.verdict) : QString());
    m_model->patchVerdicts(verdicts);
    if (result.deferred) {
        m_waiting.insert(verdicts);
        if (!result.changes.empty())
            emit message(tr("The import holds the workspace: %n verdict edit(s) are kept and will be saved "
                            "when it is done.",
                            nullptr, m_deferred ? m_deferred->pendingEdits() : 0));
        return;
    }
    m_model->refresh();
    emit verdictsChanged();
}

void TriageController::deferredWritten(int remaining) {
    if (remaining > 0 || !m_model)
        return;
    m_waiting.clear();
    m_model->refresh();
    emit verdictsChanged();
    emit message(tr("The verdicts given during the import are saved."));
}

} // namespace tb
