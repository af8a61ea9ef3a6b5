#include "EventQuerySql.h"

#include <QRegularExpression>

#include <algorithm>
#include <cstring>

namespace tb {

namespace {

bool isNumericField(const EventColumn &column) {
    if (column.kind == EventColumn::Kind::Likelihood || column.kind == EventColumn::Kind::SuppressedBy)
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
        return {
            QStringLiteral("SELECT x.event_id FROM event_assessments x JOIN notes n ON n.id = x.top_note_id "
                           "WHERE 1"),
            QStringLiteral("n.text")};
    case EventColumn::Kind::SuppressedBy:
        return {QStringLiteral("SELECT event_id FROM event_suppressions WHERE 1"),
                QStringLiteral("decision_id")};
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

QString FilterTerm::over(const QString &id, bool scanDriven) const {
    QString text = sql;
    return text.replace(QStringLiteral("{id}"), scanDriven && !idSet.isEmpty() ? QLatin1Char('+') + id : id);
}

namespace {
FilterTerm eventTerm(QString sql, QVariantList parameters) {
    return {std::move(sql), std::move(parameters), false, {}};
}
FilterTerm idSetTerm(const QString &select, QVariantList parameters) {
    return {QStringLiteral("{id} IN (%1)").arg(select), std::move(parameters), true, select};
}
FilterTerm notInTerm(const QString &select, QVariantList parameters) {
    return {QStringLiteral("{id} NOT IN (%1)").arg(select), std::move(parameters), true, {}};
}
} // namespace

FilterTerm EventQuerySql::columnCondition(const EventColumn &column, const ColumnFilter &filter) {
    using Op = ColumnFilter::Op;
    QVariantList parameters;
    if (column.kind == EventColumn::Kind::Field) {
        const QString expr = QStringLiteral("e.") + eventFieldColumn(column.field);
        QString sql = valueCondition(expr, filter, isCaseInsensitive(column.field), parameters);
        return eventTerm(std::move(sql), std::move(parameters));
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
        return notInTerm(side.select, {});
    } else if (filter.op == Op::NotEmpty) {
        return idSetTerm(side.select, {});
    }
    const QString condition = valueCondition(side.value, positive, nocase, parameters);
    const QString select = QStringLiteral("%1 AND %2").arg(side.select, condition);
    return negate ? notInTerm(select, parameters) : idSetTerm(select, parameters);
}

FilterTerm EventQuerySql::groupCondition(const GroupFilter &group) {
    const bool none = group.value.isNull();
    auto field = [&](EventField f) {
        const QString column = QStringLiteral("e.") + eventFieldColumn(f);
        if (none)
            return eventTerm(QStringLiteral("%1 IS NULL").arg(column), {});
        return eventTerm(QStringLiteral("%1 = ? COLLATE NOCASE").arg(column), {group.value});
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
            return notInTerm(
                QStringLiteral("SELECT event_id FROM event_assessments WHERE top_note_id IS NOT NULL"), {});
        return idSetTerm(QStringLiteral("SELECT x.event_id FROM event_assessments x WHERE "
                                        "x.top_note_id IN (SELECT id FROM notes WHERE theme_id = ?)"),
                         {group.value});
    case EventGroup::Verdict:
        if (none)
            return notInTerm(QStringLiteral("SELECT event_id FROM verdicts"), {});
        return idSetTerm(QStringLiteral("SELECT event_id FROM verdicts WHERE verdict = ?"), {group.value});
    case EventGroup::Events: {
        // A chosen set of ids, bound as one JSON array.
        QStringList ids;
        for (const QVariant &id : group.value.toList())
            ids << QString::number(id.toLongLong());
        return idSetTerm(QStringLiteral("SELECT value FROM json_each(?)"),
                         {QString(QLatin1Char('[') + ids.join(QLatin1Char(',')) + QLatin1Char(']'))});
    }
    case EventGroup::Import:
        break;
    }
    return eventTerm(QStringLiteral("e.import_id = ?"), {group.value});
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

QList<FilterTerm> EventQuerySql::terms(const EventQuery &query) {
    QList<FilterTerm> terms;
    for (const GroupFilter &group : query.groups)
        terms << groupCondition(group);
    for (const auto &[column, text] : query.columnFilters) {
        if (!text.trimmed().isEmpty())
            terms << columnCondition(column, ColumnFilter::parse(text, column));
    }
    if (query.hideSuppressed)
        terms << notInTerm(QStringLiteral("SELECT event_id FROM event_suppressions"), {});
    if (const QString match = searchMatch(query.search); !match.isEmpty())
        terms << idSetTerm(QStringLiteral("SELECT rowid FROM events_fts WHERE events_fts MATCH ?"), {match});
    return terms;
}

QString EventQuerySql::where(const QList<FilterTerm> &terms, QVariantList &parameters, const QString &id,
                             bool scanDriven) {
    QStringList sql;
    for (const FilterTerm &term : terms) {
        sql << term.over(id, scanDriven);
        parameters << term.parameters;
    }
    return sql.isEmpty() ? QStringLiteral("1") : sql.join(QStringLiteral(" AND "));
}

bool EventQuerySql::allIdOnly(const QList<FilterTerm> &terms) {
    return std::all_of(terms.cbegin(), terms.cend(), [](const FilterTerm &term) { return term.idOnly; });
}

QString EventQuerySql::fieldSortKey(EventField field) {
    // The command line is sorted by its first 64 characters: that is what its index holds (a full
    // index would double its size), and the rest rarely decides.
    if (field == EventField::CommandLine)
        return QStringLiteral("substr(e.command_line, 1, 64)");
    const QString column = QStringLiteral("e.") + eventFieldColumn(field);
    return isCaseInsensitive(field) ? column + QStringLiteral(" COLLATE NOCASE") : column;
}

QList<EventOrderPart> EventQuerySql::orderParts(const EventQuery &query, bool scanDriven) {
    const QList<FilterTerm> filterTerms = terms(query);
    QVariantList filterParameters;
    const QString filters = where(filterTerms, filterParameters, QStringLiteral("e.id"), scanDriven);
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
    case EventColumn::Kind::SuppressedBy:
        // One row per event: its lowest suppressing decision.
        table = QStringLiteral("event_suppressions");
        key = QStringLiteral("s.decision_id");
        own = QStringLiteral("s.decision_id = (SELECT min(m.decision_id) FROM event_suppressions m WHERE "
                             "m.event_id = s.event_id)");
        break;
    case EventColumn::Kind::TopExplanation:
        // Grouped by note (its id), so that events with the same top explanation stand together.
        table = QStringLiteral("event_assessments");
        key = QStringLiteral("s.top_note_id");
        own = QStringLiteral("s.top_note_id IS NOT NULL");
        break;
    default:
        table = QStringLiteral("verdicts");
        key = QStringLiteral("s.verdict");
        own = QStringLiteral("1");
        break;
    }
    // The conclusion's own index gives the order. Filters on ids apply to its event_id directly; only
    // filters on fields make each row join its event (a read of the event's row).
    EventOrderPart keyed;
    keyed.key = key;
    keyed.id = QStringLiteral("s.event_id");
    if (allIdOnly(filterTerms)) {
        keyed.from = table + QStringLiteral(" s");
        keyed.where =
            QStringLiteral("(%1) AND %2")
                .arg(where(filterTerms, keyed.parameters, QStringLiteral("s.event_id"), scanDriven), own);
    } else {
        keyed.from = QStringLiteral("%1 s CROSS JOIN events e ON e.id = s.event_id").arg(table);
        keyed.where = QStringLiteral("(%1) AND %2").arg(filters, own);
        keyed.parameters = filterParameters;
    }

    EventOrderPart missing;
    missing.from = QStringLiteral("events e");
    // "+": look the event up by its id, not through the (rank, note) index that the keyed part walks.
    missing.where = QStringLiteral("(%1) AND NOT EXISTS (SELECT 1 FROM %2 s WHERE s.event_id = e.id AND +%3)")
                        .arg(filters, table, own);
    missing.parameters = filterParameters;
    missing.key = QStringLiteral("e.time_utc");
    missing.id = QStringLiteral("e.id");

    // Events without the conclusion come last either way, like blanks in a spreadsheet: the first rows
    // of either order then come straight from the conclusion's index.
    parts << keyed << missing;
    return parts;
}

QString EventQuerySql::cellExpression(const EventColumn &column) {
    switch (column.kind) {
    case EventColumn::Kind::Likelihood:
        return QStringLiteral("a.fp_likelihood");
    case EventColumn::Kind::TopExplanation:
        return QStringLiteral("(SELECT n.text FROM notes n WHERE n.id = a.top_note_id)");
    case EventColumn::Kind::Verdict:
        return QStringLiteral("v.verdict");
    case EventColumn::Kind::SuppressedBy:
        return QStringLiteral(
            "(SELECT group_concat(decision_id) FROM event_suppressions WHERE event_id = e.id)");
    case EventColumn::Kind::Field:
        break;
    }
    // A cell shows one line; long command lines are cut here (the detail pane shows them whole).
    if (column.field == EventField::CommandLine || column.field == EventField::ParentCommandLine)
        return QStringLiteral("substr(e.%1, 1, 600)").arg(eventFieldColumn(column.field));
    return QStringLiteral("e.") + eventFieldColumn(column.field);
}

} // namespace tb
