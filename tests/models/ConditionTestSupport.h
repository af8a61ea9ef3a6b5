#pragma once

#include "condition/Condition.h"

#include <QDebug>
#include <QRandomGenerator>
#include <QRegularExpression>

// Shared by the property tests of the condition language (tst_condition, tst_decisionimpact).

inline tb::Condition parseCondition(const QStringList &expressions) {
    tb::Condition condition;
    QString error;
    if (!tb::ConditionParser::fromExpressions(expressions, condition, &error))
        qWarning() << error;
    return condition;
}

// A value for `field|modifier` made from a real event value, so that random conditions select
// some events: a part of the sample for the substring modifiers, an escaped prefix for |re,
// true/false for |exists, and sometimes a star in the middle for plain and |wildcard values.
inline QString valueFor(const QString &sample, const QString &modifier, QRandomGenerator &random) {
    QString value = sample;
    if (modifier == QLatin1String("|exists"))
        value = random.bounded(2) ? QStringLiteral("true") : QStringLiteral("false");
    else if (modifier == QLatin1String("|re"))
        value = QRegularExpression::escape(sample.left(5));
    else if (modifier == QLatin1String("|contains") && sample.size() > 4)
        value = sample.mid(1, sample.size() / 2);
    else if (modifier == QLatin1String("|startswith"))
        value = sample.left(5);
    else if (modifier == QLatin1String("|endswith"))
        value = sample.right(5);
    if (value.isEmpty())
        value = QStringLiteral("x");
    const bool glob = modifier.isEmpty() || modifier == QLatin1String("|wildcard");
    if (glob && value.size() > 3 && (modifier.size() > 0 || random.bounded(4) == 0))
        value = value.left(2) + QLatin1Char('*') + value.right(1);
    return value;
}
