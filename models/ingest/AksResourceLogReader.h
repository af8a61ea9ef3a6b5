#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Azure AKS control-plane audit logs as the diagnostic setting exports them to a storage account
// or Event Hub (FORMATS.md §8.4): `{"records":[{"time","resourceId","category":"kube-audit(-admin)",
// "properties":{"log":"<audit event as a JSON string>",…}},…]}`. The records are streamed, the
// `log` string decoded once more, and the audit events folded by auditID and mapped like the API
// server's own log (K8sAuditStages, K8sAuditEvent); the cluster named in resourceId is the host.
class AksResourceLogReader final : public EventReader {
public:
    AksResourceLogReader(QIODevice *device, ReaderContext context);
    ~AksResourceLogReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("aks.resourcelogs.json"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
