#include "DecisionImpact.h"

#include "condition/ConditionSql.h"
#include "DecisionQuery.h"
#include "EventKeyIndex.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "workspace/WorkspaceSettings.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace tb {

namespace {

// 1 when the event's counter-evidence points add up to the strong threshold (summed once per
// explanation set when it is written).
QString strongCounterSql() {
    return QStringLiteral("coalesce(x.counter_points >= %1, 0)").arg(DecisionImpact::StrongCounterPoints);
}

// Rule and host come from the narrow event_keys: an indexed predicate then never reads an events row.
QString joins() {
    return QStringLiteral(" FROM events JOIN event_keys k ON k.event_id = events.id "
                          "LEFT JOIN verdicts v ON v.event_id = events.id "
                          "LEFT JOIN event_assessments a ON a.event_id = events.id "
                          "LEFT JOIN explanation_sets x ON x.id = a.set_id ");
}

void bindAll(Statement &statement, const QVariantList &parameters) {
    for (int i = 0; i < parameters.size(); ++i)
        statement.bind(i + 1, parameters[i]);
}

QList<ImpactBucket> sortedBuckets(const QHash<QString, qint64> &counts,
                                  const QHash<QString, QString> &labels = {}) {
    QList<ImpactBucket> buckets;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        buckets.append({it.key(), labels.value(it.key()), it.value()});
    std::sort(buckets.begin(), buckets.end(), [](const ImpactBucket &a, const ImpactBucket &b) {
        return a.events != b.events ? a.events > b.events : a.key < b.key;
    });
    return buckets;
}

QJsonArray bucketsJson(const QList<ImpactBucket> &buckets) {
    QJsonArray array;
    for (const ImpactBucket &b : buckets) {
        QJsonObject object{{QStringLiteral("key"), b.key}, {QStringLiteral("events"), b.events}};
        if (!b.label.isEmpty())
            object.insert(QStringLiteral("label"), b.label);
        array.append(object);
    }
    return array;
}

QString plural(qint64 n, const char *one, const char *many) {
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

bool DecisionImpactReport::isBlocked() const {
    return std::any_of(warnings.cbegin(), warnings.cend(), [](const ImpactWarning &w) {
        return w.severity == ImpactWarning::Severity::Blocking;
    });
}

QJsonObject DecisionImpactReport::toJson() const {
    QJsonArray warningArray;
    for (const ImpactWarning &w : warnings)
        warningArray.append(
            QJsonObject{{QStringLiteral("severity"), w.severity == ImpactWarning::Severity::Blocking
                                                         ? QStringLiteral("blocking")
                                                         : QStringLiteral("warning")},
                        {QStringLiteral("code"), w.code},
                        {QStringLiteral("message"), w.message},
                        {QStringLiteral("events"), w.events}});
    return {{QStringLiteral("matched"), matched},
            {QStringLiteral("already_suppressed"), alreadySuppressed},
            {QStringLiteral("workspace_events"), workspaceEvents},
            {QStringLiteral("workspace_hosts"), workspaceHosts},
            {QStringLiteral("true_positives"), truePositives},
            {QStringLiteral("strong_counter_evidence"), strongCounterEvidence},
            {QStringLiteral("blocked"), isBlocked()},
            {QStringLiteral("by_rule"), bucketsJson(byRule)},
            {QStringLiteral("by_host"), bucketsJson(byHost)},
            {QStringLiteral("by_verdict"), bucketsJson(byVerdict)},
            {QStringLiteral("warnings"), warningArray}};
}

QString DecisionImpactReport::toText() const {
    QString text = QStringLiteral("matches %1 of %2 events on %3 of %4 hosts, from %5\n")
                       .arg(matched)
                       .arg(workspaceEvents)
                       .arg(byHost.size())
                       .arg(workspaceHosts)
                       .arg(plural(byRule.size(), "rule", "rules"));
    if (alreadySuppressed > 0)
        text += QStringLiteral("%1 suppressed by approved decisions\n")
                    .arg(plural(alreadySuppressed, "event is", "events are"));
    auto section = [&text](const char *title, const QList<ImpactBucket> &buckets, int limit) {
        if (buckets.isEmpty())
            return;
        text += QLatin1String(title) + QStringLiteral(":\n");
        for (qsizetype i = 0; i < buckets.size() && i < limit; ++i) {
            text += QStringLiteral("  %1  %2").arg(buckets[i].events, 8).arg(buckets[i].key);
            if (!buckets[i].label.isEmpty())
                text += QStringLiteral("  (") + buckets[i].label + QLatin1Char(')');
            text += QLatin1Char('\n');
        }
        if (buckets.size() > limit)
            text += QStringLiteral("  … and %1 more\n").arg(buckets.size() - limit);
    };
    section("by rule", byRule, 20);
    section("by host", byHost, 10);
    section("by verdict", byVerdict, 10);
    for (const ImpactWarning &w : warnings)
        text += (w.severity == ImpactWarning::Severity::Blocking ? QStringLiteral("BLOCKING: ")
                                                                 : QStringLiteral("warning: ")) +
                w.message + QLatin1Char('\n');
    return text;
}

DecisionImpact::DecisionImpact(Database &db, const KnowledgeBase &kb)
    : m_db(db)
    , m_kb(kb) {}

void DecisionImpact::prepareConnection() {
    ConditionSql::registerFunctions(m_db);
    // A preview probes event_keys once per matching event: keep those pages in memory between
    // previews (SQLite's default is 2 MiB; the pages of a million events' keys are about 40 MiB).
    if (m_db.queryInt(QStringLiteral("PRAGMA cache_size")) > -CachePages)
        m_db.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(CachePages));
    EventKeyIndex(m_db, m_kb).updateIfStale();
}

void DecisionImpact::workspaceTotals(DecisionImpactReport &report) {
    const qint64 maxId = m_db.queryInt(QStringLiteral("SELECT coalesce(max(id), 0) FROM events"));
    if (maxId != m_totalsForMaxId) {
        m_totalEvents = m_db.queryInt(QStringLiteral("SELECT count(*) FROM events"));
        // DISTINCT in the index's collation walks the NOCASE host index instead of sorting every host.
        m_totalHosts = m_db.queryInt(QStringLiteral(
            "SELECT count(*) FROM (SELECT DISTINCT host COLLATE NOCASE FROM events WHERE host IS NOT NULL)"));
        // Only countAmong's cost estimate: a re-explain without new events leaves it a little off.
        m_strongEvents = m_db.queryInt(
            QStringLiteral("SELECT count(*) FROM explanation_sets x JOIN event_assessments a INDEXED BY "
                           "event_assessments_set ON a.set_id = x.id WHERE x.counter_points >= %1")
                .arg(StrongCounterPoints));
        m_totalsForMaxId = maxId;
    }
    report.workspaceEvents = m_totalEvents;
    report.workspaceHosts = m_totalHosts;
}

// The decision's events, counted by rule and host as they are read. SQLite's GROUP BY would sort
// every matching row first (a third of the time at 125,000 events); a hash on the raw UTF-8 counts
// them in the one pass over the condition's index and the narrow event_keys. Returns the events' ids,
// sorted, for the counts below.
std::vector<qint64> DecisionImpact::countByRuleAndHost(const QString &where, const QVariantList &parameters,
                                                       QHash<QString, qint64> &rules,
                                                       QHash<QString, QString> &ruleLabels,
                                                       QHash<QString, qint64> &hosts) {
    Statement query =
        m_db.prepare(QStringLiteral("SELECT events.id, k.rule_id, k.rule_name, k.host FROM events "
                                    "JOIN event_keys k ON k.event_id = events.id WHERE ") +
                     where);
    bindAll(query, parameters);
    // Keyed by the raw bytes: 0 + catalog rule id, or 1 + the event's own rule name (2 alone: none).
    QHash<QByteArray, qint64> ruleCounts, hostCounts;
    QByteArray ruleKey, hostKey;
    std::vector<qint64> ids;
    auto add = [](QHash<QByteArray, qint64> &counts, const QByteArray &key) {
        if (const auto it = counts.find(key); it != counts.end())
            ++*it;
        else
            counts.insert(key, 1);
    };
    while (query.step()) {
        ids.push_back(query.columnInt64(0));
        const std::string_view ruleId = query.columnUtf8(1);
        const std::string_view ruleName = query.columnUtf8(2);
        const std::string_view host = query.columnUtf8(3);
        ruleKey.resize(0);
        if (!ruleId.empty())
            ruleKey.append('0').append(ruleId.data(), qsizetype(ruleId.size()));
        else if (ruleName.data())
            ruleKey.append('1').append(ruleName.data(), qsizetype(ruleName.size()));
        else
            ruleKey.append('2');
        add(ruleCounts, ruleKey);
        hostKey.resize(0);
        if (host.data()) // NULL has the empty key, a host (even an empty one) '+' and its bytes
            hostKey.append('+').append(host.data(), qsizetype(host.size()));
        add(hostCounts, hostKey);
    }
    for (auto it = ruleCounts.cbegin(); it != ruleCounts.cend(); ++it) {
        const QString text = QString::fromUtf8(it.key().mid(1));
        QString rule = text;
        if (it.key().startsWith('0')) {
            if (const Rule *known = m_kb.rule(rule))
                ruleLabels.insert(rule, known->title);
        } else {
            rule = it.key().startsWith('1') ? text : QStringLiteral("(no rule)");
            ruleLabels.insert(rule, QStringLiteral("not in the rule catalog"));
        }
        rules[rule] += it.value();
    }
    for (auto it = hostCounts.cbegin(); it != hostCounts.cend(); ++it)
        hosts[it.key().isEmpty() ? QStringLiteral("(no host)") : QString::fromUtf8(it.key().mid(1))] +=
            it.value();
    std::sort(ids.begin(), ids.end());
    return ids;
}

// The verdicts of the decision's events: the few events one by one, many by a walk of the verdicts.
void DecisionImpact::countByVerdict(const std::vector<qint64> &ids, QHash<QString, qint64> &verdicts) {
    qint64 reviewed = 0;
    auto count = [&](Statement &query) {
        ++verdicts[query.columnText(0)];
        ++reviewed;
    };
    if (probesAreCheaper(ids, m_db.queryInt(QStringLiteral("SELECT count(*) FROM verdicts")))) {
        Statement probe = m_db.prepare(QStringLiteral("SELECT verdict FROM verdicts WHERE event_id = ?1"));
        for (const qint64 id : ids) {
            probe.reset();
            probe.bind(1, id);
            if (probe.step())
                count(probe);
        }
    } else {
        Statement walk = m_db.prepare(QStringLiteral("SELECT verdict, event_id FROM verdicts"));
        while (walk.step()) {
            if (std::binary_search(ids.begin(), ids.end(), walk.columnInt64(1)))
                count(walk);
        }
    }
    if (const qint64 unreviewed = qint64(ids.size()) - reviewed; unreviewed > 0)
        verdicts[QStringLiteral("unreviewed")] = unreviewed;
}

// How many of `ids` (sorted) are in a set of events: `probeSql` asks for one event (?1) and returns a
// row when it is in; `walkSql` lists the set's `setSize` events, each once.
qint64 DecisionImpact::countAmong(const std::vector<qint64> &ids, qint64 setSize, const QString &walkSql,
                                  const QString &probeSql) {
    if (ids.empty()) // setSize is an estimate only: never taken for "none"
        return 0;
    qint64 count = 0;
    if (probesAreCheaper(ids, setSize)) {
        Statement probe = m_db.prepare(probeSql);
        for (const qint64 id : ids) {
            probe.reset();
            probe.bind(1, id);
            count += probe.step() ? 1 : 0;
        }
    } else {
        Statement walk = m_db.prepare(walkSql);
        while (walk.step())
            count += std::binary_search(ids.begin(), ids.end(), walk.columnInt64(0)) ? 1 : 0;
    }
    return count;
}

// A probe (one B-tree search per event) costs about as much as reading ProbeCost rows in order.
bool DecisionImpact::probesAreCheaper(const std::vector<qint64> &ids, qint64 setSize) {
    return qint64(ids.size()) * ProbeCost < setSize;
}

DecisionImpactReport DecisionImpact::compute(const Condition &condition, const DecisionScope &scope) {
    DecisionImpactReport report;
    if (condition.isEmpty()) {
        report.error = QStringLiteral("the condition is empty: add at least one field predicate");
        return report;
    }
    try {
        prepareConnection();
        workspaceTotals(report);
        QVariantList parameters;
        const QString where = DecisionQuery::where(condition, scope, WorkspaceSettings::load(m_db),
                                                   parameters, QStringLiteral("k"));
        QHash<QString, qint64> rules, hosts, verdicts;
        QHash<QString, QString> ruleLabels;
        const std::vector<qint64> ids = countByRuleAndHost(where, parameters, rules, ruleLabels, hosts);
        report.matched = qint64(ids.size());
        countByVerdict(ids, verdicts);
        report.strongCounterEvidence = countAmong(
            ids, m_strongEvents,
            QStringLiteral("SELECT a.event_id FROM explanation_sets x JOIN event_assessments a INDEXED "
                           "BY event_assessments_set ON a.set_id = x.id WHERE x.counter_points >= %1")
                .arg(StrongCounterPoints),
            QStringLiteral("SELECT 1 FROM event_assessments a JOIN explanation_sets x ON x.id = "
                           "a.set_id WHERE a.event_id = ?1 AND x.counter_points >= %1")
                .arg(StrongCounterPoints));
        report.alreadySuppressed =
            countAmong(ids, m_db.queryInt(QStringLiteral("SELECT count(*) FROM event_suppressions")),
                       QStringLiteral("SELECT DISTINCT event_id FROM event_suppressions"),
                       QStringLiteral("SELECT 1 FROM event_suppressions WHERE event_id = ?1 LIMIT 1"));
        report.byRule = sortedBuckets(rules, ruleLabels);
        report.byHost = sortedBuckets(hosts);
        report.byVerdict = sortedBuckets(verdicts);
        report.truePositives = verdicts.value(QStringLiteral("true_positive"));

        using S = ImpactWarning::Severity;
        if (report.truePositives > 0)
            report.warnings.append({S::Blocking, QStringLiteral("true_positive"),
                                    QStringLiteral("it would hide %1 marked true positive")
                                        .arg(plural(report.truePositives, "event", "events")),
                                    report.truePositives});
        if (report.strongCounterEvidence > 0)
            report.warnings.append(
                {S::Blocking, QStringLiteral("strong_counter_evidence"),
                 QStringLiteral(
                     "it would hide %1 with strong counter-evidence (%2 or more counter-evidence points)")
                     .arg(plural(report.strongCounterEvidence, "event", "events"))
                     .arg(StrongCounterPoints),
                 report.strongCounterEvidence});
        if (const qint64 escalations = verdicts.value(QStringLiteral("needs_escalation")); escalations > 0)
            report.warnings.append({S::Warning, QStringLiteral("needs_escalation"),
                                    QStringLiteral("it would hide %1 awaiting escalation")
                                        .arg(plural(escalations, "event", "events")),
                                    escalations});
        const qint64 catalogRules = std::count_if(report.byRule.cbegin(), report.byRule.cend(),
                                                  [this](const ImpactBucket &b) { return m_kb.rule(b.key); });
        if (catalogRules >= BroadRuleCount)
            report.warnings.append(
                {S::Warning, QStringLiteral("many_rules"),
                 QStringLiteral("it is broad: its events come from %1 catalog rules").arg(catalogRules),
                 report.matched});
        const qint64 matchedHosts = hosts.size() - (hosts.contains(QStringLiteral("(no host)")) ? 1 : 0);
        if (report.workspaceHosts >= BroadMinimumHosts &&
            matchedHosts > BroadHostShare * report.workspaceHosts)
            report.warnings.append(
                {S::Warning, QStringLiteral("most_hosts"),
                 QStringLiteral("it is broad: it matches events on %1 of the workspace's %2 "
                                "hosts")
                     .arg(matchedHosts)
                     .arg(report.workspaceHosts),
                 report.matched});
        if (scope.ruleIds.isEmpty())
            report.warnings.append({S::Warning, QStringLiteral("every_rule"),
                                    QStringLiteral("it names no rule, so it applies to every rule"),
                                    report.matched});
        if (report.matched == 0)
            report.warnings.append({S::Warning, QStringLiteral("matches_nothing"),
                                    QStringLiteral("it matches no event of this workspace"), 0});
        report.ok = true;
    } catch (const StoreError &error) {
        report.error = error.message();
    }
    return report;
}

bool DecisionImpact::selectIds(const Condition &condition, const DecisionScope &scope, const QString &tail,
                               const QVariantList &tailParameters, QList<qint64> &ids, QString *error) {
    try {
        prepareConnection();
        QVariantList parameters;
        const QString where = DecisionQuery::where(condition, scope, WorkspaceSettings::load(m_db),
                                                   parameters, QStringLiteral("k"));
        parameters += tailParameters;
        Statement query = m_db.prepare(QStringLiteral("SELECT events.id") + joins() +
                                       QStringLiteral("WHERE ") + where + tail);
        bindAll(query, parameters);
        while (query.step())
            ids.append(query.columnInt64(0));
        return true;
    } catch (const StoreError &storeError) {
        if (error)
            *error = storeError.message();
        return false;
    }
}

bool DecisionImpact::eventIds(const Condition &condition, const DecisionScope &scope, qint64 afterId,
                              int limit, QList<qint64> &ids, QString *error) {
    return selectIds(condition, scope, QStringLiteral(" AND events.id > ? ORDER BY events.id LIMIT ?"),
                     {afterId, qint64(limit)}, ids, error);
}

bool DecisionImpact::blockingEventIds(const Condition &condition, const DecisionScope &scope, int limit,
                                      QList<qint64> &ids, QString *error) {
    return selectIds(condition, scope,
                     QStringLiteral(" AND (v.verdict = 'true_positive' OR %1 = 1) ORDER BY events.id LIMIT ?")
                         .arg(strongCounterSql()),
                     {qint64(limit)}, ids, error);
}

} // namespace tb
