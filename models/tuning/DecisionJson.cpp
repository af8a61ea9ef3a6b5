#include "DecisionJson.h"

#include <QJsonArray>

namespace tb {

namespace {

QJsonArray predicatesJson(const QList<FieldPredicate> &predicates) {
    QJsonArray array;
    for (const FieldPredicate &p : predicates)
        array.append(QJsonObject{{QStringLiteral("key"), p.key()},
                                 {QStringLiteral("values"), QJsonArray::fromStringList(p.values)}});
    return array;
}

QJsonValue dateJson(const std::optional<QDate> &date) {
    return date ? QJsonValue(date->toString(Qt::ISODate)) : QJsonValue();
}

} // namespace

QJsonObject decisionToJson(const Decision &d) {
    QJsonObject condition{{QStringLiteral("match"), predicatesJson(d.condition.match)}};
    if (!d.condition.filter.isEmpty())
        condition.insert(QStringLiteral("filter"), predicatesJson(d.condition.filter));
    return {{QStringLiteral("id"), d.id},
            {QStringLiteral("title"), d.title},
            {QStringLiteral("status"), decisionStatusName(d.status)},
            {QStringLiteral("action"), decisionActionName(d.action)},
            {QStringLiteral("verdict"), decisionVerdictName(d.verdict)},
            {QStringLiteral("note_id"), d.noteId.isEmpty() ? QJsonValue() : QJsonValue(d.noteId)},
            {QStringLiteral("rationale"), d.rationale},
            {QStringLiteral("author"), d.author},
            {QStringLiteral("created_at"), d.createdAt.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("updated_at"), d.updatedAt.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("expires_at"), dateJson(d.expiresAt)},
            {QStringLiteral("review_at"), dateJson(d.reviewAt)},
            {QStringLiteral("condition"), condition},
            {QStringLiteral("scope"),
             QJsonObject{{QStringLiteral("rules"), QJsonArray::fromStringList(d.scope.ruleIds)},
                         {QStringLiteral("hosts"), QJsonArray::fromStringList(d.scope.hosts)}}}};
}

} // namespace tb
