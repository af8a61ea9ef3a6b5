#pragma once

#include "ingest/EventField.h"
#include "triage/VerdictService.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace tb {

class Database;
class KnowledgeBase;
class Statement;

// Everything the detail pane shows about one event, read from the workspace in one go.
struct EventDetail {
    struct RankedNote {
        QString noteId;
        QString text; // the note's exact LoFP text
        QString themeTitle;
        int score = 0;
        QStringList evidence; // sentences
        QStringList ruleTitles;
    };
    // A sentence with its points: a piece of counter-evidence, or a term of the likelihood (its base, or
    // a piece of evidence with the points it added or took).
    struct ScoredSentence {
        QString sentence;
        int points = 0;
    };

    qint64 id = 0;
    QString sourceFile;
    qint64 recordNo = 0;
    QList<QPair<EventField, QString>> fields; // the non-empty normalized fields
    QString raw;
    std::optional<int> fpLikelihood; // empty until explained
    QList<RankedNote> notes;
    QList<ScoredSentence> counterEvidence;
    QList<ScoredSentence> likelihoodTerms; // sum to fpLikelihood before clamping to 0..100
    // Prevalence and the events like this one: counted by loadPrevalence() (the window does it in the
    // background, so that the rest of the event shows at once).
    bool prevalenceLoaded = false;
    qint64 taskNameHosts = 0;   // how many hosts of the workspace have this task name
    qint64 taskActionHosts = 0; // and this task action
    // Events like this one, for the links to them: same task name, same action, same parent, and all
    // three at once (what "mark all like this" marks).
    qint64 sameTaskName = 0, sameTaskAction = 0, sameParent = 0, sameHost = 0, likeThis = 0;
    VerdictState verdict;
    QString verdictAnalyst, verdictDecidedAt;

    QString value(EventField field) const;
    // Binds ?1-?3 to what makes events alike: task name, task action, parent (NULL when empty).
    void bindLikeness(Statement &query) const;
    // Reads one event; nullopt when there is no such event. Throws StoreError on a database error.
    // Without `withPrevalence`, the counts are read only when the prevalence table is current
    // (prevalenceLoaded tells): counting them is for a background thread.
    static std::optional<EventDetail> load(Database &db, const KnowledgeBase &kb, qint64 eventId,
                                           bool withPrevalence = true);
    // From the workspace's prevalence table when it is current (true), else counted (false). Throws
    // StoreError.
    static bool loadPrevalence(Database &db, EventDetail &detail);
};

} // namespace tb
