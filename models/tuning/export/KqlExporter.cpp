#include "KqlExporter.h"

#include "ControlCharacters.h"

#include "knowledge/KnowledgeBase.h"
#include "TargetCondition.h"

namespace tb {

namespace {

using Op = TargetTest::Op;

QString regexTest(const QString &field, const QString &regex) {
    return QStringLiteral("%1 matches regex %2")
        .arg(field, KqlExporter::stringLiteral(QStringLiteral("(?i)") + regex));
}

// KQL's string operators ignore case like the condition language; wildcards need a regex.
QString kqlTest(const QString &field, const TargetTest &t) {
    switch (t.op) {
    case Op::Match: {
        const ValuePattern &p = t.pattern;
        if (p.hasWildcard() || p.parts.isEmpty()) {
            const QString test = regexTest(field, p.toRegex());
            return p.matchesEmpty() ? QStringLiteral("(isnotempty(%1) and %2)").arg(field, test) : test;
        }
        const QString value = KqlExporter::stringLiteral(p.literalText());
        if (p.openStart && p.openEnd)
            return QStringLiteral("%1 contains %2").arg(field, value);
        if (p.openStart)
            return QStringLiteral("%1 endswith %2").arg(field, value);
        if (p.openEnd)
            return QStringLiteral("%1 startswith %2").arg(field, value);
        return QStringLiteral("%1 =~ %2").arg(field, value);
    }
    case Op::Regex:
        return QStringLiteral("(isnotempty(%1) and %2)")
            .arg(field, regexTest(field, ValuePattern::regexWithoutControls(t.text)));
    case Op::Cidr:
        return QStringLiteral("%1(%2, %3)")
            .arg(t.text.contains(QLatin1Char(':')) ? QStringLiteral("ipv6_is_in_range")
                                                   : QStringLiteral("ipv4_is_in_range"),
                 field, KqlExporter::stringLiteral(t.text));
    case Op::Exists:
        return QStringLiteral("isnotempty(%1)").arg(field);
    case Op::Absent:
        return QStringLiteral("isempty(%1)").arg(field);
    case Op::NumberEquals:
        return QStringLiteral("%1 == %2").arg(field, t.text);
    }
    return {};
}

bool isPlainEquality(const TargetTest &t) {
    return t.op == Op::Match && !t.pattern.openStart && !t.pattern.openEnd && !t.pattern.hasWildcard() &&
           !t.pattern.parts.isEmpty();
}

QString kqlPredicate(const TargetPredicate &p) {
    QStringList tests, equal;
    for (const TargetTest &t : p.anyOf) {
        if (isPlainEquality(t))
            equal << KqlExporter::stringLiteral(t.pattern.literalText());
        else
            tests << kqlTest(p.field, t);
    }
    if (equal.size() == 1)
        tests.prepend(QStringLiteral("%1 =~ %2").arg(p.field, equal.first()));
    else if (equal.size() > 1)
        tests.prepend(QStringLiteral("%1 in~ (%2)").arg(p.field, equal.join(QStringLiteral(", "))));
    return tests.size() == 1 ? tests.first()
                             : QLatin1Char('(') + tests.join(QStringLiteral(" or ")) + QLatin1Char(')');
}

QString kqlCondition(const TargetCondition &c) {
    QStringList terms;
    for (const TargetPredicate &p : c.match)
        terms << kqlPredicate(p);
    if (!c.filter.isEmpty()) {
        QStringList filter;
        for (const TargetPredicate &p : c.filter)
            filter << kqlPredicate(p);
        terms << QStringLiteral("not(") + filter.join(QStringLiteral(" and ")) + QLatin1Char(')');
    }
    return terms.size() == 1 ? terms.first()
                             : QLatin1Char('(') + terms.join(QStringLiteral(" and ")) + QLatin1Char(')');
}

QString comment(const QString &text) {
    return QStringLiteral("// ") + singleLine(text);
}

QString tableOf(FieldDialect dialect) {
    switch (dialect) {
    case FieldDialect::KqlSecurityEvent:
        return QStringLiteral("SecurityEvent");
    case FieldDialect::KqlDeviceEvents:
        return QStringLiteral("DeviceEvents");
    case FieldDialect::KqlAksAudit:
        return QStringLiteral("AKSAudit");
    default:
        return QStringLiteral("DeviceProcessEvents");
    }
}

struct RuleClause {
    QString ruleId; // empty: every rule
    QList<const Decision *> decisions;
};

} // namespace

QString KqlExporter::stringLiteral(const QString &text) {
    if (text.contains(QLatin1Char('\\')) && !hasControl(text)) {
        QString verbatim = text;
        verbatim.replace(QLatin1Char('"'), QLatin1String("\"\""));
        return QStringLiteral("@\"") + verbatim + QLatin1Char('"');
    }
    // KQL documents \\, \", \n and \t escapes (and needs \r escaped); other characters stay as they are.
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            out += controlEscape(c, false);
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

bool KqlExporter::write(const ExportInput &input, QIODevice &device) {
    const KnowledgeBase &kb = input.knowledgeBase();
    QList<RuleClause> clauses;
    const auto clauseFor = [&clauses](const QString &ruleId) -> RuleClause & {
        for (RuleClause &c : clauses)
            if (c.ruleId == ruleId)
                return c;
        clauses.append({ruleId, {}});
        return clauses.last();
    };
    for (const Decision *d : input.siemDecisions()) {
        if (d->scope.ruleIds.isEmpty())
            clauseFor(QString()).decisions << d;
        for (const QString &ruleId : d->scope.ruleIds)
            clauseFor(ruleId).decisions << d;
    }
    QString text =
        QStringLiteral("// KQL written by Tunebench from the approved tuning decisions, for Microsoft "
                       "Sentinel and Defender XDR.\n"
                       "// Append each clause to the query of the analytics rule named above it.\n");
    if (clauses.isEmpty())
        text += QStringLiteral("// No approved decision to export.\n");
    for (const RuleClause &clause : clauses) {
        QString errors;
        // The first table that can express every decision of the rule.
        for (const FieldDialect dialect :
             {FieldDialect::KqlDeviceProcessEvents, FieldDialect::KqlSecurityEvent,
              FieldDialect::KqlDeviceEvents, FieldDialect::KqlAksAudit}) {
            QStringList terms;
            QString why;
            for (const Decision *d : clause.decisions) {
                const auto condition = TargetCondition::lower(*d, dialect, input, &why);
                if (!condition)
                    break;
                terms << kqlCondition(*condition);
            }
            if (terms.size() != clause.decisions.size()) {
                errors += (errors.isEmpty() ? QString() : QStringLiteral("; ")) + why;
                continue;
            }
            const Rule *rule = kb.rule(clause.ruleId);
            const QString ruleName = clause.ruleId.isEmpty() ? QStringLiteral("every rule")
                                     : rule ? QStringLiteral("%1 (%2)").arg(rule->title, rule->id)
                                            : clause.ruleId;
            const QString table = tableOf(dialect);
            text += QLatin1Char('\n') + comment(QStringLiteral("Rule: %1, table %2").arg(ruleName, table)) +
                    QLatin1Char('\n');
            for (const Decision *d : clause.decisions)
                text += comment(QStringLiteral("decision %1: %2").arg(QString::number(d->id), d->title)) +
                        QLatin1Char('\n');
            text +=
                QStringLiteral("| where not(") + terms.join(QStringLiteral(" or ")) + QStringLiteral(")\n");
            errors.clear();
            break;
        }
        if (!errors.isEmpty())
            return fail(QStringLiteral("KQL: ") + errors);
    }
    return writeAll(device, text);
}

} // namespace tb
