#pragma once

#include "EventQuery.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace tb {

// A filter as typed in the table's filter row: "word" (contains), "!word" (does not contain),
// "=x", "!=x", ">x", ">=x", "<x", "<=x", "=" (empty), "!" (not empty). On the FP column a bare
// number means "at least": "70" shows events of 70 % and more.
struct ColumnFilter {
    enum class Op {
        Contains,
        NotContains,
        Equals,
        NotEquals,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Empty,
        NotEmpty
    };
    Op op = Op::Contains;
    QString value;

    static ColumnFilter parse(const QString &text, const EventColumn &column);
};

// One stretch of the table's order. A sort by a normalized field is one part over `events`; a sort by
// a conclusion (likelihood, top explanation, verdict) walks that table's index for the events that have
// one, and the events that have none follow as a second part ordered by time (last in both directions,
// like blanks in a spreadsheet). Each part can be paged by OFFSET or by keyset from a neighbouring row.
struct EventOrderPart {
    QString from;  // FROM clause, the event table aliased `e` when filters need it
    QString where; // filters and the part's own condition; '?' parameters in `parameters`
    QVariantList parameters;
    QString key; // sort key expression
    QString id;  // event id expression
};

// One filter of a query. Terms on conclusions, verdicts and the search index need only the event's
// id ("{id} IN (SELECT ...)"), so they can be applied to a conclusion table's event_id without reading
// the events table at all; terms on fields need the event row (`events e`).
struct FilterTerm {
    QString sql; // "{id}" stands for the event id expression
    QVariantList parameters;
    bool idOnly = false;
    QString idSet; // for "{id} IN (set)": the set's SELECT (same parameters), for counting by INTERSECT

    QString over(const QString &id, bool scanDriven = false) const;
};

// SQL for an EventQuery over the workspace schema. Widgets never see it; the page loader, the
// navigator and the verdict service do.
class EventQuerySql final {
public:
    static QList<FilterTerm> terms(const EventQuery &query);
    // The terms as one expression ("1" when nothing filters), '?' parameters appended. `id` is the event
    // id expression; `scanDriven` writes "+id IN (...)" so that SQLite walks the sort index and tests
    // each row against the set (best for large sets) instead of sorting the set's rows (best for small).
    static QString where(const QList<FilterTerm> &terms, QVariantList &parameters,
                         const QString &id = QStringLiteral("e.id"), bool scanDriven = false);
    static QString where(const EventQuery &query, QVariantList &parameters) {
        return where(terms(query), parameters);
    }
    static bool allIdOnly(const QList<FilterTerm> &terms);
    static FilterTerm groupCondition(const GroupFilter &group);
    static FilterTerm columnCondition(const EventColumn &column, const ColumnFilter &filter);
    // The FTS5 MATCH text for quick-search words: each word a phrase, the last token a prefix, all
    // required. Empty when the words hold nothing searchable.
    static QString searchMatch(const QString &words);

    // The order's parts in display order.
    static QList<EventOrderPart> orderParts(const EventQuery &query, bool scanDriven = false);
    // The key expression a field is sorted by (it matches the field's index).
    static QString fieldSortKey(EventField field);
    // What a table cell shows for `column`, over `events e` joined with `event_assessments a` and
    // `verdicts v`.
    static QString cellExpression(const EventColumn &column);
};

} // namespace tb
