#include "VerdictService.h"

#include "audit/AuditLog.h"
#include "DeferredVerdictWriter.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace tb {

QString VerdictState::toJson() const {
    if (!verdict)
        return {};
    QJsonObject object{{QStringLiteral("verdict"), verdictName(*verdict)}};
    if (!noteId.isEmpty())
        object.insert(QStringLiteral("note_id"), noteId);
    if (!comment.isEmpty())
        object.insert(QStringLiteral("comment"), comment);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString EventLikeness::describe() const {
    auto part = [](const QString &value) { return value.isNull() ? QStringLiteral("—") : value; };
    return QCoreApplication::translate("tb::VerdictService", "task name %1, action %2, parent %3")
        .arg(part(taskName), part(taskAction), part(parentName));
}

VerdictService::VerdictService(Database &db, QString actor)
    : m_db(db)
    , m_actor(actor.isEmpty() ? AuditLog::currentActor() : std::move(actor)) {}

Statement VerdictService::prepareStateQuery() {
    return m_db.prepare(QStringLiteral("SELECT verdict, note_id, comment FROM verdicts WHERE event_id = ?1"));
}

VerdictState VerdictService::storedState(Statement &query, qint64 eventId) {
    VerdictState state;
    query.bind(1, eventId);
    if (query.step()) {
        state.verdict = verdictFromName(query.columnText(0));
        state.noteId = query.columnText(1);
        state.comment = query.columnText(2);
    }
    query.reset();
    return state;
}

VerdictState VerdictService::stateOf(qint64 eventId) {
    if (m_writer) {
        if (std::optional<VerdictState> pending = m_writer->pendingState(eventId))
            return *pending;
    }
    try {
        Statement query = prepareStateQuery();
        return storedState(query, eventId);
    } catch (const StoreError &error) {
        m_error = error.message();
    }
    return {};
}

VerdictService::Result VerdictService::apply(const QList<qint64> &eventIds, const VerdictState &state,
                                             bool useTopExplanation, const QString &why) {
    std::vector<Target> targets;
    targets.reserve(size_t(eventIds.size()));
    try {
        Statement topNote = m_db.prepare(
            QStringLiteral("SELECT top_note_id FROM event_assessments WHERE event_id = ?1 AND top_note_id "
                           "IS NOT NULL"));
        for (qint64 id : eventIds) {
            Target target{id, state};
            if (state.verdict && useTopExplanation && state.noteId.isEmpty()) {
                topNote.bind(1, id);
                if (topNote.step())
                    target.state.noteId = topNote.columnText(0);
                topNote.reset();
            }
            targets.push_back(std::move(target));
        }
    } catch (const StoreError &error) {
        return {false, error.message(), {}};
    }
    return write(targets, why);
}

VerdictService::Result VerdictService::revert(const std::vector<VerdictChange> &changes, const QString &why) {
    std::vector<Target> targets;
    targets.reserve(changes.size());
    for (auto it = changes.rbegin(); it != changes.rend(); ++it)
        targets.push_back({it->eventId, it->before});
    return write(targets, why);
}

VerdictService::Result VerdictService::replay(const std::vector<VerdictChange> &changes, const QString &why) {
    std::vector<Target> targets;
    targets.reserve(changes.size());
    for (const VerdictChange &change : changes)
        targets.push_back({change.eventId, change.after});
    return write(targets, why);
}

VerdictService::Result VerdictService::defer(const std::vector<Target> &targets, const QString &why) {
    Result result;
    VerdictJournal::Edit edit{{}, why};
    try {
        // Each edit starts from what the edits still waiting left, else from the database.
        Statement current = prepareStateQuery();
        for (const Target &target : targets) {
            const std::optional<VerdictState> pending = m_writer->pendingState(target.eventId);
            const VerdictState before = pending ? *pending : storedState(current, target.eventId);
            if (before != target.state)
                result.changes.push_back({target.eventId, before, target.state});
        }
    } catch (const StoreError &error) {
        return {false, error.message(), {}};
    }
    edit.changes = result.changes;
    if (!edit.changes.empty() && !m_writer->enqueue(std::move(edit), &result.error))
        return {false, result.error, {}};
    result.ok = true;
    result.deferred = true;
    return result;
}

VerdictService::Result VerdictService::write(const std::vector<Target> &targets, const QString &why) {
    if (m_writer && (m_deferWrites || !m_writer->isIdle()))
        return defer(targets, why);
    Result result;
    try {
        Transaction transaction(m_db);
        Statement current = prepareStateQuery();
        Statement upsert = m_db.prepare(QStringLiteral(
            "INSERT INTO verdicts (event_id, verdict, note_id, comment, analyst, decided_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event_id) DO UPDATE SET verdict = "
            "excluded.verdict, "
            "note_id = excluded.note_id, comment = excluded.comment, analyst = excluded.analyst, "
            "decided_at = excluded.decided_at"));
        Statement remove = m_db.prepare(QStringLiteral("DELETE FROM verdicts WHERE event_id = ?1"));
        AuditLog audit(m_db);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString decidedAt = now.toString(Qt::ISODateWithMs);
        for (const Target &target : targets) {
            const VerdictState before = storedState(current, target.eventId);
            if (before == target.state)
                continue;
            if (target.state.verdict) {
                upsert.bind(1, target.eventId);
                upsert.bind(2, verdictName(*target.state.verdict));
                upsert.bind(3, target.state.noteId.isEmpty() ? QString() : target.state.noteId);
                upsert.bind(4, target.state.comment.isNull() ? QStringLiteral("") : target.state.comment);
                upsert.bind(5, m_actor);
                upsert.bind(6, decidedAt);
                upsert.step();
                upsert.reset();
            } else {
                remove.bind(1, target.eventId);
                remove.step();
                remove.reset();
            }
            AuditEntry entry;
            entry.at = now;
            entry.actor = m_actor;
            entry.action =
                target.state.verdict ? QStringLiteral("verdict.set") : QStringLiteral("verdict.clear");
            entry.objectType = QStringLiteral("event");
            entry.objectId = QString::number(target.eventId);
            entry.before = before.toJson();
            entry.after = target.state.toJson();
            entry.why = why;
            audit.append(entry);
            result.changes.push_back({target.eventId, before, target.state});
        }
        transaction.commit();
        result.ok = true;
    } catch (const StoreError &error) {
        result.error = error.message();
        result.changes.clear();
        m_error = result.error;
    }
    return result;
}

std::optional<EventLikeness> VerdictService::likenessOf(qint64 eventId) {
    try {
        Statement query = m_db.prepare(
            QStringLiteral("SELECT task_name, task_action, parent_name FROM events WHERE id = ?1"));
        query.bind(1, eventId);
        if (!query.step())
            return std::nullopt;
        auto text = [&query](int column) {
            return query.isNull(column) ? QString() : query.columnText(column);
        };
        return EventLikeness{text(0), text(1), text(2)};
    } catch (const StoreError &error) {
        m_error = error.message();
        return std::nullopt;
    }
}

namespace {
// "Same task name, action and parent", NULL matching NULL, case-insensitively like the navigator.
Statement likeQuery(Database &db, const QString &select, const EventLikeness &likeness) {
    Statement query = db.prepare(
        select + QStringLiteral(
                     " FROM events WHERE task_name IS ?1 COLLATE NOCASE AND task_action IS ?2 COLLATE NOCASE "
                     "AND parent_name IS ?3 COLLATE NOCASE"));
    query.bind(1, likeness.taskName);
    query.bind(2, likeness.taskAction);
    query.bind(3, likeness.parentName);
    return query;
}
} // namespace

qint64 VerdictService::countLike(const EventLikeness &likeness) {
    try {
        Statement query = likeQuery(m_db, QStringLiteral("SELECT count(*)"), likeness);
        return query.step() ? query.columnInt64(0) : 0;
    } catch (const StoreError &error) {
        m_error = error.message();
        return -1;
    }
}

QList<qint64> VerdictService::eventsLike(const EventLikeness &likeness) {
    QList<qint64> ids;
    try {
        Statement query = likeQuery(m_db, QStringLiteral("SELECT id"), likeness);
        while (query.step())
            ids << query.columnInt64(0);
    } catch (const StoreError &error) {
        m_error = error.message();
    }
    return ids;
}

} // namespace tb
