#pragma once

#include "triage/VerdictService.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <map>

class QAction;
class QTableView;
class QUndoStack;

namespace tb {

class EventTableModel;
class DeferredVerdictWriter;

// The keyboard triage of the event table: verdict actions with single-key shortcuts (T, B, F, E; U
// clears), "all like this" (Shift+key, with the count asked first), next/previous unreviewed (N, P).
// Every edit goes onto the undo stack as a QUndoCommand that calls the VerdictService.
class TriageController final : public QObject {
    Q_OBJECT
public:
    // Asked before a bulk edit; true to go ahead.
    using Confirm = std::function<bool(const QString &question)>;

    TriageController(QTableView *view, QUndoStack *undoStack, QObject *parent = nullptr);

    // The open workspace's table model, verdict service and the writer of the edits it defers;
    // nullptr when none is open.
    void setModel(EventTableModel *model, VerdictService *service, DeferredVerdictWriter *deferred);

    QAction *markAction(Verdict verdict) const { return m_mark.at(verdict); }
    QAction *markAllLikeThisAction(Verdict verdict) const { return m_markAll.at(verdict); }
    QAction *clearAction() const { return m_clear; }
    QAction *nextUnreviewedAction() const { return m_next; }
    QAction *previousUnreviewedAction() const { return m_previous; }
    QAction *advanceAction() const { return m_advance; }
    QList<QAction *> actions() const;

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // The justification and comment the next verdict carries (from the verdict bar). An empty note
    // means each event's own top explanation.
    void setJustification(const QString &noteId) { m_noteId = noteId; }
    void setComment(const QString &comment) { m_comment = comment; }

    // While an import writes, verdict edits would wait for its lock: they are journaled, shown at once
    // and saved when the lock is free.
    void setImportRunning(bool running);

    void mark(Verdict verdict);
    void clear();
    void markAllLikeThis(Verdict verdict);
    void goToUnreviewed(bool forward);

signals:
    void verdictsChanged();
    void message(const QString &text);

private:
    QList<qint64> selectedEvents() const;
    void applied(const VerdictService::Result &result);
    void deferredWritten(int remaining);
    void selectRow(int row);
    void updateEnabled();

    QTableView *m_view;
    EventTableModel *m_model;
    VerdictService *m_service;
    QUndoStack *m_undoStack;
    Confirm m_confirm;
    QString m_noteId, m_comment;
    std::map<Verdict, QAction *> m_mark, m_markAll;
    QAction *m_clear = nullptr;
    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_advance = nullptr;
    DeferredVerdictWriter *m_deferred = nullptr;
    QHash<qint64, QString> m_waiting; // verdicts shown before they are saved (by event)
};

} // namespace tb
