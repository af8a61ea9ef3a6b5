#include "K8sAuditEvent.h"

#include "FieldNormalizer.h"
#include "JsonFlattener.h"
#include "NormalizedEvent.h"

#include <simdjson.h>

namespace tb {

namespace {

QString text(std::string_view view) {
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

QString operation(const QString &verb, const QString &code) {
    if (verb == QLatin1String("create") || (verb == QLatin1String("patch") && code == QLatin1String("201")))
        return QStringLiteral("created"); // server-side apply creates objects with a patch (K8S-2)
    if (verb == QLatin1String("update") || verb == QLatin1String("patch"))
        return QStringLiteral("updated");
    if (verb == QLatin1String("delete") || verb == QLatin1String("deletecollection"))
        return QStringLiteral("deleted");
    return {};
}

// The pod template's first container: image, and command + args as one command line.
struct Container {
    QString image;
    QString commandLine;
};

// The containers of a pod spec's "containers" or "initContainers" list (flattened to JSON text).
QList<Container> containersOf(const QString &containersJson) {
    QList<Container> result;
    if (!containersJson.startsWith(QLatin1Char('[')))
        return result;
    thread_local simdjson::dom::parser parser;
    const QByteArray bytes = containersJson.toUtf8();
    simdjson::dom::array containers;
    if (parser.parse(bytes.constData(), size_t(bytes.size()), true).get(containers) != simdjson::SUCCESS)
        return result;
    for (const simdjson::dom::element element : containers) {
        Container container;
        std::string_view image;
        if (element["image"].get(image) == simdjson::SUCCESS)
            container.image = text(image);
        QStringList words;
        for (const char *key : {"command", "args"}) {
            simdjson::dom::array list;
            if (element[key].get(list) != simdjson::SUCCESS)
                continue;
            for (simdjson::dom::element word : list) {
                std::string_view w;
                if (word.get(w) == simdjson::SUCCESS)
                    words << text(w);
            }
        }
        container.commandLine = words.join(QLatin1Char(' '));
        result.append(container);
    }
    return result;
}

// What a container other than the first runs, for task_other_actions: its command, else its image
// (a sidecar's entrypoint is the image's own).
QString otherAction(const Container &container) {
    return container.commandLine.isEmpty() ? container.image : container.commandLine;
}

} // namespace

bool K8sAuditEvent::apply(const FlatJson &audit, NormalizedEvent &event, const TimeNormalizer &times,
                          ImportIssue &issue) {
    const char *timeKey =
        audit.contains(QStringLiteral("stageTimestamp")) ? "stageTimestamp" : "requestReceivedTimestamp";
    if (const QString problem = normalize::assign(event, EventField::TimeUtc, audit.value(timeKey), times);
        !problem.isEmpty()) {
        issue.field = QLatin1String(timeKey);
        issue.problem = problem;
        return false;
    }
    const QString verb = audit.value("verb");
    const QString resource = audit.value("objectRef.resource");
    const QString subresource = audit.value("objectRef.subresource");
    const QString ns = audit.value("objectRef.namespace");
    const QString code = audit.value("responseStatus.code");
    QString name =
        audit.first({"objectRef.name", "responseObject.metadata.name", "requestObject.metadata.name"});

    event.identity = audit.value("auditID");
    event.set(EventField::RecordId, event.identity);
    event.set(EventField::EventCode, verb);
    event.set(EventField::K8sVerb, verb);
    event.set(EventField::K8sNamespace, ns);
    event.set(EventField::K8sResource,
              subresource.isEmpty() ? resource : resource + QLatin1Char('/') + subresource);
    event.set(EventField::UserAgent, audit.value("userAgent"));
    event.set(EventField::SourceIp, JsonFlattener::stringList(audit.value("sourceIPs")).value(0));
    normalize::setUser(event, audit.value("user.username"));
    event.set(EventField::Platform, QStringLiteral("kubernetes"));
    event.set(EventField::RuleSource, QStringLiteral("raw"));
    QString rule = QStringLiteral("Kubernetes %1 %2").arg(verb, resource);
    if (code.toInt() >= 400) // a denied attempt is evidence too
        rule += QStringLiteral(" denied (%1)")
                    .arg(QString(code + QLatin1Char(' ') + audit.value("responseStatus.reason")).trimmed());
    event.set(EventField::RuleName, rule.trimmed());

    // The scheduled object: CronJobs (and the Jobs they or people start).
    if (resource == QLatin1String("cronjobs") || resource == QLatin1String("jobs")) {
        event.set(EventField::TaskOperation, operation(verb, code));
        if (!name.isEmpty())
            event.set(EventField::TaskName, ns.isEmpty() ? name : ns + QLatin1Char('/') + name);
        if (const QString schedule = audit.value("requestObject.spec.schedule"); !schedule.isEmpty())
            event.set(EventField::TaskTrigger, QStringLiteral("cron(%1)").arg(schedule));
        const bool cronJob = resource == QLatin1String("cronjobs");
        for (const char *object : {"requestObject", "responseObject"}) {
            const QString pod =
                QLatin1String(object) + (cronJob ? QStringLiteral(".spec.jobTemplate.spec.template.spec.")
                                                 : QStringLiteral(".spec.template.spec."));
            // The first container is the task's action; sidecars and init containers run too.
            QList<Container> containers = containersOf(audit.value(pod + QStringLiteral("containers")));
            const Container first = containers.isEmpty() ? Container() : containers.takeFirst();
            containers << containersOf(audit.value(pod + QStringLiteral("initContainers")));
            event.setIfEmpty(EventField::ContainerImage, first.image);
            event.setIfEmpty(EventField::TaskAction, first.commandLine);
            QStringList others;
            for (const Container &container : containers)
                others << otherAction(container);
            others.removeAll(QString());
            event.setIfEmpty(EventField::TaskOtherActions, others.join(QLatin1Char('\n')));
            normalize::setRunAs(event, audit.value(pod + QStringLiteral("serviceAccountName")));
        }
    }
    return true;
}

} // namespace tb
