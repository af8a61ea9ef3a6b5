#pragma once

#include "Decision.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>

#include <vector>

namespace tb {

class Database;
class KnowledgeBase;

// One group of the events a decision would affect.
struct ImpactBucket {
    QString key;   // catalog rule id (or the event's own rule name when unresolved), host, verdict
    QString label; // for people: the rule's title; empty when the key says it all
    qint64 events = 0;
};

struct ImpactWarning {
    enum class Severity { Blocking, Warning };
    Severity severity = Severity::Warning;
    QString code; // true_positive, strong_counter_evidence, needs_escalation, many_rules, most_hosts,
                  // every_rule, matches_nothing
    QString message;
    qint64 events = 0;
};

// What a decision would do to a workspace, as the impact preview shows it.
struct DecisionImpactReport {
    bool ok = false;
    QString error;
    qint64 matched = 0; // events the decision selects
    qint64 alreadySuppressed = 0;
    qint64 workspaceEvents = 0;
    qint64 workspaceHosts = 0;
    QList<ImpactBucket> byRule; // most events first
    QList<ImpactBucket> byHost;
    QList<ImpactBucket> byVerdict; // "unreviewed" for events without a verdict
    qint64 truePositives = 0;
    qint64 strongCounterEvidence = 0;
    QList<ImpactWarning> warnings; // blocking ones first

    bool isBlocked() const;
    QJsonObject toJson() const;
    QString toText() const;
};

// Counts a decision's events in a workspace with one pass of SQL over them (DecisionQuery; the NOCASE
// indexes serve equality and prefixes, |re goes through tb_regexp) and the small tables of verdicts,
// strong counter-evidence and suppressions, groups them by rule, host and verdict,
// and warns about what a reviewer must see before approving:
//  * blocking: it would hide an event marked true_positive, or one with strong counter-evidence:
//    the counter-evidence points of its explanation add up to StrongCounterPoints or more (one
//    indicator of weight 20+ such as an encoded command or a world-writable action path, or
//    several weaker ones together);
//  * warning: it would hide events awaiting escalation; it is broad (its events come from
//    BroadRuleCount or more catalog rules, or from more than BroadHostShare of the workspace's hosts
//    when the workspace has at least BroadMinimumHosts); it names no rule; it matches nothing.
class DecisionImpact final {
public:
    static constexpr int StrongCounterPoints = 20;
    static constexpr int BroadRuleCount = 4; // one detection in Sigma, Splunk and Elastic is 3
    static constexpr double BroadHostShare = 0.5;
    static constexpr int BroadMinimumHosts = 10;
    static constexpr int CachePages = 65536; // KiB of page cache the preview keeps on its connection
    static constexpr int ProbeCost = 8;      // rows read in order for the cost of one indexed probe

    // Registers the SQL functions on `db` and brings EventKeyIndex up to date when stale.
    DecisionImpact(Database &db, const KnowledgeBase &kb);

    DecisionImpactReport compute(const Condition &condition, const DecisionScope &scope);
    DecisionImpactReport compute(const Decision &decision) {
        return compute(decision.condition, decision.scope);
    }
    // The matching event ids in id order, after `afterId` (keyset paging); false + error on failure.
    bool eventIds(const Condition &condition, const DecisionScope &scope, qint64 afterId, int limit,
                  QList<qint64> &ids, QString *error);
    // The events that block approval (true positives, strong counter-evidence), at most `limit`.
    bool blockingEventIds(const Condition &condition, const DecisionScope &scope, int limit,
                          QList<qint64> &ids, QString *error);

private:
    void prepareConnection(); // SQL functions registered, event_keys current
    // Ids of the decision's events with `tail` (more conditions, order, limit) appended.
    bool selectIds(const Condition &condition, const DecisionScope &scope, const QString &tail,
                   const QVariantList &tailParameters, QList<qint64> &ids, QString *error);
    void workspaceTotals(DecisionImpactReport &report);
    std::vector<qint64> countByRuleAndHost(const QString &where, const QVariantList &parameters,
                                           QHash<QString, qint64> &rules, QHash<QString, QString> &ruleLabels,
                                           QHash<QString, qint64> &hosts);
    void countByVerdict(const std::vector<qint64> &ids, QHash<QString, qint64> &verdicts);
    qint64 countAmong(const std::vector<qint64> &ids, qint64 setSize, const QString &walkSql,
                      const QString &probeSql);
    static bool probesAreCheaper(const std::vector<qint64> &ids, qint64 setSize);

    Database &m_db;
    const KnowledgeBase &m_kb;
    // The workspace totals change only with imports: kept while the highest event id is the same.
    qint64 m_totalsForMaxId = -1;
    qint64 m_totalEvents = 0;
    qint64 m_totalHosts = 0;
    qint64 m_strongEvents = 0; // with strong counter-evidence
};

} // namespace tb
