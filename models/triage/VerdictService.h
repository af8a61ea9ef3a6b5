#pragma once

#include "Verdict.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace tb {

class Database;
class Statement;
class DeferredVerdictWriter;

// One event's verdict as stored, or its absence (unreviewed).
struct VerdictState {
    std::optional<Verdict> verdict; // nullopt: no verdict
    QString noteId;                 // the explanation that justified it; may be empty
    QString comment;

    friend bool operator==(const VerdictState &a, const VerdictState &b) {
        return a.verdict == b.verdict && (!a.verdict || (a.noteId == b.noteId && a.comment == b.comment));
    }
    QString toJson() const; // for the audit log; empty when there is no verdict
};

// What one edit did to one event: enough to undo it and to redo it.
struct VerdictChange {
    qint64 eventId = 0;
    VerdictState before;
    VerdictState after;
};

// "All events like this": the same task name, task action and parent process (absent matches absent).
struct EventLikeness {
    QString taskName, taskAction, parentName; // null when the event has none
    QString describe() const;
};

// Sets and clears verdicts. Every change is one transaction with one audit_log row per event, so the
// verdict and its record land together or not at all. Returns what changed, for undo and redo.
class VerdictService final {
public:
    struct Result {
        bool ok = false;
        QString error;
        std::vector<VerdictChange> changes; // events whose state actually changed
        bool deferred = false;              // journaled and queued: the writer saves it later
    };

    explicit VerdictService(Database &db, QString actor = {});

    // Gives each event `state` (or clears it when state.verdict is empty). With `useTopExplanation`,
    // an event without a chosen note is justified by its own top explanation.
    Result apply(const QList<qint64> &eventIds, const VerdictState &state, bool useTopExplanation = false,
                 const QString &why = {});
    // Puts the events back as they were before `changes` (undo) or as they were after (redo).
    Result revert(const std::vector<VerdictChange> &changes, const QString &why = QStringLiteral("undo"));
    Result replay(const std::vector<VerdictChange> &changes, const QString &why = QStringLiteral("redo"));

    // While an import holds the write lock (or earlier edits still wait), edits go to `writer`, which
    // saves them in order once the lock is free; stateOf() and later edits see them meanwhile.
    void setDeferredWriter(DeferredVerdictWriter *writer) { m_writer = writer; }
    void setDeferWrites(bool defer) { m_deferWrites = defer; }

    VerdictState stateOf(qint64 eventId);
    std::optional<EventLikeness> likenessOf(qint64 eventId);
    qint64 countLike(const EventLikeness &likeness);
    QList<qint64> eventsLike(const EventLikeness &likeness);
    QString errorString() const { return m_error; }

private:
    struct Target {
        qint64 eventId;
        VerdictState state;
    };
    Result write(const std::vector<Target> &targets, const QString &why);
    Result defer(const std::vector<Target> &targets, const QString &why);
    Statement prepareStateQuery();
    static VerdictState storedState(Statement &query, qint64 eventId);

    Database &m_db;
    QString m_actor;
    QString m_error;
    DeferredVerdictWriter *m_writer = nullptr;
    bool m_deferWrites = false;
};

} // namespace tb
