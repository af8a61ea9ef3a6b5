#pragma once

#include "EventColumn.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

namespace tb {

// What the navigator groups events by. TaskAction is the stacking view's second list. Events is no
// navigator branch: its value is a QVariantList of event ids (the decision builder's "show in table").
enum class EventGroup { Rule, Host, User, TaskName, TaskAction, Parent, Theme, Verdict, Import, Events };

// One navigator selection: the events whose `group` is `value`. A null value selects the events
// that have none (no host, no explanation, no verdict yet).
struct GroupFilter {
    EventGroup group = EventGroup::Rule;
    QVariant value;
    friend bool operator==(const GroupFilter &a, const GroupFilter &b) {
        return a.group == b.group && a.value == b.value;
    }
};

// Which events the table shows and in which order. A value type: the model sends a copy to its
// page loader, and the verdict service can apply a verdict to "everything this query shows".
struct EventQuery {
    EventColumn sortColumn = EventColumn::of(EventField::TimeUtc);
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    QList<QPair<EventColumn, QString>> columnFilters; // as typed, see ColumnFilter
    QList<GroupFilter> groups;                        // AND
    QString search;                                   // quick search words (FTS5)
    bool hideSuppressed = false;                      // leave out events an approved decision suppresses

    bool isFiltered() const {
        return !columnFilters.isEmpty() || !groups.isEmpty() || !search.trimmed().isEmpty() || hideSuppressed;
    }
    friend bool operator==(const EventQuery &a, const EventQuery &b) {
        return a.sortColumn == b.sortColumn && a.sortOrder == b.sortOrder &&
               a.columnFilters == b.columnFilters && a.groups == b.groups && a.search == b.search &&
               a.hideSuppressed == b.hideSuppressed;
    }
};

} // namespace tb
