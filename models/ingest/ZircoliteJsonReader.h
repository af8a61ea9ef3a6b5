#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Zircolite's `detected_events.json` (FORMATS.md §5.3): a JSON array of rule results (`title`,
// `id`, `rule_level`, `tags`, …) each holding its `matches`. One event per match, read one match at
// a time (a noisy rule can hold many), mapped by ZircoliteMatch; raw is the match as written.
class ZircoliteJsonReader final : public EventReader {
public:
    ZircoliteJsonReader(QIODevice *device, ReaderContext context);
    ~ZircoliteJsonReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("zircolite.json"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
