#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Defender XDR advanced hunting exported from the portal as CSV (FORMATS.md §6.2):
// DeviceProcessEvents / DeviceEvents rows with the columns the query projected, mapped by
// DefenderHuntingRow. The rule is the hunting query, which the file does not name: --rule-name.
class DefenderHuntingCsvReader final : public EventReader {
public:
    DefenderHuntingCsvReader(QIODevice *device, ReaderContext context);
    ~DefenderHuntingCsvReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("defender.advancedhunting.csv"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
