#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Defender for Endpoint alerts API JSON (`GET /api/alerts`, FORMATS.md §6.4): `{"@odata.context":
// "…#Alerts","value":[alert, …]}` streamed one alert at a time, or a single alert object
// (`GET /api/alerts/{id}`). The first Process evidence gives the process fields (`filePath` is a
// folder), User evidence the account; classification/determination are the prior verdict.
class MdeAlertsReader final : public EventReader {
public:
    MdeAlertsReader(QIODevice *device, ReaderContext context);
    ~MdeAlertsReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("mde.alerts.json"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
