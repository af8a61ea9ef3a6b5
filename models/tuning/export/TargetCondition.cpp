#include "TargetCondition.h"

#include "ExportInput.h"
#include "tuning/Decision.h"

#include <QRegularExpression>

namespace tb {

namespace {

using PK = FieldPredicate::Kind;

QString modifierWords(const FieldPredicate &p) {
    const QString key = p.key();
    const qsizetype bar = key.indexOf(QLatin1Char('|'));
    return bar < 0 ? QStringLiteral("equality") : QStringLiteral("|") + key.mid(bar + 1);
}

ValuePattern prefixed(const ValuePattern &pattern, const QString &prefix) {
    ValuePattern out = pattern;
    out.openStart = true;
    if (!out.parts.isEmpty() && out.parts.first().kind == ValuePattern::Part::Kind::Literal)
        out.parts.first().text.prepend(prefix);
    else
        out.parts.prepend({ValuePattern::Part::Kind::Literal, prefix});
    return out;
}

ValuePattern suffixed(const ValuePattern &pattern, const QString &suffix) {
    ValuePattern out = pattern;
    out.openEnd = true;
    if (!out.parts.isEmpty() && out.parts.last().kind == ValuePattern::Part::Kind::Literal)
        out.parts.last().text.append(suffix);
    else
        out.parts.append({ValuePattern::Part::Kind::Literal, suffix});
    return out;
}

class Lowering {
public:
    Lowering(const Decision &decision, FieldDialect dialect, const ExportInput &input)
        : m_decision(decision)
        , m_dialect(dialect)
        , m_input(input) {}

    bool lower(const QList<FieldPredicate> &from, QList<TargetPredicate> &into) {
        for (const FieldPredicate &p : from)
            if (!lowerOne(p, into))
                return false;
        return true;
    }
    QString error() const { return m_error; }

private:
    bool fail(const FieldPredicate &p, const QString &why) {
        m_error =
            QStringLiteral("%1: field %2: %3").arg(decisionLabel(m_decision), eventFieldColumn(p.field), why);
        return false;
    }

    bool lowerOne(const FieldPredicate &p, QList<TargetPredicate> &into) {
        const auto target = FieldNameMap::lookup(m_dialect, p.field);
        if (!target)
            return fail(p, QStringLiteral("%1 has no such field").arg(FieldNameMap::dialectTitle(m_dialect)));
        const QStringList values = predicateValues(p, m_input.settings);
        if (!p.settingName.isEmpty()) {
            if (values.isEmpty())
                return fail(
                    p, QStringLiteral("the workspace setting %1 it expands is empty").arg(p.settingName));
        }
        if (p.kind == PK::Exists) {
            const bool exists = values.value(0).compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
            TargetTest test;
            test.op = exists ? TargetTest::Op::Exists : TargetTest::Op::Absent;
            into.append({target->name, {test}});
            return true;
        }
        TargetPredicate any{target->name, {}};
        for (const QString &value : values) {
            QList<TargetTest> tests;
            if (!lowerValue(p, *target, value, tests))
                return false;
            if (p.all)
                into.append({target->name, tests});
            else
                any.anyOf << tests;
        }
        if (!p.all)
            into.append(any);
        return true;
    }

    bool lowerValue(const FieldPredicate &p, const TargetField &target, const QString &value,
                    QList<TargetTest> &tests) {
        const auto refuse = [&] {
            return fail(p, QStringLiteral("%1 as %2 cannot say %3 (see docs/FIELDS.md)")
                               .arg(target.name, FieldNameMap::dialectTitle(m_dialect), modifierWords(p)));
        };
        if (value.isEmpty())
            return fail(p, QStringLiteral("an empty value matches nothing"));
        if (p.kind == PK::Regex || p.kind == PK::Cidr) {
            const bool allowed = target.form == FieldForm::Same ||
                                 (p.kind == PK::Regex && target.form == FieldForm::InsideText);
            if (!allowed)
                return refuse();
            TargetTest test;
            test.op = p.kind == PK::Regex ? TargetTest::Op::Regex : TargetTest::Op::Cidr;
            test.text = value;
            tests << test;
            return true;
        }
        const ValuePattern pattern = ValuePattern::fromCondition(p.kind, value).simplified();
        const bool closed = !pattern.openStart && !pattern.openEnd;
        const auto match = [](const ValuePattern &v) {
            TargetTest test;
            test.pattern = v;
            return test;
        };
        switch (target.form) {
        case FieldForm::Same:
            tests << match(pattern);
            return true;
        case FieldForm::HostOrFqdn:
            if (closed)
                tests << match(pattern) << match(suffixed(pattern, QStringLiteral(".")));
            else if (!pattern.openStart)
                tests << match(pattern);
            else
                return refuse();
            return true;
        case FieldForm::UserOrDomain:
            if (closed)
                tests << match(pattern) << match(prefixed(pattern, QStringLiteral("\\")));
            else if (!pattern.openEnd)
                tests << match(pattern);
            else
                return refuse();
            return true;
        case FieldForm::PathOfBaseName:
            // A wildcard could run across a path separator, so only plain names are safe.
            if (pattern.hasWildcard() || pattern.openEnd)
                return refuse();
            if (closed)
                tests << match(prefixed(pattern, QStringLiteral("\\")))
                      << match(prefixed(pattern, QStringLiteral("/")));
            else
                tests << match(pattern);
            return true;
        case FieldForm::InsideText:
            if (!pattern.openStart || !pattern.openEnd)
                return refuse();
            tests << match(pattern);
            return true;
        case FieldForm::Number: {
            static const QRegularExpression integer(QStringLiteral("^-?[0-9]+$"));
            if (!closed || pattern.hasWildcard() || !integer.match(pattern.literalText()).hasMatch())
                return fail(p, QStringLiteral("%1 is a number column: only equality with a whole number")
                                   .arg(target.name));
            TargetTest test;
            test.op = TargetTest::Op::NumberEquals;
            test.text = pattern.literalText();
            tests << test;
            return true;
        }
        }
        return refuse();
    }

    const Decision &m_decision;
    FieldDialect m_dialect;
    const ExportInput &m_input;
    QString m_error;
};

} // namespace

std::optional<TargetCondition> TargetCondition::lower(const Decision &decision, FieldDialect dialect,
                                                      const ExportInput &input, QString *error) {
    Lowering lowering(decision, dialect, input);
    TargetCondition condition;
    QList<FieldPredicate> match = decision.condition.match;
    if (!decision.scope.hosts.isEmpty()) {
        FieldPredicate hosts;
        hosts.field = EventField::Host;
        hosts.values = decision.scope.hosts;
        match.append(hosts);
    }
    if (decision.condition.match.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1: the condition is empty (it would suppress every event)")
                         .arg(decisionLabel(decision));
        return std::nullopt;
    }
    if (!lowering.lower(match, condition.match) ||
        !lowering.lower(decision.condition.filter, condition.filter)) {
        if (error)
            *error = lowering.error();
        return std::nullopt;
    }
    return condition;
}

} // namespace tb
