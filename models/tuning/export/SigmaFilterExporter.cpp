#include "SigmaFilterExporter.h"

#include "ControlCharacters.h"
#include "knowledge/KnowledgeBase.h"
#include "TargetCondition.h"

#include <QMap>
#include <QUuid>

#include <yaml-cpp/yaml.h>

namespace tb {

namespace {

using Op = TargetTest::Op;
using PartKind = ValuePattern::Part::Kind;

struct Logsource {
    QString category, product, service;
    FieldDialect dialect = FieldDialect::SigmaProcessCreation;
    QString key() const { return category + QLatin1Char('/') + product + QLatin1Char('/') + service; }
};

// The log source of a SigmaHQ rule from its file name (SigmaHQ's filename convention:
// proc_creation_<os>_…, win_security_…). Only the two log sources FieldNameMap has names for.
std::optional<Logsource> logsourceOf(const Rule &rule) {
    const QString stem = rule.path.section(QLatin1Char('/'), -1);
    if (stem.startsWith(QLatin1String("proc_creation_win_")))
        return Logsource{QStringLiteral("process_creation"), QStringLiteral("windows"), {}};
    if (stem.startsWith(QLatin1String("proc_creation_lnx_")))
        return Logsource{QStringLiteral("process_creation"), QStringLiteral("linux"), {}};
    if (stem.startsWith(QLatin1String("proc_creation_macos_")))
        return Logsource{QStringLiteral("process_creation"), QStringLiteral("macos"), {}};
    if (stem.startsWith(QLatin1String("win_security_")))
        return Logsource{
            {}, QStringLiteral("windows"), QStringLiteral("security"), FieldDialect::SigmaSecurity};
    return std::nullopt;
}

struct FilterDocument {
    const Decision *decision = nullptr;
    Logsource logsource;
    QStringList ruleIds; // catalog ids
    TargetCondition condition;
};

// One value of a search identifier: a quoted string, a whole number, or true/false for |exists.
struct Value {
    enum class Type { Text, Number, Flag } type = Type::Text;
    QString text;
    qint64 number = 0;
    bool flag = false;
};

// One `key: values` entry of a search identifier.
struct Entry {
    QString key;
    QList<Value> values;
    bool list = false; // written as a sequence even with one value (|all)
};

// Keys for a predicate: modifiers from the shared shape of its tests, plain globs when they differ.
Entry entryOf(const TargetPredicate &p) {
    const TargetTest &first = p.anyOf.first();
    Entry entry;
    if (first.op == Op::Exists || first.op == Op::Absent) {
        entry.key = p.field + QStringLiteral("|exists");
        Value v;
        v.type = Value::Type::Flag;
        v.flag = first.op == Op::Exists;
        entry.values << v;
        return entry;
    }
    QString modifier;
    bool withOpenEnds = false;
    if (first.op == Op::Match) {
        bool sameShape = true;
        for (const TargetTest &t : p.anyOf)
            sameShape = sameShape && t.pattern.openStart == first.pattern.openStart &&
                        t.pattern.openEnd == first.pattern.openEnd;
        if (!sameShape)
            withOpenEnds = true;
        else if (first.pattern.openStart && first.pattern.openEnd)
            modifier = QStringLiteral("|contains");
        else if (first.pattern.openStart)
            modifier = QStringLiteral("|endswith");
        else if (first.pattern.openEnd)
            modifier = QStringLiteral("|startswith");
    } else if (first.op == Op::Regex) {
        modifier = QStringLiteral("|re|i"); // the condition language's regexes ignore case
    } else if (first.op == Op::Cidr) {
        modifier = QStringLiteral("|cidr");
    }
    entry.key = p.field + modifier;
    for (const TargetTest &t : p.anyOf) {
        Value v;
        if (t.op == Op::Match) {
            v.text = SigmaFilterExporter::sigmaValue(t.pattern, withOpenEnds);
        } else if (t.op == Op::NumberEquals) {
            v.type = Value::Type::Number;
            v.number = t.text.toLongLong();
        } else {
            v.text = t.text;
        }
        entry.values << v;
    }
    return entry;
}

bool mergeable(const Entry &e) {
    return e.values.size() == 1 && !e.key.endsWith(QLatin1String("|exists"));
}

// AND-ed single values under the same key become one `key|all` list; other repeats of a key go to
// a further search identifier, since a YAML map cannot hold a key twice.
QList<QList<Entry>> searchIdentifiers(const QList<TargetPredicate> &predicates) {
    QList<Entry> entries;
    for (const TargetPredicate &p : predicates) {
        const Entry entry = entryOf(p);
        auto same = std::find_if(entries.begin(), entries.end(), [&](const Entry &e) {
            return mergeable(entry) && ((e.list && e.key == entry.key + QStringLiteral("|all")) ||
                                        (mergeable(e) && e.key == entry.key));
        });
        if (same == entries.end()) {
            entries << entry;
            continue;
        }
        if (!same->list) {
            same->key += QStringLiteral("|all");
            same->list = true;
        }
        same->values << entry.values;
    }
    QList<QList<Entry>> maps;
    for (const Entry &entry : entries) {
        auto free = std::find_if(maps.begin(), maps.end(), [&](const QList<Entry> &map) {
            return std::none_of(map.begin(), map.end(), [&](const Entry &e) { return e.key == entry.key; });
        });
        if (free == maps.end())
            maps.append(QList<Entry>{entry});
        else
            free->append(entry);
    }
    return maps;
}

void emitValue(YAML::Emitter &out, const Value &v) {
    switch (v.type) {
    case Value::Type::Text:
        // Quoted always, so that no value reads back as a number, a boolean or null.
        out << YAML::SingleQuoted << v.text.toStdString();
        break;
    case Value::Type::Number:
        out << static_cast<long long>(v.number);
        break;
    case Value::Type::Flag:
        out << v.flag;
        break;
    }
}

void emitMap(YAML::Emitter &out, const QList<Entry> &entries) {
    out << YAML::BeginMap;
    for (const Entry &e : entries) {
        out << YAML::Key << e.key.toStdString() << YAML::Value;
        if (e.list || e.values.size() > 1) {
            out << YAML::BeginSeq;
            for (const Value &v : e.values)
                emitValue(out, v);
            out << YAML::EndSeq;
        } else {
            emitValue(out, e.values.first());
        }
    }
    out << YAML::EndMap;
}

QString describe(const Decision &d, const KnowledgeBase &kb) {
    QStringList lines;
    lines << QStringLiteral("Tunebench tuning decision %1 (%2, %3), by %4.")
                 .arg(QString::number(d.id), decisionStatusName(d.status), decisionActionName(d.action),
                      d.author);
    if (!d.noteId.isEmpty()) {
        const Note *note = kb.note(d.noteId);
        lines << QStringLiteral("False-positive note %1: %2").arg(d.noteId, note ? note->text : QString());
    }
    if (!d.rationale.isEmpty())
        lines << QStringLiteral("Rationale: ") + d.rationale;
    if (d.expiresAt)
        lines << QStringLiteral("Expires %1.").arg(d.expiresAt->toString(Qt::ISODate));
    if (d.reviewAt)
        lines << QStringLiteral("Review by %1.").arg(d.reviewAt->toString(Qt::ISODate));
    // A literal block keeps the lines readable; it cannot carry other control characters, or lines
    // that start with a space.
    QStringList clean;
    for (const QString &line : lines.join(QLatin1Char('\n')).split(QLatin1Char('\n')))
        clean << singleLine(line);
    return clean.join(QLatin1Char('\n'));
}

void emitDocument(YAML::Emitter &out, const FilterDocument &doc, const KnowledgeBase &kb) {
    const Decision &d = *doc.decision;
    QString title =
        QStringLiteral("Tunebench decision %1: %2").arg(QString::number(d.id), singleLine(d.title));
    if (title.size() > 256) // the specification's limit
        title = title.left(255) + QChar(0x2026);
    out << YAML::BeginDoc << YAML::BeginMap;
    out << YAML::Key << "title" << YAML::Value << YAML::SingleQuoted << title.toStdString();
    out << YAML::Key << "id" << YAML::Value << YAML::SingleQuoted
        << SigmaFilterExporter::filterId(d.id, doc.logsource.key()).toStdString();
    out << YAML::Key << "description" << YAML::Value << YAML::Literal << describe(d, kb).toStdString();
    if (d.createdAt.isValid())
        out << YAML::Key << "date" << YAML::Value << YAML::SingleQuoted
            << d.createdAt.date().toString(Qt::ISODate).toStdString();
    if (d.updatedAt.isValid())
        out << YAML::Key << "modified" << YAML::Value << YAML::SingleQuoted
            << d.updatedAt.date().toString(Qt::ISODate).toStdString();
    out << YAML::Key << "logsource" << YAML::Value << YAML::BeginMap;
    if (!doc.logsource.category.isEmpty())
        out << YAML::Key << "category" << YAML::Value << doc.logsource.category.toStdString();
    out << YAML::Key << "product" << YAML::Value << doc.logsource.product.toStdString();
    if (!doc.logsource.service.isEmpty())
        out << YAML::Key << "service" << YAML::Value << doc.logsource.service.toStdString();
    out << YAML::EndMap;

    out << YAML::Key << "filter" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (const QString &ruleId : doc.ruleIds) {
        out << ruleId.section(QLatin1Char(':'), 1).toStdString();
        if (const Rule *rule = kb.rule(ruleId))
            out << YAML::Comment(singleLine(rule->title).toStdString());
    }
    out << YAML::EndSeq;
    const QList<QList<Entry>> selections = searchIdentifiers(doc.condition.match);
    QStringList names;
    for (qsizetype i = 0; i < selections.size(); ++i) {
        const QString name = i == 0 ? QStringLiteral("selection") : QStringLiteral("selection_%1").arg(i + 1);
        out << YAML::Key << name.toStdString() << YAML::Value;
        emitMap(out, selections[i]);
        names << name;
    }
    const QList<QList<Entry>> exclusions = searchIdentifiers(doc.condition.filter);
    QStringList excluded;
    for (qsizetype i = 0; i < exclusions.size(); ++i) {
        const QString name = i == 0 ? QStringLiteral("exclusion") : QStringLiteral("exclusion_%1").arg(i + 1);
        out << YAML::Key << name.toStdString() << YAML::Value;
        emitMap(out, exclusions[i]);
        excluded << name;
    }
    // The filter keeps what it does not select: "not (what the decision suppresses)".
    QString suppressed = names.join(QStringLiteral(" and "));
    if (!excluded.isEmpty())
        suppressed +=
            QStringLiteral(" and not ") +
            (excluded.size() == 1
                 ? excluded.first()
                 : QString(QLatin1Char('(') + excluded.join(QStringLiteral(" and ")) + QLatin1Char(')')));
    const QString condition = names.size() == 1 && excluded.isEmpty()
                                  ? QString(QStringLiteral("not ") + suppressed)
                                  : QString(QStringLiteral("not (") + suppressed + QLatin1Char(')'));
    out << YAML::Key << "condition" << YAML::Value << condition.toStdString();
    out << YAML::EndMap << YAML::EndMap;
}

} // namespace

QString SigmaFilterExporter::sigmaValue(const ValuePattern &pattern, bool withOpenEnds) {
    // Tokens: a literal character, or a wildcard ('*' / '?') as itself.
    struct Token {
        QChar c;
        bool wildcard;
    };
    QList<Token> tokens;
    if (withOpenEnds && pattern.openStart)
        tokens.append({QLatin1Char('*'), true});
    for (const ValuePattern::Part &part : pattern.parts) {
        if (part.kind == PartKind::Literal)
            for (const QChar c : part.text)
                tokens.append({c, false});
        else
            tokens.append({part.kind == PartKind::AnyRun ? QLatin1Char('*') : QLatin1Char('?'), true});
    }
    if (withOpenEnds && pattern.openEnd)
        tokens.append({QLatin1Char('*'), true});
    QString out;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (t.wildcard) {
            out += t.c;
        } else if (t.c == QLatin1Char('*') || t.c == QLatin1Char('?')) {
            out += QLatin1Char('\\') + t.c;
        } else if (t.c == QLatin1Char('\\')) {
            const bool special =
                i + 1 < tokens.size() &&
                (tokens[i + 1].wildcard || tokens[i + 1].c == QLatin1Char('*') ||
                 tokens[i + 1].c == QLatin1Char('?') || tokens[i + 1].c == QLatin1Char('\\'));
            out += special ? QStringLiteral("\\\\") : QStringLiteral("\\");
        } else {
            out += t.c;
        }
    }
    return out;
}

QString SigmaFilterExporter::filterId(qint64 decisionId, const QString &logsource) {
    // A fixed namespace for Tunebench's filter ids, so an export of the same decision keeps its id.
    static const QUuid ns(QStringLiteral("{5c1d4b7e-2f0a-4c55-9d3e-7a1b6e0f4c21}"));
    return QUuid::createUuidV5(ns,
                               QStringLiteral("decision:%1:%2").arg(QString::number(decisionId), logsource))
        .toString(QUuid::WithoutBraces);
}

bool SigmaFilterExporter::write(const ExportInput &input, QIODevice &device) {
    const KnowledgeBase &kb = input.knowledgeBase();
    QList<FilterDocument> documents;
    for (const Decision *decision : input.siemDecisions()) {
        const QStringList ruleIds = input.rulesOf(*decision, QStringLiteral("sigma"));
        QMap<QString, FilterDocument> byLogsource;
        QStringList order;
        for (const QString &ruleId : ruleIds) {
            const Rule *rule = kb.rule(ruleId);
            const auto logsource = rule ? logsourceOf(*rule) : std::nullopt;
            if (!logsource) {
                if (decision->scope.ruleIds.isEmpty())
                    continue; // "every rule": those whose log source has Sigma field names here
                return fail(
                    QStringLiteral("Sigma: %1: rule %2 %3")
                        .arg(decisionLabel(*decision), ruleId,
                             rule ? QStringLiteral("has a log source without Sigma field names in Tunebench "
                                                   "(process_creation and Windows security only)")
                                  : QStringLiteral(
                                        "is not in the knowledge base, so its log source is unknown")));
            }
            FilterDocument &doc = byLogsource[logsource->key()];
            if (!doc.decision) {
                QString why;
                const auto condition = TargetCondition::lower(*decision, logsource->dialect, input, &why);
                if (!condition)
                    return fail(
                        QStringLiteral("Sigma (%1): ").arg(FieldNameMap::dialectTitle(logsource->dialect)) +
                        why);
                doc = FilterDocument{decision, *logsource, {}, *condition};
                order << logsource->key();
            }
            doc.ruleIds << ruleId;
        }
        for (const QString &key : order)
            documents << byLogsource.value(key);
    }
    YAML::Emitter out;
    out.SetIndent(4);
    for (const FilterDocument &doc : documents)
        emitDocument(out, doc, kb);
    if (!out.good())
        return fail(
            QStringLiteral("Sigma: YAML emitter: %1").arg(QString::fromStdString(out.GetLastError())));
    QByteArray text = QByteArray(out.c_str(), qsizetype(out.size()));
    if (documents.isEmpty())
        text = "# No approved decision applies to a Sigma rule.\n";
    else if (!text.endsWith('\n'))
        text += '\n';
    return writeAll(device,
                    QByteArray("# Sigma filters written by Tunebench from the approved tuning decisions.\n") +
                        text);
}

} // namespace tb
