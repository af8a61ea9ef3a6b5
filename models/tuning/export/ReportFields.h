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
    // One "key: values" line per predicate ("not key: …" for exclusions), each value written as in the
    // knowledge base's YAML: single-quoted ('' for a quote), double-quoted with escapes when it holds a
    // line break or another control character. A list when there are several values.
    QString condition;
    QString impact; // the caller's count, or empty when it gave none
    bool exported = false;

    static ReportFields of(const Decision &decision, const ExportInput &input);
    static QString conditionText(const Condition &condition);
};

} // namespace tb
