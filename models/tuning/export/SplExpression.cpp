#include "SplExpression.h"

#include "ControlCharacters.h"

#include <QRegularExpression>

namespace tb {

namespace {

using Op = TargetTest::Op;
using PartKind = ValuePattern::Part::Kind;

bool testSearchable(const TargetTest &test) {
    if (test.op == Op::Regex)
        return false;
    if (test.op != Op::Match)
        return !hasControl(test.text);
    for (const ValuePattern::Part &part : test.pattern.parts) {
        if (part.kind == PartKind::AnyOne)
            return false;
        if (part.kind == PartKind::Literal && (part.text.contains(QLatin1Char('*')) || hasControl(part.text)))
            return false;
    }
    return true;
}

// The search command's wildcard form: '*' for every open end and AnyRun.
QString searchGlob(const ValuePattern &pattern) {
    QString glob = pattern.openStart ? QStringLiteral("*") : QString();
    for (const ValuePattern::Part &part : pattern.parts)
        glob += part.kind == PartKind::Literal ? part.text : QStringLiteral("*");
    if (pattern.openEnd)
        glob += QLatin1Char('*');
    return SplExpression::quoted(glob);
}

QString searchValue(const TargetTest &test) {
    switch (test.op) {
    case Op::Match:
        return searchGlob(test.pattern);
    case Op::NumberEquals:
        return test.text;
    default:
        return SplExpression::quoted(test.text);
    }
}

QString searchPredicate(const TargetPredicate &p) {
    const TargetTest &first = p.anyOf.first();
    if (first.op == Op::Exists)
        return p.field + QStringLiteral("=*");
    if (first.op == Op::Absent)
        return QStringLiteral("NOT ") + p.field + QStringLiteral("=*");
    if (p.anyOf.size() == 1)
        return p.field + QLatin1Char('=') + searchValue(first);
    QStringList values;
    for (const TargetTest &test : p.anyOf)
        values << searchValue(test);
    if (first.op != Op::Cidr)
        return p.field + QStringLiteral(" IN (") + values.join(QStringLiteral(", ")) + QLatin1Char(')');
    // Subnets as explicit terms: the search command documents CIDR matching for field=value.
    QStringList terms;
    for (const QString &value : values)
        terms << p.field + QLatin1Char('=') + value;
    return QLatin1Char('(') + terms.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

// Eval refers to a field by its bare name, or in single quotes when it has other characters.
QString evalField(const QString &name) {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return plain.match(name).hasMatch() ? name : QLatin1Char('\'') + name + QLatin1Char('\'');
}

// Every eval test is true or false, never null: a null inside NOT (...) would drop the event.
QString whereTest(const QString &field, const TargetTest &test) {
    const QString value = QStringLiteral("coalesce(%1, \"\")").arg(evalField(field));
    const QString nonEmpty = QStringLiteral("len(%1)>0").arg(value);
    const auto regexMatch = [&](const QString &regex) {
        return QStringLiteral("match(%1, %2)")
            .arg(value, SplExpression::quoted(QStringLiteral("(?i)") + regex));
    };
    switch (test.op) {
    case Op::Match:
        if (test.pattern.matchesEmpty())
            return QLatin1Char('(') + nonEmpty + QStringLiteral(" AND ") +
                   regexMatch(test.pattern.toRegex()) + QLatin1Char(')');
        return regexMatch(test.pattern.toRegex());
    case Op::Regex:
        return QLatin1Char('(') + nonEmpty + QStringLiteral(" AND ") +
               regexMatch(ValuePattern::regexWithoutControls(test.text)) + QLatin1Char(')');
    case Op::Cidr:
        return QStringLiteral("cidrmatch(%1, %2)").arg(SplExpression::quoted(test.text), value);
    case Op::Exists:
        return nonEmpty;
    case Op::Absent:
        return QStringLiteral("len(%1)=0").arg(value);
    case Op::NumberEquals:
        return QStringLiteral("coalesce(tostring(%1), \"\")=%2")
            .arg(evalField(field), SplExpression::quoted(test.text));
    }
    return {};
}

QString wherePredicate(const TargetPredicate &p) {
    QStringList tests;
    for (const TargetTest &test : p.anyOf)
        tests << whereTest(p.field, test);
    return tests.size() == 1 ? tests.first()
                             : QLatin1Char('(') + tests.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

template <typename Render> QString conjunction(const TargetCondition &condition, Render render) {
    QStringList terms;
    for (const TargetPredicate &p : condition.match)
        terms << render(p);
    if (!condition.filter.isEmpty()) {
        QStringList filter;
        for (const TargetPredicate &p : condition.filter)
            filter << render(p);
        terms << QStringLiteral("NOT (") + filter.join(QStringLiteral(" AND ")) + QLatin1Char(')');
    }
    return QLatin1Char('(') + terms.join(QStringLiteral(" AND ")) + QLatin1Char(')');
}

} // namespace

bool SplExpression::searchable(const TargetCondition &condition) {
    for (const auto *list : {&condition.match, &condition.filter})
        for (const TargetPredicate &p : *list)
            for (const TargetTest &test : p.anyOf)
                if (!testSearchable(test))
                    return false;
    return true;
}

QString SplExpression::searchTerm(const TargetCondition &condition) {
    return conjunction(condition, searchPredicate);
}

QString SplExpression::whereTerm(const TargetCondition &condition) {
    return conjunction(condition, wherePredicate);
}

QString SplExpression::filter(const QList<TargetCondition> &decisions) {
    QStringList search, where;
    for (const TargetCondition &d : decisions) {
        if (searchable(d))
            search << searchTerm(d);
        else
            where << whereTerm(d);
    }
    QStringList commands;
    if (!search.isEmpty())
        commands << QStringLiteral("search NOT (") + search.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    if (!where.isEmpty())
        commands << QStringLiteral("where NOT (") + where.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    return commands.join(QStringLiteral(" | "));
}

QString SplExpression::quoted(const QString &text) {
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('"');
}

} // namespace tb
