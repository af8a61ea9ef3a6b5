#include "EventDetail.h"

#include "explain/StoredEvidence.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Statement.h"

namespace tb {

QString EventDetail::value(EventField field) const {
    for (const auto &[f, v] : fields) {
        if (f == field)
            return v;
    }
    return {};
}

std::optional<EventDetail> EventDetail::load(Database &db, const KnowledgeBase &kb, qint64 eventId) {
    QString columns =
        QStringLiteral("e.source_file, e.record_no, e.raw, a.fp_likelihood, a.counter_evidence");
    for (const EventFieldInfo &info : eventFields())
        columns += QStringLiteral(", e.") + QLatin1String(info.column);
    Statement event = db.prepare(
        QStringLiteral(
            "SELECT %1 FROM events e LEFT JOIN event_assessments a ON a.event_id = e.id WHERE e.id = ?1")
            .arg(columns));
    event.bind(1, eventId);
    if (!event.step())
        return std::nullopt;
    EventDetail detail;
    detail.id = eventId;
    detail.sourceFile = event.columnText(0);
    detail.recordNo = event.columnInt64(1);
    detail.raw = event.columnText(2);
    if (!event.isNull(3))
        detail.fpLikelihood = int(event.columnInt64(3));
    NormalizedEvent fields; // for the evidence sentences, which quote the event's values
    for (int f = 0; f < eventFieldCount; ++f) {
        const QString text = event.columnText(5 + f);
        fields.fields[size_t(f)] = text;
        if (!text.isEmpty())
            detail.fields.append({EventField(f), text});
    }
    for (const StoredEvidence &hit : StoredEvidence::read(event.columnText(4), kb, fields))
        detail.counterEvidence.append({hit.sentence, hit.points});

    Statement notes = db.prepare(QStringLiteral(
        "SELECT note_id, score, evidence FROM event_explanations WHERE event_id = ?1 ORDER BY rank"));
    notes.bind(1, eventId);
    while (notes.step()) {
        RankedNote ranked;
        ranked.noteId = notes.columnText(0);
        ranked.score = int(notes.columnInt64(1));
        for (const StoredEvidence &hit : StoredEvidence::read(notes.columnText(2), kb, fields))
            ranked.evidence << hit.sentence;
        if (const Note *note = kb.note(ranked.noteId)) {
            ranked.text = note->text;
            if (const Theme *theme = kb.theme(note->theme))
                ranked.themeTitle = theme->title;
            for (const QString &ruleId : note->rules) {
                if (const Rule *rule = kb.rule(ruleId))
                    ranked.ruleTitles << QStringLiteral("%1 (%2)").arg(rule->title, rule->source);
            }
        }
        detail.notes.append(ranked);
    }

    const QString taskName = detail.value(EventField::TaskName);
    if (!taskName.isEmpty()) {
        Statement hosts = db.prepare(
            QStringLiteral("SELECT count(DISTINCT host) FROM events WHERE task_name = ?1 COLLATE NOCASE"));
        hosts.bind(1, taskName);
        if (hosts.step())
            detail.taskNameHosts = int(hosts.columnInt64(0));
    }
    return detail;
}

} // namespace tb
