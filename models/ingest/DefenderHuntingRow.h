#pragma once

#include "EventReader.h"
#include "JsonFlattener.h"

namespace tb {

struct NormalizedEvent;

// One row of a Defender XDR advanced-hunting result, by column name (FORMATS.md §6.2, §6.3):
// DeviceProcessEvents (the `Process*`/`FileName` columns are the new process, `InitiatingProcess*`
// its parent) or DeviceEvents (`ScheduledTaskCreated|Updated|Deleted` with the task in the
// `AdditionalFields` JSON string; the initiating process is the actor). An export holds only the
// columns its query projected, so every column is optional. Shared by the portal CSV and the
// API JSON readers.
class DefenderHuntingRow final {
public:
    // Fills `event` (raw and rawFields are the caller's; AdditionalFields keys are added to the
    // returned raw fields). False with issue.field/problem when the Timestamp is unreadable.
    bool apply(const FlatJson &row, NormalizedEvent &event, const ReaderContext &context, ImportIssue &issue,
               FlatJson *rawFields);

private:
    JsonFlattener m_json; // for AdditionalFields; kept, as simdjson's parser is costly to make
};

} // namespace tb
