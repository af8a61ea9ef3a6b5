#pragma once

#include "ingest/EventField.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tb {

// One `field|modifier…: values` entry of the Sigma-style condition language shared by the
// knowledge base's evidence predicates and by tuning decisions (resources/knowledge/README.md).
struct FieldPredicate {
    enum class Kind { Equals, Contains, StartsWith, EndsWith, Regex, Cidr, Exists };
    EventField field = EventField::Count;
    Kind kind = Kind::Equals;
    bool all = false;    // |all: every value must match (default: any)
    QString settingName; // |expand: one value is '%name%', which stands for this workspace setting's list
    QStringList values;  // as written ('%name%' included); for exists, "true" or "false"

    QString key() const;         // "field|modifier|…" as written back
    QString placeholder() const; // "%settingName%" among the values; empty without |expand
};

// AND over `match`; an event that also satisfies every predicate of `filter` is excluded.
struct Condition {
    QList<FieldPredicate> match;
    QList<FieldPredicate> filter;

    bool isEmpty() const { return match.isEmpty(); }
    QString toText() const; // one "key: values" line per predicate, for display and the audit log
};

// Lists an analyst keeps in the workspace (admin_accounts, management_servers, ...), by name.
using ConditionSettings = QHash<QString, QStringList>;

// The values a predicate tests: as written, with an |expand placeholder replaced by its setting's list.
// Empty when the placeholder's setting is empty (the predicate then cannot be decided).
QStringList predicateValues(const FieldPredicate &predicate, const ConditionSettings &settings);

class ConditionParser final {
public:
    // Parses "field|mod|mod" and adds the predicate with its values; false + error naming the key.
    static bool addPredicate(const QString &key, const QStringList &values, QList<FieldPredicate> &into,
                             QString *error);
    // CLI form: 'field|modifier=value' items; repeating a field key ORs its values.
    static bool fromExpressions(const QStringList &expressions, Condition &condition, QString *error);
};

} // namespace tb
