#include "JsonReportExporter.h"

#include "ReportFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tb {

namespace {

QJsonValue textOrNull(const QString &text) {
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonArray predicates(const QList<FieldPredicate> &list) {
    QJsonArray out;
    for (const FieldPredicate &p : list) {
        QStringList modifiers = p.key().split(QLatin1Char('|'));
        modifiers.removeFirst(); // the field
        out.append(QJsonObject{{QStringLiteral("field"), eventFieldColumn(p.field)},
                               {QStringLiteral("modifiers"), QJsonArray::fromStringList(modifiers)},
                               {QStringLiteral("values"), QJsonArray::fromStringList(p.values)}});
    }
    return out;
}

} // namespace

bool JsonReportExporter::write(const ExportInput &input, QIODevice &device) {
    QJsonArray decisions;
    for (const Decision &d : input.decisions) {
        const ReportFields f = ReportFields::of(d, input);
        QJsonArray rules;
        for (qsizetype i = 0; i < f.rules.size(); ++i)
            rules.append(
                QJsonObject{{QStringLiteral("id"), f.rules[i]}, {QStringLiteral("title"), f.ruleTitles[i]}});
        decisions.append(QJsonObject{
            {QStringLiteral("id"), d.id},
            {QStringLiteral("title"), f.title},
            {QStringLiteral("status"), f.status},
            {QStringLiteral("action"), f.action},
            {QStringLiteral("exported"), f.exported},
            {QStringLiteral("export_state"), f.exportState},
            {QStringLiteral("impact"), input.impact.contains(d.id) ? QJsonValue(input.impact.value(d.id))
                                                                   : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("note_id"), textOrNull(f.noteId)},
            {QStringLiteral("note_text"), textOrNull(f.noteText)},
            {QStringLiteral("rationale"), f.rationale},
            {QStringLiteral("author"), f.author},
            {QStringLiteral("created_at"), textOrNull(f.createdAt)},
            {QStringLiteral("updated_at"), textOrNull(f.updatedAt)},
            {QStringLiteral("expires_at"), textOrNull(f.expiresAt)},
            {QStringLiteral("review_at"), textOrNull(f.reviewAt)},
            {QStringLiteral("scope"),
             QJsonObject{{QStringLiteral("rules"), rules},
                         {QStringLiteral("hosts"), QJsonArray::fromStringList(f.hosts)}}},
            {QStringLiteral("condition"),
             QJsonObject{{QStringLiteral("match"), predicates(d.condition.match)},
                         {QStringLiteral("filter"), predicates(d.condition.filter)}}}});
    }
    const QJsonObject root{{QStringLiteral("generator"), QStringLiteral("Tunebench")},
                           {QStringLiteral("date"), textOrNull(input.today.toString(Qt::ISODate))},
                           {QStringLiteral("decisions"), decisions}};
    return writeAll(device, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace tb
