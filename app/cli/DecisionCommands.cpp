#include "DecisionCommands.h"

#include "audit/AuditLog.h"
#include "CliCommands.h"
#include "CliSupport.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Workspace.h"
#include "tuning/DecisionImpact.h"
#include "tuning/DecisionJson.h"
#include "tuning/DecisionStore.h"
#include "tuning/SuppressionIndex.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tb::cli {

namespace {

const QCommandLineOption
    ruleOption(QStringLiteral("rule"),
               QStringLiteral("A rule the decision tunes: catalog id (splunk:…, sigma:…, "
                              "elastic:…), title or alias. Repeatable; none means every rule."),
               QStringLiteral("rule"));
const QCommandLineOption whereOption(
    QStringLiteral("where"),
    QStringLiteral(
        "A field predicate, 'field|modifier=value' (modifiers contains, startswith, endswith, wildcard, re, "
        "cidr, exists, all; '*' and '?' are wildcards). Repeatable: different fields AND, a repeated "
        "field|modifier ORs its values."),
    QStringLiteral("predicate"));
const QCommandLineOption
    exceptOption(QStringLiteral("except"),
                 QStringLiteral("A predicate that excludes: events matching every --except are "
                                "left alone. Repeatable."),
                 QStringLiteral("predicate"));
const QCommandLineOption hostOption(QStringLiteral("host"),
                                    QStringLiteral("Only on this host (name or glob). Repeatable."),
                                    QStringLiteral("host"));
const QCommandLineOption
    analystOption(QStringLiteral("analyst"),
                  QStringLiteral("Analyst recorded in the audit log (default: the login)."),
                  QStringLiteral("name"));

// --rule, --where, --except and --host as a condition and a scope; prints the problem and sets
// `exitCode` when they are wrong.
bool readCondition(const QCommandLineParser &parser, Condition &condition, DecisionScope &scope,
                   int &exitCode) {
    QString error;
    if (!ConditionParser::fromExpressions(parser.values(whereOption), condition, &error)) {
        printError(QStringLiteral("--where %1").arg(error));
        exitCode = Usage;
        return false;
    }
    Condition except;
    if (!ConditionParser::fromExpressions(parser.values(exceptOption), except, &error)) {
        printError(QStringLiteral("--except %1").arg(error));
        exitCode = Usage;
        return false;
    }
    condition.filter = except.match;
    if (condition.isEmpty()) {
        printError(QStringLiteral("name at least one --where 'field|modifier=value'"));
        exitCode = Usage;
        return false;
    }
    const KnowledgeBase &kb = KnowledgeBase::builtIn();
    for (const QString &name : parser.values(ruleOption)) {
        const Rule *rule = kb.resolveRule(name, name, name);
        if (!rule) {
            printError(QStringLiteral("--rule %1: unknown rule (use a catalog id, title or alias of "
                                      "resources/knowledge/rules.yaml)")
                           .arg(name));
            exitCode = Failed;
            return false;
        }
        if (!scope.ruleIds.contains(rule->id))
            scope.ruleIds << rule->id;
    }
    scope.hosts = parser.values(hostOption);
    return true;
}

std::optional<QDate> readDate(const QCommandLineParser &parser, const QCommandLineOption &option, bool &ok) {
    ok = true;
    if (!parser.isSet(option))
        return std::nullopt;
    const QDate date = QDate::fromString(parser.value(option), Qt::ISODate);
    if (!date.isValid()) {
        printError(QStringLiteral("--%1 %2: not a date (YYYY-MM-DD)")
                       .arg(option.names().first(), parser.value(option)));
        ok = false;
    }
    return date;
}

void printDecisionText(const Decision &d) {
    out() << d.id << "  " << decisionStatusName(d.status) << "  " << decisionActionName(d.action) << "  "
          << d.title << "\n";
    for (const QString &line : d.condition.toText().split(QLatin1Char('\n')))
        out() << "    " << line << "\n";
    const KnowledgeBase &kb = KnowledgeBase::builtIn();
    for (const QString &rule : d.scope.ruleIds) {
        const Rule *known = kb.rule(rule);
        out() << "    rule: " << rule
              << (known ? QStringLiteral(" (") + known->title + QLatin1Char(')') : QString()) << "\n";
    }
    if (!d.scope.hosts.isEmpty())
        out() << "    hosts: " << d.scope.hosts.join(QStringLiteral(", ")) << "\n";
    if (d.scope.ruleIds.isEmpty())
        out() << "    rule: every rule\n";
    out() << "    " << decisionVerdictName(d.verdict)
          << (d.noteId.isEmpty() ? QString() : QStringLiteral(", note ") + d.noteId) << ", by " << d.author
          << " on " << d.createdAt.toString(Qt::ISODate)
          << (d.expiresAt ? QStringLiteral(", expires ") + d.expiresAt->toString(Qt::ISODate) : QString())
          << "\n";
    if (!d.rationale.isEmpty())
        out() << "    why: " << QString(d.rationale).replace(QLatin1Char('\n'), QLatin1Char(' ')) << "\n";
}

// Opens --db with its decisions current: expiry is due whenever decisions are looked at, and
// suppression marks follow new events.
bool openForDecisions(Workspace &workspace, const QCommandLineParser &parser) {
    if (!openWorkspace(workspace, parser))
        return false;
    DecisionStore store(workspace.database(), KnowledgeBase::builtIn());
    if (store.expireDue(QDate::currentDate(), QStringLiteral("tunebench")) < 0) {
        printError(store.errorString());
        return false;
    }
    QString error;
    if (!SuppressionIndex(workspace.database(), KnowledgeBase::builtIn()).updateIfStale(&error)) {
        printError(error);
        return false;
    }
    return true;
}

} // namespace

int runDecide(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Propose a tuning decision: events of these rules matching the condition are benign, because of this "
        "LoFP note. Prints its impact; --approve approves it unless the impact blocks it."));
    const QCommandLineOption verdict(
        QStringLiteral("verdict"),
        QStringLiteral("What the events are: fp (false positive, default) or btp "
                       "(benign true positive)."),
        QStringLiteral("verdict"), QStringLiteral("fp"));
    const QCommandLineOption note(QStringLiteral("note"),
                                  QStringLiteral("The LoFP note that explains the events (t1053-NN)."),
                                  QStringLiteral("id"));
    const QCommandLineOption rationale(
        QStringLiteral("rationale"), QStringLiteral("Why, in the analyst's words."), QStringLiteral("text"));
    const QCommandLineOption title(QStringLiteral("title"),
                                   QStringLiteral("A short name (default: the condition)."),
                                   QStringLiteral("text"));
    const QCommandLineOption action(QStringLiteral("action"),
                                    QStringLiteral("suppress (default) or lower_severity."),
                                    QStringLiteral("action"), QStringLiteral("suppress"));
    const QCommandLineOption expires(QStringLiteral("expires"), QStringLiteral("Expiry date (YYYY-MM-DD)."),
                                     QStringLiteral("date"));
    const QCommandLineOption review(QStringLiteral("review"), QStringLiteral("Review date (YYYY-MM-DD)."),
                                    QStringLiteral("date"));
    const QCommandLineOption approve(QStringLiteral("approve"), QStringLiteral("Approve it right away."));
    parser.addOptions({dbOption, jsonOption, ruleOption, whereOption, exceptOption, hostOption, verdict, note,
                       rationale, title, action, expires, review, approve, analystOption});
    if (!parse(parser, arguments))
        return Usage;
    Decision d;
    int exitCode = Ok;
    if (!readCondition(parser, d.condition, d.scope, exitCode))
        return exitCode;
    const auto verdictValue = decisionVerdictFromName(parser.value(verdict).toLower());
    if (!verdictValue) {
        printError(QStringLiteral("--verdict %1: use fp or btp (a true positive is never tuned away)")
                       .arg(parser.value(verdict)));
        return Usage;
    }
    const auto actionValue = decisionActionFromName(parser.value(action));
    if (!actionValue) {
        printError(QStringLiteral("--action %1: use suppress or lower_severity").arg(parser.value(action)));
        return Usage;
    }
    bool datesOk = true, reviewOk = true;
    d.expiresAt = readDate(parser, expires, datesOk);
    d.reviewAt = readDate(parser, review, reviewOk);
    if (!datesOk || !reviewOk)
        return Usage;
    d.verdict = *verdictValue;
    d.action = *actionValue;
    d.noteId = parser.value(note);
    d.rationale = parser.value(rationale);
    d.title = parser.value(title);
    const QString analyst =
        parser.isSet(analystOption) ? parser.value(analystOption) : AuditLog::currentActor();
    d.author = analyst;

    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;
    const KnowledgeBase &kb = KnowledgeBase::builtIn();
    DecisionStore store(workspace.database(), kb);
    const qint64 id = store.create(d, analyst);
    if (id == 0) {
        printError(store.errorString());
        return Failed;
    }
    bool approved = false;
    QString approvalError;
    if (parser.isSet(approve)) {
        approved = store.setStatus(id, DecisionStatus::Approved, analyst, d.rationale);
        approvalError = store.errorString();
    }
    Decision stored;
    store.load(id, stored);
    const DecisionImpactReport impact = DecisionImpact(workspace.database(), kb).compute(stored);
    if (parser.isSet(jsonOption)) {
        QJsonObject object = decisionToJson(stored);
        object.insert(QStringLiteral("impact"), impact.toJson());
        out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << "decision " << id << " " << decisionStatusName(stored.status) << "\n";
        printDecisionText(stored);
        out() << impact.toText();
    }
    out().flush();
    if (parser.isSet(approve) && !approved) {
        printError(approvalError + QStringLiteral(" (decision %1 stays proposed)").arg(id));
        return Failed;
    }
    return Ok;
}

int runImpact(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Preview what a condition would suppress: counts by rule, host and verdict, and warnings "
        "(BLOCKING: it would hide a true positive or an event with strong counter-evidence)."));
    const QCommandLineOption events(QStringLiteral("events"),
                                    QStringLiteral("Also list the first N matching event ids (default 0)."),
                                    QStringLiteral("n"), QStringLiteral("0"));
    parser.addOptions({dbOption, jsonOption, ruleOption, whereOption, exceptOption, hostOption, events});
    if (!parse(parser, arguments))
        return Usage;
    Condition condition;
    DecisionScope scope;
    int exitCode = Ok;
    if (!readCondition(parser, condition, scope, exitCode))
        return exitCode;
    bool countOk = false;
    const int listed = parser.value(events).toInt(&countOk);
    if (!countOk || listed < 0) {
        printError(QStringLiteral("--events takes a whole number"));
        return Usage;
    }
    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;
    DecisionImpact impact(workspace.database(), KnowledgeBase::builtIn());
    const DecisionImpactReport report = impact.compute(condition, scope);
    if (!report.ok) {
        printError(report.error);
        return Failed;
    }
    QList<qint64> ids;
    QString error;
    if (listed > 0 && !impact.eventIds(condition, scope, 0, listed, ids, &error)) {
        printError(error);
        return Failed;
    }
    if (parser.isSet(jsonOption)) {
        QJsonObject object = report.toJson();
        if (listed > 0) {
            QJsonArray array;
            for (const qint64 id : ids)
                array.append(id);
            object.insert(QStringLiteral("event_ids"), array);
        }
        out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << report.toText();
        if (listed > 0) {
            QStringList texts;
            for (const qint64 id : ids)
                texts << QString::number(id);
            out() << "events: " << texts.join(QStringLiteral(" ")) << "\n";
        }
    }
    return Ok;
}

int runDecisions(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List tuning decisions, newest first (decisions past their expiry date become expired)."));
    const QCommandLineOption status(
        QStringLiteral("status"),
        QStringLiteral("Only this status: proposed, approved, rejected, expired, retired."),
        QStringLiteral("status"));
    parser.addOptions({dbOption, jsonOption, status});
    if (!parse(parser, arguments))
        return Usage;
    std::optional<DecisionStatus> only;
    if (parser.isSet(status)) {
        only = decisionStatusFromName(parser.value(status));
        if (!only) {
            printError(QStringLiteral("--status %1: use proposed, approved, rejected, expired or retired")
                           .arg(parser.value(status)));
            return Usage;
        }
    }
    Workspace workspace;
    if (!openForDecisions(workspace, parser))
        return Failed;
    DecisionStore store(workspace.database(), KnowledgeBase::builtIn());
    QList<Decision> decisions;
    if (!store.list(decisions, only)) {
        printError(store.errorString());
        return Failed;
    }
    for (const Decision &d : decisions) {
        if (parser.isSet(jsonOption))
            out() << QJsonDocument(decisionToJson(d)).toJson(QJsonDocument::Compact) << '\n';
        else
            printDecisionText(d);
    }
    return Ok;
}

int runDecision(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Show one decision, or change its status: proposed → approved or rejected; approved → retired."));
    const QCommandLineOption id(QStringLiteral("id"), QStringLiteral("The decision."), QStringLiteral("n"));
    const QCommandLineOption approve(QStringLiteral("approve"),
                                     QStringLiteral("Approve it (refused while its impact "
                                                    "has a blocking warning)."));
    const QCommandLineOption reject(QStringLiteral("reject"), QStringLiteral("Reject it."));
    const QCommandLineOption retire(QStringLiteral("retire"), QStringLiteral("Retire it."));
    const QCommandLineOption why(QStringLiteral("why"), QStringLiteral("Recorded in the audit log."),
                                 QStringLiteral("text"));
    parser.addOptions({dbOption, jsonOption, id, approve, reject, retire, why, analystOption});
    if (!parse(parser, arguments))
        return Usage;
    bool idOk = false;
    const qint64 decisionId = parser.value(id).toLongLong(&idOk);
    if (!idOk || decisionId <= 0) {
        printError(QStringLiteral("--id N: the decision's number is required"));
        return Usage;
    }
    const int changes = int(parser.isSet(approve)) + int(parser.isSet(reject)) + int(parser.isSet(retire));
    if (changes > 1) {
        printError(QStringLiteral("choose one of --approve, --reject, --retire"));
        return Usage;
    }
    Workspace workspace;
    if (!openForDecisions(workspace, parser))
        return Failed;
    const KnowledgeBase &kb = KnowledgeBase::builtIn();
    DecisionStore store(workspace.database(), kb);
    if (changes == 1) {
        const DecisionStatus status = parser.isSet(approve)  ? DecisionStatus::Approved
                                      : parser.isSet(reject) ? DecisionStatus::Rejected
                                                             : DecisionStatus::Retired;
        const QString analyst =
            parser.isSet(analystOption) ? parser.value(analystOption) : AuditLog::currentActor();
        if (!store.setStatus(decisionId, status, analyst, parser.value(why))) {
            printError(store.errorString());
            return Failed;
        }
    }
    Decision d;
    if (!store.load(decisionId, d)) {
        printError(store.errorString());
        return Failed;
    }
    const DecisionImpactReport impact = DecisionImpact(workspace.database(), kb).compute(d);
    if (parser.isSet(jsonOption)) {
        QJsonObject object = decisionToJson(d);
        object.insert(QStringLiteral("impact"), impact.toJson());
        object.insert(
            QStringLiteral("suppressed_events"),
            workspace.database().queryInt(
                QStringLiteral("SELECT count(*) FROM event_suppressions WHERE decision_id = %1").arg(d.id)));
        out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    } else {
        printDecisionText(d);
        out() << impact.toText();
    }
    return Ok;
}

} // namespace tb::cli
