#pragma once

#include "Decision.h"
#include "ValueGeneralizer.h"

#include <QList>
#include <QPair>
#include <QString>

namespace tb {

class KnowledgeBase;
struct NormalizedEvent;

// One field of an event offered for a decision's condition.
struct FieldProposal {
    EventField field = EventField::Count;
    QString literal;                       // the event's value as a condition value (exact)
    QList<Generalization> generalizations; // narrowest first
    QString suggested;     // what the draft uses: the widest narrow generalization, or the literal
    bool proposed = false; // ticked: the note's theme names this field
    QString why;           // why the theme names it; empty for the other fields
};

// Builds a decision from an event and the LoFP note that explains it. Which fields matter comes
// from the note's theme, as data (a table in DecisionDraft.cpp: an installer note proposes the
// parent image, a vendor-updater note the action path and task name, admin automation the user, a
// GPO note the source address …); values get ValueGeneralizer's safe generalizations.
class DecisionDraft final {
public:
    // The event's non-empty fields that a decision can use, the proposed ones first (in the theme's
    // order), then the rest in column order.
    static QList<FieldProposal> fields(const NormalizedEvent &event, const QString &noteId,
                                       const KnowledgeBase &kb);
    // A proposed decision: the proposed fields with their suggested values, the event's catalog rule
    // as the scope, the note, and a title naming the task. Its condition is empty when the theme
    // proposes nothing (notes that say false positives are unlikely).
    static Decision draft(const NormalizedEvent &event, const QString &noteId, const KnowledgeBase &kb);
    // An event as the draft reads it, from the (field, value) pairs a workspace event is shown with
    // (EventDetail::fields).
    static NormalizedEvent eventFromFields(const QList<QPair<EventField, QString>> &fields);
    // The fields a theme proposes, in order (for documentation and tests).
    static QList<EventField> themeFields(const QString &themeId);
};

} // namespace tb
