#pragma once

#include "EventReader.h"
#include "JsonFlattener.h"

#include <QHash>
#include <QString>

#include <deque>
#include <functional>

namespace tb {

struct NormalizedEvent;

// Folds the stages of one Kubernetes API request into one event (FORMATS.md §8.3): the API server
// logs an audit event per stage under the same auditID (RequestReceived, ResponseStarted,
// ResponseComplete, Panic), not necessarily next to each other. A request is ready once its
// ResponseComplete (or Panic) stage arrives; at the end of the file the others are ready with the
// last stage seen. Memory is bounded: past `maxPending` open requests the oldest is handed out.
class K8sAuditStages final {
public:
    struct Stage {
        QString raw;     // the record as the file has it
        FlatJson audit;  // the audit event, flattened
        FlatJson extra;  // envelope fields that go to raw_fields too (AKS)
        QString cluster; // host, when the envelope names the cluster
        qint64 recordNo = -1;
        qint64 line = 0;
    };

    // False with `problem` when the stage is not one the API server writes, or has no auditID.
    bool offer(Stage stage, QString *problem);
    // A request that is ready, in the order they became ready.
    bool take(Stage &stage);
    // The input has ended: every open request is ready.
    void finish();

    // The reader loop of the audit formats: pulls stages from `read` (Event: a stage; Skipped,
    // Failed, End as usual) until a request is ready, then maps it (K8sAuditEvent) into `event`.
    using StageSource = std::function<EventReader::Status(Stage &stage, ImportIssue &issue)>;
    EventReader::Status next(const StageSource &read, NormalizedEvent &event, const ReaderContext &context,
                             ImportIssue &issue);

    static constexpr qsizetype maxPending = 100000;

private:
    QHash<QString, Stage> m_open;
    std::deque<QString> m_order; // auditIDs of m_open, oldest first (may hold ids already closed)
    std::deque<Stage> m_ready;
    bool m_ended = false;
};

} // namespace tb
