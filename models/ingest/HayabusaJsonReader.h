#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Hayabusa `dfir-timeline -t jsonl` (one `{ … }` per line, no final newline) and `-t json`
// (pretty objects one after another, or an array in old versions) (FORMATS.md §5.1).
// Details/ExtraFieldInfo/AllFieldInfo are objects with typed values; a repeated key is an array.
class HayabusaJsonReader final : public EventReader {
public:
    enum class Framing { Lines, Pretty };

    HayabusaJsonReader(QIODevice *device, ReaderContext context);
    ~HayabusaJsonReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId(Framing framing);
    static bool matches(const FileHead &head, Framing framing);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
