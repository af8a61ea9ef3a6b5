#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Splunk results as JSON (FORMATS.md §3.2): the REST export stream (`{"preview":…,"result":{…}}` per
// line, with messages-only and lastrow lines), the one-object `{"results":[…]}` form of
// /results?output_mode=json, and a plain JSON array of result objects. Values are strings,
// multivalue fields arrays of strings; both map like the Splunk CSV export.
class SplunkJsonReader final : public EventReader {
public:
    enum class Variant { Export, Array };

    SplunkJsonReader(QIODevice *device, ReaderContext context);
    ~SplunkJsonReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId(Variant variant);
    static bool matches(const FileHead &head, Variant variant);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
