#include "SuppressionIndex.h"

#include "condition/ConditionSql.h"
#include "DecisionQuery.h"
#include "DecisionStore.h"
#include "EventKeyIndex.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "workspace/WorkspaceSettings.h"
#include "workspace/WorkspaceStamp.h"

namespace tb {

namespace {
const QString stampKey = QStringLiteral("suppressed_with");
}

SuppressionIndex::SuppressionIndex(Database &db, const KnowledgeBase &kb)
    : m_db(db)
    , m_kb(kb) {}

QString SuppressionIndex::notSuppressedSql() {
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM event_suppressions s WHERE s.event_id = events.id)");
}

QString SuppressionIndex::suppressedSql() {
    return QStringLiteral("EXISTS (SELECT 1 FROM event_suppressions s WHERE s.event_id = events.id)");
}

void SuppressionIndex::refresh(const Decision &decision) {
    // The other decisions' marks are as current as they were: when they were current, all are now.
    const bool othersCurrent = !isStale(decision.id);
    markDecision(decision);
    if (othersCurrent)
        saveStamp();
}

void SuppressionIndex::markDecision(const Decision &decision) {
    Statement remove = m_db.prepare(QStringLiteral("DELETE FROM event_suppressions WHERE decision_id = ?1"));
    remove.bind(1, decision.id);
    remove.step();
    if (decision.status != DecisionStatus::Approved || decision.action != DecisionAction::Suppress)
        return;
    if (decision.expiresAt && *decision.expiresAt < QDate::currentDate())
        return; // past its date even if nobody has run DecisionStore::expireDue yet
    ConditionSql::registerFunctions(m_db);
    EventKeyIndex(m_db, m_kb).updateIfStale();
    QVariantList parameters{decision.id};
    const QString where =
        DecisionQuery::where(decision.condition, decision.scope, WorkspaceSettings::load(m_db), parameters);
    Statement mark = m_db.prepare(
        QStringLiteral(
            "INSERT INTO event_suppressions (event_id, decision_id) SELECT events.id, ? FROM events WHERE ") +
        where);
    for (int i = 0; i < parameters.size(); ++i)
        mark.bind(i + 1, parameters[i]);
    mark.step();
}

QString SuppressionIndex::stamp() {
    return QStringLiteral("%1/%2/%3")
        .arg(m_db.queryInt(QStringLiteral("SELECT coalesce(max(id), 0) FROM events")))
        .arg(WorkspaceSettings::digest(WorkspaceSettings::load(m_db)), m_kb.version());
}

bool SuppressionIndex::isStale(qint64 ignoredDecision) {
    if (const QString stored = WorkspaceStamp::read(m_db, stampKey); !stored.isNull())
        return stored != stamp();
    // Never stamped: stale only once there is a decision to apply.
    Statement approved =
        m_db.prepare(QStringLiteral("SELECT count(*) FROM decisions WHERE status = 'approved' AND id <> ?1"));
    approved.bind(1, ignoredDecision);
    return approved.step() && approved.columnInt64(0) > 0;
}

void SuppressionIndex::saveStamp() {
    WorkspaceStamp::write(m_db, stampKey, stamp());
}

void SuppressionIndex::refreshAll() {
    m_db.exec(QStringLiteral("DELETE FROM event_suppressions"));
    DecisionStore store(m_db, m_kb);
    QList<Decision> approved;
    if (!store.list(approved, DecisionStatus::Approved))
        throw StoreError(store.errorString());
    for (const Decision &decision : approved)
        markDecision(decision);
    saveStamp();
}

bool SuppressionIndex::updateIfStale(QString *error) {
    try {
        if (!isStale())
            return true;
        if (m_db.inTransaction()) {
            refreshAll();
            return true;
        }
        Transaction transaction(m_db);
        refreshAll();
        transaction.commit();
        return true;
    } catch (const StoreError &storeError) {
        if (error)
            *error = storeError.message();
        return false;
    }
}

QList<qint64> SuppressionIndex::decisionsSuppressing(qint64 eventId) {
    Statement query = m_db.prepare(QStringLiteral(
        "SELECT decision_id FROM event_suppressions WHERE event_id = ?1 ORDER BY decision_id"));
    query.bind(1, eventId);
    QList<qint64> ids;
    while (query.step())
        ids.append(query.columnInt64(0));
    return ids;
}

qint64 SuppressionIndex::suppressedEventCount() {
    return m_db.queryInt(QStringLiteral("SELECT count(DISTINCT event_id) FROM event_suppressions"));
}

} // namespace tb
