#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Zircolite `--csv` output (FORMATS.md §5.3): one flat `;`-separated table, `rule_title;
// rule_description;rule_level;rule_count` and then the keys of the first match written (later
// matches lose keys the first did not have). One event per row, mapped by ZircoliteMatch; the
// CSV carries no rule id or tags.
class ZircoliteCsvReader final : public EventReader {
public:
    ZircoliteCsvReader(QIODevice *device, ReaderContext context);
    ~ZircoliteCsvReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("zircolite.csv"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
