#include "K8sAuditReader.h"

#include "FormatRegistry.h"
#include "JsonRecordSplitter.h"
#include "K8sAuditStages.h"
#include "NormalizedEvent.h"

namespace tb {

struct K8sAuditReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : lines(device)
        , context(std::move(ctx)) {}

    EventReader::Status readStage(K8sAuditStages::Stage &stage, ImportIssue &issue);

    JsonRecordSplitter lines;
    ReaderContext context;
    JsonFlattener flattener;
    K8sAuditStages stages;
};

EventReader::Status K8sAuditReader::Impl::readStage(K8sAuditStages::Stage &stage, ImportIssue &issue) {
    QByteArray unit;
    if (!lines.next(unit)) {
        if (lines.errorString().isEmpty())
            return Status::End;
        issue.record = lines.unitIndex() + 1;
        issue.problem = lines.errorString();
        return Status::Failed;
    }
    stage.recordNo = issue.record = lines.unitIndex();
    stage.line = issue.line = lines.unitLine();
    QString error;
    if (!flattener.flatten(unit, stage.audit, &error)) {
        issue.problem = QStringLiteral("not a valid JSON audit event: %1").arg(error);
        return Status::Skipped;
    }
    stage.raw = QString::fromUtf8(unit);
    return Status::Event;
}

K8sAuditReader::K8sAuditReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

K8sAuditReader::~K8sAuditReader() = default;

bool K8sAuditReader::matches(const FileHead &head) {
    return head.isJson() && !head.jsonTopLevelArray &&
           head.firstJson.value("kind") == QLatin1String("Event") &&
           head.firstJson.value("apiVersion").startsWith(QLatin1String("audit.k8s.io/"));
}

EventReader::Status K8sAuditReader::next(NormalizedEvent &event, ImportIssue &issue) {
    return d->stages.next(
        [this](K8sAuditStages::Stage &stage, ImportIssue &i) { return d->readStage(stage, i); }, event,
        d->context, issue);
}

} // namespace tb
