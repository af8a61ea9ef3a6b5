#include "DuplicateCompleter.h"

#include "store/Database.h"

namespace tb {

DuplicateCompleter::DuplicateCompleter(Database &db)
    : m_fill(db.prepare(QStringLiteral("UPDATE events SET task_other_actions = ?2 WHERE content_hash = ?1 "
                                       "AND task_other_actions IS NULL RETURNING id")))
    , m_forgetExplanation(db.prepare(QStringLiteral("DELETE FROM event_assessments WHERE event_id = ?1"))) {}

bool DuplicateCompleter::complete(const QByteArray &contentHash, const QByteArray &otherActions) {
    if (otherActions.isEmpty())
        return false;
    m_fill.bindStatic(1, contentHash);
    m_fill.bindStatic(2, otherActions);
    const bool filled = m_fill.step();
    const qint64 eventId = filled ? m_fill.columnInt64(0) : 0;
    m_fill.reset();
    if (!filled)
        return false;
    m_forgetExplanation.bind(1, eventId);
    m_forgetExplanation.step();
    m_forgetExplanation.reset();
    return true;
}

} // namespace tb
