#include "Condition.h"

#include <algorithm>

namespace tb {

namespace {

QString kindName(FieldPredicate::Kind kind) {
    switch (kind) {
    case FieldPredicate::Kind::Contains:
        return QStringLiteral("contains");
    case FieldPredicate::Kind::StartsWith:
        return QStringLiteral("startswith");
    case FieldPredicate::Kind::EndsWith:
        return QStringLiteral("endswith");
    case FieldPredicate::Kind::Regex:
        return QStringLiteral("re");
    case FieldPredicate::Kind::Cidr:
        return QStringLiteral("cidr");
    case FieldPredicate::Kind::Exists:
        return QStringLiteral("exists");
    case FieldPredicate::Kind::Equals:
        break;
    }
    return {};
}

} // namespace

QString FieldPredicate::key() const {
    QString text = eventFieldColumn(field);
    if (const QString kind = kindName(this->kind); !kind.isEmpty())
        text += QLatin1Char('|') + kind;
    if (all)
        text += QStringLiteral("|all");
    if (!settingName.isEmpty())
        text += QStringLiteral("|expand");
    return text;
}

QString FieldPredicate::placeholder() const {
    return settingName.isEmpty() ? QString() : QLatin1Char('%') + settingName + QLatin1Char('%');
}

QStringList predicateValues(const FieldPredicate &predicate, const ConditionSettings &settings) {
    if (predicate.settingName.isEmpty())
        return predicate.values;
    const QStringList expanded = settings.value(predicate.settingName);
    if (expanded.isEmpty())
        return {};
    const QString placeholder = predicate.placeholder();
    QStringList values;
    for (const QString &v : predicate.values) {
        if (v == placeholder)
            values << expanded;
        else
            values << v;
    }
    return values;
}

QString Condition::toText() const {
    QStringList lines;
    auto describe = [&lines](const QList<FieldPredicate> &predicates, const QString &prefix) {
        for (const FieldPredicate &p : predicates)
            lines << prefix + p.key() + QStringLiteral(": ") + p.values.join(QStringLiteral(", "));
    };
    describe(match, QString());
    describe(filter, QStringLiteral("not "));
    return lines.join(QLatin1Char('\n'));
}

bool ConditionParser::addPredicate(const QString &key, const QStringList &values, QList<FieldPredicate> &into,
                                   QString *error) {
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(key, why);
        return false;
    };
    const QStringList parts = key.split(QLatin1Char('|'));
    const auto field = eventFieldByColumn(parts.first().trimmed());
    if (!field)
        return fail(QStringLiteral("\"%1\" is not an event field").arg(parts.first()));
    FieldPredicate predicate;
    predicate.field = *field;
    bool expand = false;
    bool wildcard = false;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString modifier = parts[i].trimmed().toLower();
        using K = FieldPredicate::Kind;
        if (modifier == QLatin1String("contains"))
            predicate.kind = K::Contains;
        else if (modifier == QLatin1String("startswith"))
            predicate.kind = K::StartsWith;
        else if (modifier == QLatin1String("endswith"))
            predicate.kind = K::EndsWith;
        else if (modifier == QLatin1String("re"))
            predicate.kind = K::Regex;
        else if (modifier == QLatin1String("cidr"))
            predicate.kind = K::Cidr;
        else if (modifier == QLatin1String("exists"))
            predicate.kind = K::Exists;
        else if (modifier == QLatin1String("all"))
            predicate.all = true;
        else if (modifier == QLatin1String("expand"))
            expand = true;
        else if (modifier == QLatin1String("wildcard"))
            wildcard = true;
        else
            return fail(
                QStringLiteral("unknown modifier \"%1\" (contains, startswith, endswith, wildcard, re, cidr, "
                               "exists, all, expand)")
                    .arg(modifier));
    }
    if (values.isEmpty())
        return fail(QStringLiteral("no value"));
    // '*' and '?' are wildcards in every plain value (as in Sigma); |wildcard only says so
    // explicitly, so it cannot be combined with the modifiers whose values are not globs.
    using K = FieldPredicate::Kind;
    if (wildcard && (predicate.kind == K::Regex || predicate.kind == K::Cidr || predicate.kind == K::Exists))
        return fail(QStringLiteral("|wildcard does not combine with |re, |cidr or |exists"));
    if (predicate.kind != K::Exists &&
        std::any_of(values.cbegin(), values.cend(), [](const QString &v) { return v.isEmpty(); }))
        return fail(QStringLiteral("empty value (an absent field is field|exists=false)"));
    if (expand) {
        // One '%setting_name%' value, and literal values beside it if need be (a setting's networks
        // and the loopback ones).
        const auto isPlaceholder = [](const QString &v) {
            return v.size() >= 3 && v.startsWith(QLatin1Char('%')) && v.endsWith(QLatin1Char('%'));
        };
        if (std::count_if(values.cbegin(), values.cend(), isPlaceholder) != 1)
            return fail(QStringLiteral("|expand takes one '%setting_name%' value"));
        const QString placeholder = *std::find_if(values.cbegin(), values.cend(), isPlaceholder);
        predicate.settingName = placeholder.mid(1, placeholder.size() - 2);
    }
    if (predicate.kind == FieldPredicate::Kind::Exists) {
        const QString v = values[0].toLower();
        if (values.size() != 1 || (v != QLatin1String("true") && v != QLatin1String("false")))
            return fail(QStringLiteral("|exists takes true or false"));
    }
    predicate.values = values;
    into.append(predicate);
    return true;
}

bool ConditionParser::fromExpressions(const QStringList &expressions, Condition &condition, QString *error) {
    // Collect values per key first so that repeated keys OR their values.
    QList<QPair<QString, QStringList>> grouped;
    for (const QString &expression : expressions) {
        const qsizetype eq = expression.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (error)
                *error = QStringLiteral("%1: expected field|modifier=value").arg(expression);
            return false;
        }
        const QString key = expression.left(eq).trimmed();
        const QString value = expression.mid(eq + 1);
        auto it =
            std::find_if(grouped.begin(), grouped.end(), [&key](const auto &g) { return g.first == key; });
        if (it == grouped.end())
            grouped.append({key, {value}});
        else
            it->second.append(value);
    }
    for (const auto &[key, values] : grouped) {
        if (!addPredicate(key, values, condition.match, error))
            return false;
    }
    return true;
}

} // namespace tb
