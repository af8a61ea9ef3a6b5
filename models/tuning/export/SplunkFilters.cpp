#include "SplunkFilters.h"

#include "ControlCharacters.h"
#include "knowledge/KnowledgeBase.h"
#include "SplExpression.h"

#include <QMap>

namespace tb {

std::optional<QList<SplunkDetectionFilter>> SplunkFilters::build(const ExportInput &input, QString *error) {
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QMap<QString, SplunkDetectionFilter> byMacro;
    QHash<const Decision *, TargetCondition> conditions;
    for (const Decision *decision : input.siemDecisions()) {
        const QStringList ruleIds = input.rulesOf(*decision, QStringLiteral("splunk"));
        if (ruleIds.isEmpty())
            continue;
        QString why;
        const auto condition = TargetCondition::lower(*decision, FieldDialect::SplunkCim, input, &why);
        if (!condition)
            return fail(QStringLiteral("Splunk: ") + why);
        conditions.insert(decision, *condition);
        for (const QString &ruleId : ruleIds) {
            const Rule *rule = input.knowledgeBase().rule(ruleId);
            if (!rule || rule->filterMacro.isEmpty()) {
                if (decision->scope.ruleIds.isEmpty())
                    continue; // "every rule": only the ESCU detections that have a filter macro
                return fail(
                    QStringLiteral("Splunk: %1: rule %2 is not an ESCU detection of the knowledge base, "
                                   "so its filter macro is unknown")
                        .arg(decisionLabel(*decision), ruleId));
            }
            SplunkDetectionFilter &filter = byMacro[rule->filterMacro];
            filter.macro = rule->filterMacro;
            filter.ruleId = rule->id;
            filter.title = rule->title;
            if (!filter.decisions.contains(decision))
                filter.decisions << decision;
        }
    }
    QList<SplunkDetectionFilter> filters;
    for (SplunkDetectionFilter &filter : byMacro) {
        QList<TargetCondition> terms;
        for (const Decision *d : filter.decisions)
            terms << conditions.value(d);
        filter.definition = SplExpression::filter(terms);
        filters << filter;
    }
    return filters;
}

QString SplunkFilters::confText(const QString &text) {
    QString line = singleLine(text);
    if (line.endsWith(QLatin1Char('\\')))
        line += QStringLiteral(" (end)");
    return line;
}

} // namespace tb
