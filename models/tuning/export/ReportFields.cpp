#include "ReportFields.h"

#include "ControlCharacters.h"

#include "knowledge/KnowledgeBase.h"

namespace tb {

namespace {

QString yamlScalar(const QString &value) {
    if (!hasControl(value))
        return QLatin1Char('\'') + QString(value).replace(QLatin1Char('\''), QLatin1String("''")) +
               QLatin1Char('\'');
    return QLatin1Char('"') + backslashEscaped(value, QStringLiteral("\\\""), false) + QLatin1Char('"');
}

} // namespace

QString ReportFields::conditionText(const Condition &condition) {
    QStringList lines;
    const auto add = [&lines](const QList<FieldPredicate> &predicates, const QString &prefix) {
        for (const FieldPredicate &p : predicates) {
            QStringList quoted;
            for (const QString &v : p.values) // an |expand placeholder as written
                quoted << yamlScalar(v);
            lines << prefix + p.key() + QStringLiteral(": ") +
                         (quoted.size() == 1
                              ? quoted.first()
                              : QLatin1Char('[') + quoted.join(QStringLiteral(", ")) + QLatin1Char(']'));
        }
    };
    add(condition.match, QString());
    add(condition.filter, QStringLiteral("not "));
    return lines.join(QLatin1Char('\n'));
}

ReportFields ReportFields::of(const Decision &d, const ExportInput &input) {
    const KnowledgeBase &kb = input.knowledgeBase();
    ReportFields f;
    f.id = QString::number(d.id);
    f.title = d.title;
    f.status = decisionStatusName(d.status);
    f.action = decisionActionName(d.action);
    f.exportState = input.siemState(d);
    f.exported = f.exportState == QLatin1String("exported");
    f.noteId = d.noteId;
    if (const Note *note = kb.note(d.noteId))
        f.noteText = note->text;
    f.rationale = d.rationale;
    f.author = d.author;
    f.createdAt = d.createdAt.isValid() ? d.createdAt.toUTC().toString(Qt::ISODate) : QString();
    f.updatedAt = d.updatedAt.isValid() ? d.updatedAt.toUTC().toString(Qt::ISODate) : QString();
    f.expiresAt = d.expiresAt ? d.expiresAt->toString(Qt::ISODate) : QString();
    f.reviewAt = d.reviewAt ? d.reviewAt->toString(Qt::ISODate) : QString();
    f.rules = d.scope.ruleIds;
    for (const QString &id : d.scope.ruleIds) {
        const Rule *rule = kb.rule(id);
        f.ruleTitles << (rule ? rule->title : id);
    }
    f.hosts = d.scope.hosts;
    f.condition = conditionText(d.condition);
    if (input.impact.contains(d.id))
        f.impact = QString::number(input.impact.value(d.id));
    return f;
}

} // namespace tb
