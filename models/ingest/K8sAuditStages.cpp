#include "K8sAuditStages.h"

#include "FieldNormalizer.h"
#include "K8sAuditEvent.h"
#include "NormalizedEvent.h"

namespace tb {

bool K8sAuditStages::offer(Stage stage, QString *problem) {
    const QString stageName = stage.audit.value("stage");
    const bool final = stageName == QLatin1String("ResponseComplete") || stageName == QLatin1String("Panic");
    if (!final && stageName != QLatin1String("RequestReceived") &&
        stageName != QLatin1String("ResponseStarted")) {
        *problem =
            QStringLiteral("stage \"%1\" is not a Kubernetes audit stage (RequestReceived, ResponseStarted, "
                           "ResponseComplete, Panic)")
                .arg(stageName.left(64));
        return false;
    }
    const QString id = stage.audit.value("auditID");
    if (id.isEmpty()) {
        *problem = QStringLiteral("the audit event has no auditID");
        return false;
    }
    if (final) {
        m_open.remove(id); // earlier stages of the same request are superseded
        m_ready.push_back(std::move(stage));
        return true;
    }
    if (!m_open.contains(id))
        m_order.push_back(id);
    m_open.insert(id, std::move(stage)); // a later stage replaces an earlier one
    while (m_open.size() > maxPending && !m_order.empty()) {
        const QString oldest = m_order.front();
        m_order.pop_front();
        if (auto it = m_open.find(oldest); it != m_open.end()) {
            m_ready.push_back(std::move(*it));
            m_open.erase(it);
        }
    }
    if (m_order.size() > size_t(2 * maxPending)) { // drop ids that closed long ago
        std::deque<QString> live;
        for (const QString &openId : m_order) {
            if (m_open.contains(openId))
                live.push_back(openId);
        }
        m_order.swap(live);
    }
    return true;
}

bool K8sAuditStages::take(Stage &stage) {
    if (m_ready.empty())
        return false;
    stage = std::move(m_ready.front());
    m_ready.pop_front();
    return true;
}

void K8sAuditStages::finish() {
    for (const QString &id : m_order) {
        if (auto it = m_open.find(id); it != m_open.end()) {
            m_ready.push_back(std::move(*it));
            m_open.erase(it);
        }
    }
    m_order.clear();
}

EventReader::Status K8sAuditStages::next(const StageSource &read, NormalizedEvent &event,
                                         const ReaderContext &context, ImportIssue &issue) {
    for (;;) {
        issue = ImportIssue();
        issue.file = context.fileName;
        Stage stage;
        if (take(stage)) {
            event.clear();
            event.recordNo = stage.recordNo;
            event.raw = stage.raw;
            FlatJson fields = stage.extra;
            for (const auto &[key, value] : stage.audit.items())
                fields.add(key, value);
            event.rawFields = fields.toJsonObject();
            issue.record = stage.recordNo;
            issue.line = stage.line;
            normalize::setHost(event, stage.cluster);
            return K8sAuditEvent::apply(stage.audit, event, context.times, issue)
                       ? EventReader::Status::Event
                       : EventReader::Status::Skipped;
        }
        if (m_ended)
            return EventReader::Status::End;
        const EventReader::Status status = read(stage, issue);
        if (status == EventReader::Status::End) {
            finish();
            m_ended = true;
            continue;
        }
        if (status != EventReader::Status::Event)
            return status;
        QString problem;
        if (!offer(std::move(stage), &problem)) {
            issue.problem = problem;
            return EventReader::Status::Skipped;
        }
    }
}

} // namespace tb
