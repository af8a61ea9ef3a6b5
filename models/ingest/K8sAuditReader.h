#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// The Kubernetes API server's audit log, log backend (FORMATS.md §8.3): one `audit.k8s.io/v1`
// Event per line, one line per stage of each request. One event per auditID (K8sAuditStages:
// the ResponseComplete stage, else the last one), mapped by K8sAuditEvent. A stage the API server
// does not write is a skipped record.
class K8sAuditReader final : public EventReader {
public:
    K8sAuditReader(QIODevice *device, ReaderContext context);
    ~K8sAuditReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("k8s.audit.jsonl"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
