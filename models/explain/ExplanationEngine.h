#pragma once

#include "condition/ConditionMatcher.h"
#include "knowledge/KnowledgeBase.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace tb {

struct NormalizedEvent;

// One named piece of evidence as it applied to an event: every point of a score is one of these.
struct EvidenceHit {
    QString id;       // evidence predicate, software entry or prevalence check
    QString sentence; // for people, with the event's values filled in
    int points = 0;
};

struct NoteExplanation {
    QString noteId;
    int score = 0;
    int prior = 0;               // from the fired rule carrying this note
    QList<EvidenceHit> evidence; // what raised it
    QStringList rules;           // catalog rules the note comes from
};

struct Explanation {
    QString ruleId;               // the catalog rule the alert resolved to; empty when unknown
    QList<NoteExplanation> notes; // ranked, best first
    QList<EvidenceHit> counterEvidence;
    int fpLikelihood = 0;                   // 0–100
    QList<EvidenceHit> likelihoodBreakdown; // the terms of fpLikelihood, base first
};

// How common an event's task is in the workspace: "usually limited to a small set of hosts or
// users" is a claim the data can check.
// Task names and actions with their per-user and per-version parts (GUIDs, SIDs, version numbers)
// folded, so that "GoogleUpdateTaskUserS-1-5-21-…{GUID}" counts as one task across users.
QString prevalenceKey(const QString &value);

struct Prevalence {
    int taskNameHosts = 0;
    int taskActionHosts = 0;
    int workspaceHosts = 0;
};

// Explains one event: the notes of the rule that fired are the prior, evidence predicates and the
// software catalog raise notes of their themes, prevalence adds or subtracts, counter-evidence
// argues for malice. Deterministic: every point names its evidence.
class ExplanationEngine final {
public:
    ExplanationEngine(const KnowledgeBase &kb, const ConditionSettings &settings);

    Explanation explain(const NormalizedEvent &event, const Prevalence &prevalence) const;
    // Bump when the scoring changes, so stored explanations are recomputed.
    static constexpr int Version = 2;
    // The fields the engine reads: events equal on these get the same explanation.
    const std::vector<EventField> &fieldsRead() const { return m_fieldsRead; }

private:
    struct CompiledEvidence {
        const EvidencePredicate *predicate;
        ConditionMatcher matcher;
        std::vector<EventField> fields; // what the predicate reads: its result is cached by these values
    };
    bool evidenceMatches(size_t index, const LoweredEvent &event) const;
    struct CompiledSoftware {
        const SoftwareEntry *entry;
        ConditionMatcher matcher;
    };
    static QString fill(const QString &sentence, const NormalizedEvent &event);

    const KnowledgeBase &m_kb;
    std::vector<CompiledEvidence> m_evidence;
    std::vector<CompiledSoftware> m_software;
    // Results of the whole software catalog by (task name, task action): the same few programs
    // recur across a workspace, and 40+ catalog patterns per event were most of the cost.
    mutable QHash<QString, QList<const SoftwareEntry *>> m_softwareCache;
    QList<const SoftwareEntry *> softwareFor(const LoweredEvent &event) const;
    std::vector<EventField> m_fieldsRead;
    // Per-predicate results by the values it reads: events repeat the same actions and command
    // lines across hosts, and the regexes are most of the cost. Bounded; one engine per thread.
    mutable std::vector<QHash<QString, bool>> m_evidenceCache;
};

} // namespace tb
