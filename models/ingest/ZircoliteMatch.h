#pragma once

#include "EventReader.h"

namespace tb {

class FlatJson;
class WindowsEventBuilder;
struct NormalizedEvent;
struct SigmaRule;

// One match of a Zircolite rule (FORMATS.md §5.3): a row of its SQLite `logs` table, with the
// event's fields flattened to leaf names (`Provider_Name`, `SystemTime`, `EventRecordID`,
// `CommandLine`, …), the Hashes split into SHA1/MD5/SHA256/IMPHASH columns and the source file in
// `OriginalLogfile`. Rebuilt as an <Event> and mapped by WindowsEventXml; the JSON and the CSV
// reader share it.
class ZircoliteMatch final {
public:
    // Event, or Skipped with issue.field/problem. event.raw and rawFields are the caller's.
    static EventReader::Status toEvent(const FlatJson &match, const SigmaRule &rule,
                                       WindowsEventBuilder &builder, NormalizedEvent &event,
                                       const TimeNormalizer &times, ImportIssue &issue);
};

} // namespace tb
