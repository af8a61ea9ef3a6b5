#pragma once

#include "EventReader.h"

namespace tb {

class FlatJson;
struct NormalizedEvent;

// Maps one Kubernetes API-server audit event (`audit.k8s.io/v1` Event, flattened; FORMATS.md §8.3)
// onto the normalized fields: the user, the first source IP, the user agent, the object, the verb
// (also as task_operation; a server-side-apply `patch` answered 201 created the object), and for
// CronJobs and Jobs the schedule, the first container's image and command line, and the service
// account the pods run as. A denied request (403) is kept: its rule name says so.
class K8sAuditEvent final {
public:
    // False with issue.field/problem when the stage time is unreadable.
    static bool apply(const FlatJson &audit, NormalizedEvent &event, const TimeNormalizer &times,
                      ImportIssue &issue);
};

} // namespace tb
