#include "EventKeyIndex.h"

#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "workspace/WorkspaceStamp.h"

namespace tb {

namespace {
const QString stampKey = QStringLiteral("event_keys_with");
}

EventKeyIndex::EventKeyIndex(Database &db, const KnowledgeBase &kb)
    : m_db(db)
    , m_kb(kb) {}

bool EventKeyIndex::isStale() {
    if (WorkspaceStamp::read(m_db, stampKey) != m_kb.version())
        return m_db.queryInt(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)")) > 0 ||
               m_db.queryInt(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM event_keys LIMIT 1)")) > 0;
    return m_db.queryInt(QStringLiteral("SELECT coalesce(max(id), 0) FROM events")) >
           m_db.queryInt(QStringLiteral("SELECT coalesce(max(event_id), 0) FROM event_keys"));
}

void EventKeyIndex::update() {
    if (WorkspaceStamp::read(m_db, stampKey) != m_kb.version())
        m_db.exec(QStringLiteral("DELETE FROM event_keys"));
    const qint64 resolvedUpTo =
        m_db.queryInt(QStringLiteral("SELECT coalesce(max(event_id), 0) FROM event_keys"));

    // Resolve each distinct spelling once, then join: a million events carry a few dozen spellings.
    m_db.exec(QStringLiteral(
        "CREATE TEMP TABLE IF NOT EXISTS rule_spellings (rule_name TEXT NOT NULL, rule_ref_id TEXT NOT NULL, "
        "rule_id TEXT NOT NULL, catalog_id TEXT NOT NULL, PRIMARY KEY (rule_name, rule_ref_id, rule_id)); "
        "DELETE FROM temp.rule_spellings;"));
    Statement spellings =
        m_db.prepare(QStringLiteral("SELECT DISTINCT coalesce(rule_name, ''), coalesce(rule_ref_id, ''), "
                                    "coalesce(rule_id, '') FROM events "
                                    "WHERE id > ?1"));
    spellings.bind(1, resolvedUpTo);
    Statement insertSpelling =
        m_db.prepare(QStringLiteral("INSERT INTO temp.rule_spellings (rule_name, rule_ref_id, rule_id, "
                                    "catalog_id) VALUES (?1, ?2, ?3, ?4)"));
    while (spellings.step()) {
        const QString name = spellings.columnText(0), refId = spellings.columnText(1),
                      id = spellings.columnText(2);
        const Rule *rule = m_kb.resolveRule(name, refId, id);
        insertSpelling.bind(1, name);
        insertSpelling.bind(2, refId);
        insertSpelling.bind(3, id);
        insertSpelling.bind(4, rule ? rule->id : QStringLiteral(""));
        insertSpelling.step();
        insertSpelling.reset();
    }
    Statement insert = m_db.prepare(QStringLiteral(
        "INSERT INTO event_keys (event_id, rule_id, rule_name, host) SELECT e.id, s.catalog_id, "
        "CASE WHEN s.catalog_id = '' THEN e.rule_name END, e.host FROM events e "
        "JOIN temp.rule_spellings s ON s.rule_name = coalesce(e.rule_name, '') AND "
        "s.rule_ref_id = coalesce(e.rule_ref_id, '') AND s.rule_id = coalesce(e.rule_id, '') "
        "WHERE e.id > ?1"));
    insert.bind(1, resolvedUpTo);
    insert.step();
    m_db.exec(QStringLiteral("DELETE FROM temp.rule_spellings"));

    WorkspaceStamp::write(m_db, stampKey, m_kb.version());
}

void EventKeyIndex::updateIfStale() {
    if (!isStale())
        return;
    if (m_db.inTransaction()) { // the caller's transaction then carries it
        update();
        return;
    }
    Transaction transaction(m_db);
    update();
    transaction.commit();
}

} // namespace tb
