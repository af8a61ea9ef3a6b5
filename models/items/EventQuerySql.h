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
// one, and the events that have none form a second part ordered by time (first when ascending, as
// SQLite sorts NULL first). Each part can be paged by OFFSET or by keyset from a neighbouring row.
struct EventOrderPart {
    QString from;  // FROM clause, the event table aliased `e` when filters need it
    QString where; // filters and the part's own condition; '?' parameters in `parameters`
    QVariantList parameters;
    QString key; // sort key expression
    QString id;  // event id expression
};

// SQL for an EventQuery over the workspace schema. Widgets never see it; the page loader, the
// navigator and the verdict service do.
class EventQuerySql final {
public:
    // The filters as one expression over `events e` ("1" when nothing filters), '?' parameters appended.
    static QString where(const EventQuery &query, QVariantList &parameters);
    static QString groupCondition(const GroupFilter &group, QVariantList &parameters);
    static QString columnCondition(const EventColumn &column, const ColumnFilter &filter,
                                   QVariantList &parameters);
    // The FTS5 MATCH text for quick-search words: each word a phrase, the last token a prefix, all
    // required. Empty when the words hold nothing searchable.
    static QString searchMatch(const QString &words);

    // The order's parts in display order (already reversed for a descending sort).
    static QList<EventOrderPart> orderParts(const EventQuery &query);
    // The key expression a field is sorted by (it matches the field's index).
    static QString fieldSortKey(EventField field);
    // What a table cell shows for `column`, over `events e` joined with `event_assessments a` and
    // `verdicts v`.
    static QString cellExpression(const EventColumn &column);
};

} // namespace tb
