#include "AksResourceLogReader.h"

#include "FormatRegistry.h"
#include "JsonMemberArraySplitter.h"
#include "K8sAuditStages.h"
#include "NormalizedEvent.h"

#include <QRegularExpression>

namespace tb {

struct AksResourceLogReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : records(device, {QStringLiteral("records")})
        , context(std::move(ctx)) {}

    EventReader::Status readStage(K8sAuditStages::Stage &stage, ImportIssue &issue);

    JsonMemberArraySplitter records;
    ReaderContext context;
    JsonFlattener flattener;
    K8sAuditStages stages;
};

EventReader::Status AksResourceLogReader::Impl::readStage(K8sAuditStages::Stage &stage, ImportIssue &issue) {
    QByteArray unit;
    if (!records.next(unit)) {
        if (records.errorString().isEmpty())
            return Status::End;
        issue.record = records.unitIndex() + 1;
        issue.problem = records.errorString();
        return Status::Failed;
    }
    stage.recordNo = issue.record = records.unitIndex();
    stage.line = issue.line = records.unitLine();
    FlatJson envelope;
    QString error;
    if (records.memberName().isEmpty() || !flattener.flatten(unit, envelope, &error)) {
        issue.problem = error.isEmpty() ? QStringLiteral("the file has no records array")
                                        : QStringLiteral("not a valid JSON record: %1").arg(error);
        return Status::Skipped;
    }
    const QString category = envelope.value("category");
    if (!category.startsWith(QLatin1String("kube-audit"))) {
        issue.field = QStringLiteral("category");
        issue.problem = QStringLiteral("\"%1\" is not an AKS audit category (kube-audit, kube-audit-admin)")
                            .arg(category);
        return Status::Skipped;
    }
    // The audit event is JSON inside the `log` string: decode it a second time.
    const QString log = envelope.first({"properties.log", "log_s"});
    if (!flattener.flatten(log.toUtf8(), stage.audit, &error)) {
        issue.field = QStringLiteral("properties.log");
        issue.problem = QStringLiteral("not a JSON audit event: %1").arg(error);
        return Status::Skipped;
    }
    stage.raw = QString::fromUtf8(unit);
    for (const char *key :
         {"time", "resourceId", "category", "operationName", "properties.pod", "properties.stream"}) {
        if (envelope.contains(QLatin1String(key)))
            stage.extra.add(QStringLiteral("aks.") + QLatin1String(key), envelope.value(key));
    }
    // …/providers/Microsoft.ContainerService/managedClusters/<cluster>
    static const QRegularExpression cluster(QStringLiteral("/managedClusters/([^/]+)"),
                                            QRegularExpression::CaseInsensitiveOption);
    stage.cluster = cluster.match(envelope.value("resourceId")).captured(1).toLower();
    return Status::Event;
}

AksResourceLogReader::AksResourceLogReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

AksResourceLogReader::~AksResourceLogReader() = default;

bool AksResourceLogReader::matches(const FileHead &head) {
    if (head.isJson() && head.firstJson.contains(QStringLiteral("records")))
        return head.firstJson.value("records").contains(QLatin1String("\"category\":\"kube-audit"));
    if (!head.firstNonBlank.startsWith(QLatin1Char('{')))
        return false;
    // Records larger than the head.
    static const QRegularExpression records(
        QStringLiteral("^\\s*\\{\\s*\"records\"\\s*:\\s*\\[\\s*\\{[^\\[]*\"category\"\\s*:\\s*\"kube-audit"));
    return records.match(QString::fromUtf8(head.bytes.left(16 * 1024))).hasMatch();
}

EventReader::Status AksResourceLogReader::next(NormalizedEvent &event, ImportIssue &issue) {
    return d->stages.next(
        [this](K8sAuditStages::Stage &stage, ImportIssue &i) { return d->readStage(stage, i); }, event,
        d->context, issue);
}

} // namespace tb
