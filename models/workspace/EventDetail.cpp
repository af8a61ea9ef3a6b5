#include "EventDetail.h"

#include "explain/StoredEvidence.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "PrevalenceTable.h"
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

std::optional<EventDetail> EventDetail::load(Database &db, const KnowledgeBase &kb, qint64 eventId,
                                             bool withPrevalence) {
    QString columns =
        QStringLiteral("e.source_file, e.record_no, e.raw, a.fp_likelihood, x.counter_evidence, "
                       "x.likelihood_terms");
    for (const EventFieldInfo &info : eventFields())
        columns += QStringLiteral(", e.") + QLatin1String(info.column);
    Statement event = db.prepare(
        QStringLiteral("SELECT %1 FROM events e LEFT JOIN event_assessments a ON a.event_id = e.id "
                       "LEFT JOIN explanation_sets x ON x.id = a.set_id WHERE e.id = ?1")
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
        const QString text = event.columnText(6 + f);
        fields.fields[size_t(f)] = text;
        if (!text.isEmpty())
            detail.fields.append({EventField(f), text});
    }
    for (const StoredEvidence &hit : StoredEvidence::read(event.columnText(4), kb, fields))
        detail.counterEvidence.append({hit.sentence, hit.points});
    for (const StoredEvidence &hit : StoredEvidence::read(event.columnText(5), kb, fields))
        detail.likelihoodTerms.append({hit.sentence, hit.points});

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

    Statement verdict = db.prepare(QStringLiteral(
        "SELECT verdict, note_id, comment, analyst, decided_at FROM verdicts WHERE event_id = ?1"));
    verdict.bind(1, eventId);
    if (verdict.step()) {
        detail.verdict = {verdictFromName(verdict.columnText(0)), verdict.columnText(1),
                          verdict.columnText(2)};
        detail.verdictAnalyst = verdict.columnText(3);
        detail.verdictDecidedAt = verdict.columnText(4);
    }
    // From the prevalence table it is a few lookups; counting is left to the caller's choice.
    if (withPrevalence)
        loadPrevalence(db, detail);
    else
        PrevalenceTable::read(db, detail);
    return detail;
}

void EventDetail::bindLikeness(Statement &query) const {
    int index = 0;
    for (EventField field : {EventField::TaskName, EventField::TaskAction, EventField::ParentName}) {
        const QString text = value(field);
        query.bind(++index, text.isEmpty() ? QString() : text); // none matches NULL (through IS)
    }
}

bool EventDetail::loadPrevalence(Database &db, EventDetail &detail) {
    if (PrevalenceTable::read(db, detail))
        return true;
    // Each count reads only an index: (task name, host), (task action, host), parent, host, likeness.
    auto counts = [&db](const QString &sql, const QString &value) -> std::pair<qint64, qint64> {
        if (value.isEmpty())
            return {0, 0};
        Statement query = db.prepare(sql);
        query.bind(1, value);
        return query.step() ? std::pair(query.columnInt64(0), query.columnInt64(1))
                            : std::pair<qint64, qint64>();
    };
    const QString taskName = detail.value(EventField::TaskName);
    const QString taskAction = detail.value(EventField::TaskAction);
    const QString parent = detail.value(EventField::ParentName);
    std::tie(detail.sameTaskName, detail.taskNameHosts) =
        counts(QStringLiteral(
                   "SELECT count(*), count(DISTINCT host COLLATE NOCASE) FROM events WHERE task_name = ?1 "
                   "COLLATE NOCASE"),
               taskName);
    std::tie(detail.sameTaskAction, detail.taskActionHosts) = counts(
        QStringLiteral("SELECT count(*), count(DISTINCT host COLLATE NOCASE) FROM events WHERE task_action = "
                       "?1 COLLATE NOCASE"),
        taskAction);
    detail.sameParent =
        counts(QStringLiteral("SELECT count(*), 0 FROM events WHERE parent_name = ?1 COLLATE NOCASE"), parent)
            .first;
    detail.sameHost = counts(QStringLiteral("SELECT count(*), 0 FROM events WHERE host = ?1 COLLATE NOCASE"),
                             detail.value(EventField::Host))
                          .first;
    Statement like =
        db.prepare(QStringLiteral("SELECT count(*) FROM events WHERE task_name IS ?1 COLLATE NOCASE AND "
                                  "task_action IS ?2 COLLATE NOCASE AND parent_name IS ?3 COLLATE NOCASE"));
    detail.bindLikeness(like);
    if (like.step())
        detail.likeThis = like.columnInt64(0);
    detail.prevalenceLoaded = true;
    return false;
}

} // namespace tb
