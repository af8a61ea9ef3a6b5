// The condition language (models/condition): each line is either a CLI expression
// `field|modifier=value` (ConditionParser::fromExpressions, repeated keys OR their values) or a
// knowledge-base entry `field|modifier: value` / `field|modifier: ['a', 'b']` (addPredicate, as
// KnowledgeBase hands over the YAML). The conditions are compiled (wildcards, regexes, CIDRs,
// settings) and matched against events built from the same values.

#include "FuzzSupport.h"

#include "condition/ConditionMatcher.h"
#include "ingest/NormalizedEvent.h"

namespace {

QString unquote(QString text) {
    text = text.trimmed();
    if (text.size() >= 2 && (text.startsWith(QLatin1Char('\'')) || text.startsWith(QLatin1Char('"'))) &&
        text.endsWith(text[0]))
        text = text.mid(1, text.size() - 2);
    return text;
}

QStringList yamlValues(const QString &text) {
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(QLatin1Char('[')) || !trimmed.endsWith(QLatin1Char(']')))
        return {unquote(trimmed)};
    QStringList values;
    for (const QString &item : trimmed.mid(1, trimmed.size() - 2).split(QLatin1Char(',')))
        values << unquote(item);
    return values;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tb::Condition expressions;
    tb::Condition entries;
    QStringList cli;
    QStringList seen;
    QString error;
    for (QString line : tb::fuzz::lines(tb::fuzz::bytes(data, size))) {
        line = line.trimmed();
        if (line.startsWith(QLatin1String("- ")))
            line = line.mid(2);
        const qsizetype colon = line.indexOf(QLatin1String(": "));
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (colon > 0 && (eq < 0 || colon < eq)) {
            const QStringList values = yamlValues(line.mid(colon + 2));
            const bool filter = line.startsWith(QLatin1String("not "));
            tb::ConditionParser::addPredicate(line.left(colon).mid(filter ? 4 : 0), values,
                                              filter ? entries.filter : entries.match, &error);
            seen << values;
        } else if (eq > 0) {
            cli << line;
            seen << line.mid(eq + 1);
        }
    }
    tb::ConditionParser::fromExpressions(cli, expressions, &error);

    const tb::ConditionSettings settings{
        {QStringLiteral("admin_accounts"), {QStringLiteral("adm_*"), QStringLiteral("CORP\\jdoe")}},
        {QStringLiteral("management_servers"), {QStringLiteral("10.0.0.0/8"), QStringLiteral("srv-*")}},
        {QStringLiteral("trusted_software"), seen.mid(0, 4)}};
    QList<tb::LoweredEvent> events;
    for (const QString &value : seen.mid(0, 8)) {
        tb::NormalizedEvent event;
        for (QString &field : event.fields)
            field = value;
        events << tb::LoweredEvent::from(event);
    }
    events << tb::LoweredEvent::from(tb::NormalizedEvent());
    for (const tb::Condition *condition : {&expressions, &entries}) {
        (void)condition->toText().toUtf8();
        const tb::ConditionMatcher matcher(*condition, settings);
        for (const tb::LoweredEvent &event : events)
            (void)matcher.matches(event);
        (void)matcher.dependsOnMissingSetting();
    }
    for (const QString &value : seen.mid(0, 8)) {
        if (tb::hasWildcard(value))
            (void)tb::wildcardToRegex(value, true, false).toUtf8();
    }
    (void)error.toUtf8();
    return 0;
}
