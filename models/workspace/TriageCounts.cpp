#include "TriageCounts.h"

#include "condition/ConditionSql.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "workspace/WorkspaceSettings.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tb {

TriageCounts TriageCounts::compute(Database &db) {
    TriageCounts counts;
    counts.total = db.queryInt(QStringLiteral("SELECT count(*) FROM events"));
    QHash<QString, qint64> perVerdict;
    Statement verdicts =
        db.prepare(QStringLiteral("SELECT verdict, count(*) FROM verdicts GROUP BY verdict"));
    while (verdicts.step()) {
        perVerdict.insert(verdicts.columnText(0), verdicts.columnInt64(1));
        counts.reviewed += verdicts.columnInt64(1);
    }
    for (Verdict verdict : allVerdicts)
        counts.byVerdict.append({verdict, perVerdict.value(verdictName(verdict))});
    counts.suppressed = countSuppressed(db);
    return counts;
}

qint64 TriageCounts::countSuppressed(Database &db) {
    const ConditionSettings settings = WorkspaceSettings::load(db);
    QStringList decisions;
    QVariantList parameters;
    Statement approved = db.prepare(
        QStringLiteral("SELECT id FROM decisions WHERE action = 'suppress' AND status = 'approved' AND "
                       "(expires_at IS NULL OR expires_at >= strftime('%Y-%m-%d', 'now'))"));
    Statement conditions = db.prepare(QStringLiteral(
        "SELECT field, modifiers, value_list FROM decision_conditions WHERE decision_id = ?1"));
    Statement scope =
        db.prepare(QStringLiteral("SELECT kind, value FROM decision_scope WHERE decision_id = ?1"));
    while (approved.step()) {
        const qint64 id = approved.columnInt64(0);
        Condition condition;
        bool valid = true;
        conditions.bind(1, id);
        while (conditions.step()) {
            const QString modifiers = conditions.columnText(1);
            const QString key =
                conditions.columnText(0) + (modifiers.isEmpty() ? QString() : QLatin1Char('|') + modifiers);
            QStringList values;
            for (const QJsonValue &value : QJsonDocument::fromJson(conditions.columnText(2).toUtf8()).array())
                values << value.toString();
            valid = valid && ConditionParser::addPredicate(key, values, condition.match, nullptr);
        }
        conditions.reset();
        if (!valid || condition.isEmpty())
            continue;
        QString sql = ConditionSql::compile(condition, settings, parameters);
        // Scope: the rule (any of its spellings) and the hosts it is limited to.
        QStringList rules, hosts;
        scope.bind(1, id);
        while (scope.step())
            (scope.columnText(0) == QLatin1String("rule") ? rules : hosts) << scope.columnText(1);
        scope.reset();
        if (!rules.isEmpty()) {
            sql +=
                QStringLiteral(
                    " AND events.rule_name COLLATE NOCASE IN (SELECT alias FROM rule_aliases WHERE rule_id "
                    "IN (%1) UNION SELECT title FROM rules WHERE id IN (%1))")
                    .arg(QStringList(rules.size(), QStringLiteral("?")).join(QLatin1Char(',')));
            for (int pass = 0; pass < 2; ++pass) {
                for (const QString &rule : rules)
                    parameters << rule;
            }
        }
        if (!hosts.isEmpty()) {
            sql += QStringLiteral(" AND events.host COLLATE NOCASE IN (%1)")
                       .arg(QStringList(hosts.size(), QStringLiteral("?")).join(QLatin1Char(',')));
            for (const QString &host : hosts)
                parameters << host;
        }
        decisions << QLatin1Char('(') + sql + QLatin1Char(')');
    }
    if (decisions.isEmpty())
        return 0;
    ConditionSql::registerFunctions(db);
    Statement count = db.prepare(QStringLiteral("SELECT count(*) FROM events WHERE ") +
                                 decisions.join(QStringLiteral(" OR ")));
    int index = 0;
    for (const QVariant &value : parameters)
        count.bind(++index, value);
    return count.step() ? count.columnInt64(0) : 0;
}

} // namespace tb
