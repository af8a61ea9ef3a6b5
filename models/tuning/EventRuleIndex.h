#pragma once

namespace tb {

class Database;
class KnowledgeBase;

// Keeps `event_rules`: the catalog rule each event resolves to (by rule_ref_id, rule_id, then
// rule_name, as KnowledgeBase::resolveRule does), '' when the catalog knows none. A decision's rule
// scope is then one indexed join instead of an alias lookup per event. Events only ever get larger
// ids, so the events without a row are those above the highest resolved id.
class EventRuleIndex final {
public:
    EventRuleIndex(Database &db, const KnowledgeBase &kb);

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
