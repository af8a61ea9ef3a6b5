#pragma once

namespace tb {

class Database;
class KnowledgeBase;

// Keeps `event_keys`: per event, the catalog rule it resolves to (by rule_ref_id, rule_id, then
// rule_name, as KnowledgeBase::resolveRule does; '' and the event's own rule name when the catalog
// knows none) and its host. A decision's rule scope is then a primary-key probe instead of an alias
// lookup, and the impact preview groups by rule and host without reading the wide `events` rows.
// Events only ever get larger ids, so the events without a row are those above the highest one.
class EventKeyIndex final {
public:
    EventKeyIndex(Database &db, const KnowledgeBase &kb);

    // True when events were added since the last update or the catalog changed.
    bool isStale();
    // Resolves the events that have no row (all of them after a catalog change), inside the
    // caller's transaction. Throws StoreError.
    void update();
    // Updates when stale, in the caller's transaction or else in one of its own. Throws StoreError.
    void updateIfStale();

private:
    Database &m_db;
    const KnowledgeBase &m_kb;
};

} // namespace tb
