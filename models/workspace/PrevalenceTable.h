#pragma once

namespace tb {

class Database;
struct EventDetail;

// The prevalence of each task name, task action, parent and host, and how many events are alike (same
// task name, action and parent), counted for the whole workspace at once (schema 5: value_prevalence,
// likeness_prevalence) and stamped with the last event counted. Events are only ever added, so the
// counts are current while no event is newer than the stamp. The detail pane then reads "this task
// name is on 412 hosts" with a lookup instead of counting the index entries of a value shared by
// 100,000 events (20-40 ms each).
class PrevalenceTable final {
public:
    // Whether the tables count every event there is now. Throws StoreError.
    static bool isCurrent(Database &db);
    // Counts again and replaces the tables. The counting (a walk of each value's index, about a second
    // for 1,000,000 events) runs in a read transaction; only the writing holds the write lock. Throws.
    static void rebuild(Database &db);
    // Fills the detail's counts from the tables (as EventDetail::loadPrevalence would count them);
    // false, with nothing filled, when the tables are not current. Throws StoreError.
    static bool read(Database &db, EventDetail &detail);
};

} // namespace tb
