#pragma once

#include "ExportInput.h"

#include <QString>
#include <QStringList>

namespace tb {

// The decision fields every report shows, as text, so that CSV, JSON and Markdown agree.
struct ReportFields {
    QString id, title, status, action, exportState, noteId, noteText, rationale, author;
    QString createdAt, updatedAt, expiresAt, reviewAt; // ISO 8601; empty when unset
    QStringList rules;                                 // catalog ids
    QStringList ruleTitles;                            // same order; the id when unknown
    QStringList hosts;
    QString condition; // Condition::toText(): one "key: values" line per predicate
    QString impact;    // the caller's count, or empty when it gave none
    bool exported = false;

    static ReportFields of(const Decision &decision, const ExportInput &input);
};

} // namespace tb
