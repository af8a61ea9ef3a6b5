#include "ElasticExceptionExporter.h"

#include "knowledge/KnowledgeBase.h"
#include "TargetCondition.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace tb {

namespace {

using Op = TargetTest::Op;
using PartKind = ValuePattern::Part::Kind;

constexpr int maxItemsPerDecision = 64;

bool plain(const TargetTest &t) {
    return t.op == Op::Cidr || t.op == Op::NumberEquals ||
           (t.op == Op::Match && !t.pattern.openStart && !t.pattern.openEnd && !t.pattern.hasWildcard());
}

QString plainValue(const TargetTest &t) {
    return t.op == Op::Match ? t.pattern.literalText() : t.text;
}

QJsonObject entry(const QString &field, const QString &type, bool included) {
    return {{QStringLiteral("field"), field},
            {QStringLiteral("operator"), included ? QStringLiteral("included") : QStringLiteral("excluded")},
            {QStringLiteral("type"), type}};
}

QJsonObject valuesEntry(const QString &field, const QStringList &values, bool included) {
    if (values.size() == 1) {
        QJsonObject e = entry(field, QStringLiteral("match"), included);
        e.insert(QStringLiteral("value"), values.first());
        return e;
    }
    QJsonObject e = entry(field, QStringLiteral("match_any"), included);
    e.insert(QStringLiteral("value"), QJsonArray::fromStringList(values));
    return e;
}

QJsonObject wildcardEntry(const QString &field, const TargetTest &t, bool included) {
    QJsonObject e = entry(field, QStringLiteral("wildcard"), included);
    e.insert(QStringLiteral("value"), ElasticExceptionExporter::wildcardValue(t.pattern));
    return e;
}

using Entries = QList<QJsonObject>;

// The entries for one predicate. Included: alternatives, any of which must hold (plain values share
// one match/match_any). Excluded: NOT (any test), that is every test negated, all in one item.
bool entriesOf(const TargetPredicate &p, bool included, QList<QJsonObject> &out, QString *why) {
    QStringList plainValues;
    for (const TargetTest &t : p.anyOf) {
        switch (t.op) {
        case Op::Exists:
        case Op::Absent:
            out << entry(p.field, QStringLiteral("exists"), (t.op == Op::Exists) == included);
            break;
        case Op::Regex:
            *why = QStringLiteral("Elastic exception entries have no regular expressions");
            return false;
        default:
            if (plain(t))
                plainValues << plainValue(t);
            else
                out << wildcardEntry(p.field, t, included);
        }
    }
    if (!plainValues.isEmpty())
        out.prepend(valuesEntry(p.field, plainValues, included));
    return true;
}

// The items of one decision: every combination of the alternatives of its predicates, times one
// item per exclusion (NOT (A and B) is NOT A or NOT B).
bool itemEntries(const TargetCondition &c, QList<Entries> &items, QString *why) {
    items = {Entries{}};
    for (const TargetPredicate &p : c.match) {
        QList<QJsonObject> alternatives;
        if (!entriesOf(p, true, alternatives, why))
            return false;
        QList<Entries> next;
        for (const Entries &item : items)
            for (const QJsonObject &alternative : alternatives)
                next << (Entries(item) << alternative);
        items = next;
        if (items.size() > maxItemsPerDecision) {
            *why = QStringLiteral("more than %1 exception items would be needed for the OR inside its fields")
                       .arg(maxItemsPerDecision);
            return false;
        }
    }
    if (c.filter.isEmpty())
        return true;
    QList<Entries> next;
    for (const TargetPredicate &p : c.filter) {
        Entries negated;
        if (!entriesOf(p, false, negated, why))
            return false;
        for (const Entries &item : items)
            next << (Entries(item) << negated);
    }
    items = next;
    return true;
}

QString expireTime(const QDate &expires) {
    // Valid through the expiry date (UTC): it expires at the start of the next day.
    return expires.addDays(1).toString(Qt::ISODate) + QStringLiteral("T00:00:00.000Z");
}

struct ListGroup {
    QStringList ruleIds;
    QList<QJsonObject> items;
};

QString listIdOf(const QStringList &ruleIds) {
    if (ruleIds.size() == 1)
        return QStringLiteral("tunebench-") + ruleIds.first().section(QLatin1Char(':'), 1);
    static const QUuid ns(QStringLiteral("{0b8f3f52-8a7e-4d0e-9a51-3c2e6d1f7a90}"));
    return QStringLiteral("tunebench-") +
           QUuid::createUuidV5(ns, ruleIds.join(QLatin1Char(','))).toString(QUuid::WithoutBraces);
}

QJsonObject listObject(const QString &listId, const QStringList &ruleIds, const KnowledgeBase &kb) {
    QStringList attach, bareIds;
    for (const QString &id : ruleIds) {
        const QString bare = id.section(QLatin1Char(':'), 1);
        const Rule *rule = kb.rule(id);
        attach << (rule ? QStringLiteral("%1 (%2)").arg(bare, rule->title) : bare);
        bareIds << bare;
    }
    const Rule *first = kb.rule(ruleIds.first());
    const QString name =
        QStringLiteral("Tunebench tuning: %1%2")
            .arg(first ? first->title : bareIds.first(),
                 ruleIds.size() > 1 ? QStringLiteral(" and %1 more rules").arg(ruleIds.size() - 1)
                                    : QString());
    const QString description =
        QStringLiteral(
            "Tuning decisions written by Tunebench. Attach this list to the rule(s) with rule_id: ") +
        attach.join(QStringLiteral("; ")) + QLatin1Char('.');
    return {{QStringLiteral("list_id"), listId},
            {QStringLiteral("name"), name},
            {QStringLiteral("description"), description},
            {QStringLiteral("type"), QStringLiteral("detection")},
            {QStringLiteral("namespace_type"), QStringLiteral("single")},
            {QStringLiteral("os_types"), QJsonArray()},
            {QStringLiteral("tags"), QJsonArray{QStringLiteral("tunebench")}},
            {QStringLiteral("meta"), QJsonObject{{QStringLiteral("tunebench_attach_to_rule_ids"),
                                                  QJsonArray::fromStringList(bareIds)}}},
            {QStringLiteral("immutable"), false},
            {QStringLiteral("version"), 1}};
}

QJsonObject itemObject(const Decision &d, const QString &listId, const QString &itemId,
                       const Entries &entries, const KnowledgeBase &kb) {
    QJsonArray entryArray;
    for (const QJsonObject &e : entries)
        entryArray.append(e);
    QJsonArray tags{QStringLiteral("tunebench"), QStringLiteral("decision:%1").arg(d.id)};
    if (!d.noteId.isEmpty())
        tags.append(QString(QStringLiteral("note:") + d.noteId));
    QJsonArray comments;
    if (!d.rationale.isEmpty())
        comments.append(QJsonObject{{QStringLiteral("comment"), d.rationale}});
    if (const Note *note = kb.note(d.noteId))
        comments.append(
            QJsonObject{{QStringLiteral("comment"),
                         QStringLiteral("False-positive note %1: %2").arg(d.noteId, note->text)}});
    QJsonObject item{{QStringLiteral("list_id"), listId},
                     {QStringLiteral("item_id"), itemId},
                     {QStringLiteral("name"), d.title.trimmed().isEmpty()
                                                  ? QStringLiteral("Tunebench decision %1").arg(d.id)
                                                  : d.title},
                     {QStringLiteral("description"),
                      QStringLiteral("Tunebench decision %1 (%2), by %3.")
                          .arg(QString::number(d.id), decisionStatusName(d.status), d.author)},
                     {QStringLiteral("type"), QStringLiteral("simple")},
                     {QStringLiteral("namespace_type"), QStringLiteral("single")},
                     {QStringLiteral("os_types"), QJsonArray()},
                     {QStringLiteral("entries"), entryArray},
                     {QStringLiteral("tags"), tags},
                     {QStringLiteral("comments"), comments},
                     {QStringLiteral("meta"), QJsonObject{{QStringLiteral("tunebench_decision_id"), d.id}}}};
    if (d.expiresAt)
        item.insert(QStringLiteral("expire_time"), expireTime(*d.expiresAt));
    return item;
}

} // namespace

QString ElasticExceptionExporter::wildcardValue(const ValuePattern &pattern) {
    QString out = pattern.openStart ? QStringLiteral("*") : QString();
    for (const ValuePattern::Part &part : pattern.parts) {
        if (part.kind == PartKind::AnyRun) {
            out += QLatin1Char('*');
        } else if (part.kind == PartKind::AnyOne) {
            out += QLatin1Char('?');
        } else {
            for (const QChar c : part.text) {
                if (c == QLatin1Char('\\') || c == QLatin1Char('*') || c == QLatin1Char('?'))
                    out += QLatin1Char('\\');
                out += c;
            }
        }
    }
    if (pattern.openEnd)
        out += QLatin1Char('*');
    return out;
}

bool ElasticExceptionExporter::write(const ExportInput &input, QIODevice &device) {
    const KnowledgeBase &kb = input.knowledgeBase();
    QList<ListGroup> groups;
    for (const Decision *d : input.siemDecisions()) {
        QStringList ruleIds = input.rulesOf(*d, QStringLiteral("elastic"));
        if (ruleIds.isEmpty())
            continue;
        ruleIds.sort();
        QString why;
        const auto condition = TargetCondition::lower(*d, FieldDialect::ElasticEcs, input, &why);
        if (!condition)
            return fail(QStringLiteral("Elastic: ") + why);
        QList<Entries> items;
        if (!itemEntries(*condition, items, &why))
            return fail(QStringLiteral("Elastic: %1: %2").arg(decisionLabel(*d), why));
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const ListGroup &g) { return g.ruleIds == ruleIds; });
        if (group == groups.end()) {
            groups.append({ruleIds, {}});
            group = groups.end() - 1;
        }
        const QString listId = listIdOf(ruleIds);
        for (qsizetype i = 0; i < items.size(); ++i) {
            QString itemId = QStringLiteral("tunebench-decision-%1").arg(d->id);
            if (items.size() > 1)
                itemId += QStringLiteral("-%1").arg(i + 1);
            group->items << itemObject(*d, listId, itemId, items[i], kb);
        }
    }
    QByteArray text;
    for (const ListGroup &g : groups) {
        text += QJsonDocument(listObject(listIdOf(g.ruleIds), g.ruleIds, kb)).toJson(QJsonDocument::Compact) +
                '\n';
        for (const QJsonObject &item : g.items)
            text += QJsonDocument(item).toJson(QJsonDocument::Compact) + '\n';
    }
    return writeAll(device, text);
}

} // namespace tb
