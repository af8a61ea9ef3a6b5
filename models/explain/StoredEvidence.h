#pragma once

#include <QList>
#include <QString>

namespace tb {

class KnowledgeBase;
struct NormalizedEvent;

// One piece of evidence as a workspace stores it (explanation_sets.counter_evidence and
// explanation_set_notes.evidence hold JSON arrays of {"id", "points"[, "hosts"]}), with its
// sentence rendered for the event: sentences quote the event's own values, so they are made on
// reading rather than stored a million times.
struct StoredEvidence {
    QString id;
    int points = 0;
    QString sentence;

    // Reads a stored array; a stored "sentence" (workspaces explained before engine version 3)
    // is kept as it is.
    static QList<StoredEvidence> read(const QString &json, const KnowledgeBase &kb,
                                      const NormalizedEvent &event);
};

} // namespace tb
