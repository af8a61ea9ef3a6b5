#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Chainsaw `hunt --json` (one array, on one line) and `--jsonl` (one detection per line)
// (FORMATS.md §5.2). A detection names the rule and carries the matched document: an `individual`
// or `cached` one has `document`, an `aggregate` one `documents[]` (one event per document). EVTX
// documents are the evtx crate's JSON (`Event.System.EventID`, `…_attributes` objects), rebuilt
// as an <Event> and mapped by WindowsEventXml; other document kinds keep their fields in raw_fields.
class ChainsawJsonReader final : public EventReader {
public:
    enum class Framing { Array, Lines };

    ChainsawJsonReader(QIODevice *device, ReaderContext context);
    ~ChainsawJsonReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId(Framing framing);
    static bool matches(const FileHead &head, Framing framing);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
