#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Microsoft Sentinel `SecurityAlert` exported from Log Analytics as CSV (FORMATS.md §6.1): time
// columns carry their zone in the header (`TimeGenerated [UTC]`, else `[Local Time]`) and their
// values in the portal's locale (`3/4/2025, 9:41:17.402 AM`); `Entities` (a JSON array with
// `$ref` back-references), `ExtendedProperties` (a JSON object whose `Analytic Rule Ids` is JSON
// again), `Techniques` and `SubTechniques` are JSON inside cells. One alert per row.
class SentinelAlertCsvReader final : public EventReader {
public:
    SentinelAlertCsvReader(QIODevice *device, ReaderContext context);
    ~SentinelAlertCsvReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("sentinel.securityalert.csv"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
