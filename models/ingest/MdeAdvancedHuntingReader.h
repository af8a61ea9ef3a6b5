#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// The Defender for Endpoint advanced-hunting API response (`POST /api/advancedqueries/run`,
// FORMATS.md §6.3): `{"Schema":[…],"Results":[{column: value}, …]}` (Graph's runHuntingQuery
// spells them `schema`/`results`). The rows are streamed one at a time and mapped by
// DefenderHuntingRow; values are JSON scalars, so Schema's types are not needed.
class MdeAdvancedHuntingReader final : public EventReader {
public:
    MdeAdvancedHuntingReader(QIODevice *device, ReaderContext context);
    ~MdeAdvancedHuntingReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("mde.advancedhunting.json"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
