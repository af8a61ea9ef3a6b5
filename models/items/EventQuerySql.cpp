#include "EventQuerySql.h"

#include <QRegularExpression>

#include <algorithm>
#include <cstring>

namespace tb {

namespace {

bool isNumericField(const EventColumn &column) {
    if (column.kind == EventColumn::Kind::Likelihood)
        return true;
    return column.kind == EventColumn::Kind::Field && eventFieldInfo(column.field).type != FieldType::Text;
}

// Text fields with a NOCASE index sort and compare case-insensitively; so do the unindexed ones.
bool isCaseInsensitive(EventField field) {
    return eventFieldInfo(field).type == FieldType::Text && field != EventField::TimeUtc &&
           field != EventField::TimeOriginal && field != EventField::AlertTimeUtc &&
           field != EventField::TaskOperation && field != EventField::Severity;
}

QString likePattern(const QString &value) {
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QVariant typedValue(const QString &value) {
    bool ok = false;
    const double number = value.toDouble(&ok);
    return ok ? QVariant(number) : QVariant(value);
}

// The condition on one value expression; `nocase` for text compared case-insensitively.
QString valueCondition(const QString &expr, const ColumnFilter &filter, bool nocase,
                       QVariantList &parameters) {
    using Op = ColumnFilter::Op;
    const QString collate = nocase ? QStringLiteral(" COLLATE NOCASE") : QString();
    auto compare = [&](const char *op) {
        parameters << typedValue(filter.value);
        return QStringLiteral("%1 %2 ?%3").arg(expr, QLatin1String(op), collate);
    };
    switch (filter.op) {
    case Op::Contains:
        parameters << likePattern(filter.value);
        return QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(expr);
    case Op::NotContains:
        parameters << likePattern(filter.value);
        return QStringLiteral("(%1 IS NULL OR %1 NOT LIKE ? ESCAPE '\\')").arg(expr);
    case Op::Equals:
        return compare("=");
    case Op::NotEquals:
        parameters << typedValue(filter.value);
        return QStringLiteral("(%1 IS NULL OR %1 <> ?%2)").arg(expr, collate);
    case Op::Less:
        return compare("<");
    case Op::LessOrEqual:
        return compare("<=");
    case Op::Greater:
        return compare(">");
    case Op::GreaterOrEqual:
        return compare(">=");
    case Op::Empty:
        return QStringLiteral("(%1 IS NULL OR %1 = '')").arg(expr);
    case Op::NotEmpty:
        break;
    }
    return QStringLiteral("(%1 IS NOT NULL AND %1 <> '')").arg(expr);
}

// The events that have a conclusion of this kind, selected by a condition on its value.
struct SideTable {
    QString select; // "SELECT <event id> FROM ... WHERE ..." to which " AND <cond>" can be added
    QString value;  // the value expression inside `select`
};

SideTable sideTable(EventColumn::Kind kind) {
    switch (kind) {
    case EventColumn::Kind::Likelihood:
        return {QStringLiteral("SELECT event_id FROM event_assessments WHERE 1"),
                QStringLiteral("fp_likelihood")};
    case EventColumn::Kind::TopExplanation:
        return {QStringLiteral("SELECT x.event_id FROM event_explanations x JOIN notes n ON n.id = x.note_id "
                               "WHERE x.rank = 1"),
                QStringLiteral("n.text")};
    case EventColumn::Kind::Verdict:
    case EventColumn::Kind::Field:
        break;
    }
    return {QStringLiteral("SELECT event_id FROM verdicts WHERE 1"), QStringLiteral("verdict")};
}

} // namespace

ColumnFilter ColumnFilter::parse(const QString &text, const EventColumn &column) {
    const QString t = text.trimmed();
    ColumnFilter filter;
    static const std::pair<const char *, Op> prefixes[] = {
        {"!=", Op::NotEquals}, {">=", Op::GreaterOrEqual}, {"<=", Op::LessOrEqual}, {">", Op::Greater},
        {"<", Op::Less},       {"=", Op::Equals},          {"!", Op::NotContains}};
    for (const auto &[prefix, op] : prefixes) {
        if (t.startsWith(QLatin1String(prefix))) {
            filter.op = op;
            filter.value = t.mid(qsizetype(std::strlen(prefix))).trimmed();
            if (filter.value.isEmpty() && op == Op::Equals)
                filter.op = Op::Empty;
            else if (filter.value.isEmpty() && (op == Op::NotContains || op == Op::NotEquals))
                filter.op = Op::NotEmpty;
            return filter;
        }
    }
    filter.value = t;
    bool number = false;
    t.toDouble(&number);
    if (number && column.kind == EventColumn::Kind::Likelihood)
        filter.op = Op::GreaterOrEqual;
    else if (number && isNumericField(column))
        filter.op = Op::Equals;
    return filter;
}

QString EventQuerySql::columnCondition(const EventColumn &column, const ColumnFilter &filter,
                                       QVariantList &parameters) {
    using Op = ColumnFilter::Op;
    if (column.kind == EventColumn::Kind::Field) {
        const QString expr = QStringLiteral("e.") + eventFieldColumn(column.field);
        return valueCondition(expr, filter, isCaseInsensitive(column.field), parameters);
    }
    // Conclusions live in their own tables: select the event ids there, through their indexes. A
    // negative filter keeps the events that have no such row (they do not contain the word either).
    const SideTable side = sideTable(column.kind);
    const bool nocase = column.kind != EventColumn::Kind::Likelihood;
    ColumnFilter positive = filter;
    bool negate = false;
    if (filter.op == Op::NotContains || filter.op == Op::NotEquals) {
        positive.op = filter.op == Op::NotContains ? Op::Contains : Op::Equals;
        negate = true;
    } else if (filter.op == Op::Empty) {
        return QStringLiteral("e.id NOT IN (%1)").arg(side.select);
    } else if (filter.op == Op::NotEmpty) {
        return QStringLiteral("e.id IN (%1)").arg(side.select);
    }
    const QString condition = valueCondition(side.value, positive, nocase, parameters);
    return QStringLiteral("e.id %1 (%2 AND %3)")
        .arg(negate ? QStringLiteral("NOT IN") : QStringLiteral("IN"), side.select, condition);
}

QString EventQuerySql::groupCondition(const GroupFilter &group, QVariantList &parameters) {
    const bool none = group.value.isNull();
    auto field = [&](EventField f) {
        const QString column = QStringLiteral("e.") + eventFieldColumn(f);
        if (none)
            return QStringLiteral("%1 IS NULL").arg(column);
        parameters << group.value;
        return QStringLiteral("%1 = ? COLLATE NOCASE").arg(column);
    };
    switch (group.group) {
    case EventGroup::Rule:
        return field(EventField::RuleName);
    case EventGroup::Host:
        return field(EventField::Host);
    case EventGroup::User:
        return field(EventField::User);
    case EventGroup::TaskName:
        return field(EventField::TaskName);
    case EventGroup::TaskAction:
        return field(EventField::TaskAction);
    case EventGroup::Parent:
        return field(EventField::ParentName);
    case EventGroup::Theme:
        if (none)
            return QStringLiteral("e.id NOT IN (SELECT event_id FROM event_explanations WHERE rank = 1)");
        parameters << group.value;
        return QStringLiteral("e.id IN (SELECT x.event_id FROM event_explanations x WHERE x.rank = 1 AND "
                              "x.note_id IN (SELECT id FROM notes WHERE theme_id = ?))");
    case EventGroup::Verdict:
        if (none)
            return QStringLiteral("e.id NOT IN (SELECT event_id FROM verdicts)");
        parameters << group.value;
        return QStringLiteral("e.id IN (SELECT event_id FROM verdicts WHERE verdict = ?)");
    case EventGroup::Import:
        break;
    }
    parameters << group.value;
    return QStringLiteral("e.import_id = ?");
}

QString EventQuerySql::searchMatch(const QString &words) {
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QStringList phrases;
    for (QString word : words.split(space, Qt::SkipEmptyParts)) {
        word.remove(QLatin1Char('"'));
        // A word of punctuation only has no token; as a phrase it would match nothing.
        if (std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
            phrases << QLatin1Char('"') + word + QStringLiteral("\"*");
    }
    return phrases.join(QLatin1Char(' '));
}

QString EventQuerySql::where(const EventQuery &query, QVariantList &parameters) {
    QStringList terms;
    for (const GroupFilter &group : query.groups)
        terms << groupCondition(group, parameters);
    for (const auto &[column, text] : query.columnFilters) {
        if (!text.trimmed().isEmpty())
            terms << columnCondition(column, ColumnFilter::parse(text, column), parameters);
    }
    if (const QString match = searchMatch(query.search); !match.isEmpty()) {
        parameters << match;
        terms << QStringLiteral("e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)");
    }
    return terms.isEmpty() ? QStringLiteral("1") : terms.join(QStringLiteral(" AND "));
}

QString EventQuerySql::fieldSortKey(EventField field) {
    // The command line is sorted by its first 64 characters: that is what its index holds (a full
    // index would double its size), and the rest rarely decides.
    if (field == EventField::CommandLine)
        return QStringLiteral("substr(e.command_line, 1, 64)");
    const QString column = QStringLiteral("e.") + eventFieldColumn(field);
    return isCaseInsensitive(field) ? column + QStringLiteral(" COLLATE NOCASE") : column;
}

QList<EventOrderPart> EventQuerySql::orderParts(const EventQuery &query) {
    QVariantList filterParameters;
    const QString filters = where(query, filterParameters);
    const bool filtered = filters != QLatin1String("1");
    QList<EventOrderPart> parts;
    if (query.sortColumn.kind == EventColumn::Kind::Field) {
        parts.append({QStringLiteral("events e"), filters, filterParameters,
                      fieldSortKey(query.sortColumn.field), QStringLiteral("e.id")});
        return parts;
    }

    QString table, key, own;
    switch (query.sortColumn.kind) {
    case EventColumn::Kind::Likelihood:
        table = QStringLiteral("event_assessments");
        key = QStringLiteral("s.fp_likelihood");
        own = QStringLiteral("1");
        break;
    case EventColumn::Kind::TopExplanation:
        // Grouped by note (its id), so that events with the same top explanation stand together.
        table = QStringLiteral("event_explanations");
        key = QStringLiteral("s.note_id");
        own = QStringLiteral("s.rank = 1");
        break;
    default:
        table = QStringLiteral("verdicts");
        key = QStringLiteral("s.verdict");
        own = QStringLiteral("1");
        break;
    }
    // Without filters the conclusion's own index is the whole answer; with them each row joins its event.
    EventOrderPart keyed;
    keyed.from = filtered ? QStringLiteral("%1 s CROSS JOIN events e ON e.id = s.event_id").arg(table)
                          : table + QStringLiteral(" s");
    keyed.where = filtered ? QStringLiteral("(%1) AND %2").arg(filters, own) : own;
    keyed.parameters = filterParameters;
    keyed.key = key;
    keyed.id = QStringLiteral("s.event_id");

    EventOrderPart missing;
    missing.from = QStringLiteral("events e");
    missing.where = QStringLiteral("(%1) AND NOT EXISTS (SELECT 1 FROM %2 s WHERE s.event_id = e.id AND %3)")
                        .arg(filters, table, own);
    missing.parameters = filterParameters;
    missing.key = QStringLiteral("e.time_utc");
    missing.id = QStringLiteral("e.id");

    parts << missing << keyed;
    if (query.sortOrder == Qt::DescendingOrder)
        std::reverse(parts.begin(), parts.end());
    return parts;
}

QString EventQuerySql::cellExpression(const EventColumn &column) {
    switch (column.kind) {
    case EventColumn::Kind::Likelihood:
        return QStringLiteral("a.fp_likelihood");
    case EventColumn::Kind::TopExplanation:
        return QStringLiteral("(SELECT n.text FROM event_explanations x JOIN notes n ON n.id = x.note_id "
                              "WHERE x.event_id = e.id AND x.rank = 1)");
    case EventColumn::Kind::Verdict:
        return QStringLiteral("v.verdict");
    case EventColumn::Kind::Field:
        break;
    }
    // A cell shows one line; long command lines are cut here (the detail pane shows them whole).
    if (column.field == EventField::CommandLine || column.field == EventField::ParentCommandLine)
        return QStringLiteral("substr(e.%1, 1, 600)").arg(eventFieldColumn(column.field));
    return QStringLiteral("e.") + eventFieldColumn(column.field);
}

} // namespace tb
