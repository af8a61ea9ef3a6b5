#pragma once

#include "ingest/EventField.h"

#include <QString>

#include <vector>

namespace tb {

// One column the event table can show: a normalized field, or what the workspace concluded about
// the event (its false-positive likelihood, its top explanation, the analyst's verdict).
struct EventColumn {
    enum class Kind { Likelihood, Field, TopExplanation, Verdict, SuppressedBy };
    Kind kind = Kind::Field;
    EventField field = EventField::Count; // for Kind::Field

    static EventColumn likelihood() { return {Kind::Likelihood, EventField::Count}; }
    static EventColumn topExplanation() { return {Kind::TopExplanation, EventField::Count}; }
    static EventColumn verdict() { return {Kind::Verdict, EventField::Count}; }
    // The approved decisions that suppress the event (event_suppressions), by id.
    static EventColumn suppressedBy() { return {Kind::SuppressedBy, EventField::Count}; }
    static EventColumn of(EventField field) { return {Kind::Field, field}; }

    // A stable name for settings and filters: the events column ("host"), or "fp_likelihood",
    // "top_explanation", "verdict", "suppressed_by".
    QString key() const;
    static std::optional<EventColumn> fromKey(const QString &key);
    QString title() const;
    // Every column a table may show, in the column chooser's order.
    static std::vector<EventColumn> all();

    friend bool operator==(const EventColumn &a, const EventColumn &b) {
        return a.kind == b.kind && (a.kind != Kind::Field || a.field == b.field);
    }
};

} // namespace tb
