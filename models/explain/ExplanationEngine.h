#pragma once

#include "condition/ConditionMatcher.h"
#include "knowledge/KnowledgeBase.h"
#include "PrevalenceKey.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <bitset>
#include <string_view>
#include <vector>

namespace tb {

struct NormalizedEvent;

// One named piece of evidence as it applied to an event: every point of a score is one of these.
struct EvidenceHit {
    QString id;       // evidence predicate, software entry or prevalence check
    QString sentence; // for people, with the event's values filled in
    int points = 0;
    int hosts = 0; // prevalence checks: the number of hosts the sentence names
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

// How common the event's task is in the workspace (counted by prevalenceKey), and what the other
// alerts about the same task show.
struct Prevalence {
    int taskNameHosts = 0;
    int taskActionHosts = 0;
    int workspaceHosts = 0;
    int commandLineHosts = 0; // for events without a task action: hosts running this command line
    bool hasTaskName = false; // a task name someone chose (set by explain() from the event)
    bool hasHost = false;     // set by explain() from the event
    // Task-scoped counter-evidence found on any alert about the same task (its name on the machine
    // it lives on: target_host, else host), by index of the engine's evidence predicates: what one
    // alert shows about a task holds for all of them.
    std::bitset<256> taskCounters;
};

// Whether a task name was chosen by someone, so that "seen on one host only" means something:
// not empty, and not an at(1) spool file, whose name the daemon makes unique for every job.
bool isChosenTaskName(QStringView taskName);
bool isChosenTaskName(std::string_view utf8TaskName);

// What the engine finds in one event before scoring: the resolved rule, which evidence
// predicates and which software-catalog checks match. Everything a score depends on besides
// prevalence; events with equal findings differ only in the values their sentences quote.
struct EventFindings {
    static constexpr size_t MaxChecks = 256;
    const Rule *rule = nullptr;
    std::bitset<MaxChecks> evidence;   // by index of ExplanationEngine::evidenceCondition
    std::bitset<MaxChecks> software;   // by index of ExplanationEngine::softwareCondition
    std::bitset<MaxChecks> detectedBy; // by index of ExplanationEngine::detectionCondition
    std::bitset<MaxChecks> masquerade; // by index of ExplanationEngine::masqueradeCondition
    bool operator==(const EventFindings &other) const = default;
};
static_assert(EventFindings::MaxChecks == 256, "Prevalence::taskCounters has the same size");

// Explains one event: the notes of the rule that fired are the prior, evidence predicates and the
// software catalog raise notes of their themes, prevalence adds or subtracts, counter-evidence
// argues for malice. Deterministic: every point names its evidence. Immutable once built, so
// threads may share one engine.
class ExplanationEngine final {
public:
    ExplanationEngine(const KnowledgeBase &kb, const ConditionSettings &settings);

    Explanation explain(const NormalizedEvent &event, const Prevalence &prevalence) const;
    // The two halves of explain(), for explaining a workspace in bulk (WorkspaceExplainer finds
    // per distinct field value and scores per distinct findings). Without an event, the
    // sentences stay empty: they are rendered on reading by sentence().
    EventFindings find(const NormalizedEvent &event) const;
    Explanation score(const EventFindings &findings, const Prevalence &prevalence,
                      const NormalizedEvent *event) const;

    // The sentence of one stored piece of evidence (an id of EvidenceHit) for an event.
    static QString sentence(const KnowledgeBase &kb, const QString &hitId, const NormalizedEvent &event,
                            int hosts);

    // Bump when the scoring changes, so stored explanations are recomputed.
    // 6: a fact several predicates observe counts once (fact:); 7: the likelihood's terms are stored,
    // and an event no rule with notes fired on takes the notes of a rule whose query it matches;
    // 8: a task's other actions are checked too (masquerades, other_actions twins)
    static constexpr int Version = 8;
    // The fields the engine reads: events equal on these get the same explanation.
    const std::vector<EventField> &fieldsRead() const { return m_fieldsRead; }
    // The checks in the order findings index them, and the settings they expand.
    size_t evidenceCount() const { return m_evidence.size(); }
    const Condition &evidenceCondition(size_t index) const { return m_evidence[index].predicate->condition; }
    size_t softwareCount() const { return m_software.size(); }
    const Condition &softwareCondition(size_t index) const { return m_software[index].condition; }
    size_t masqueradeCount() const { return m_masquerades.size(); }
    const Condition &masqueradeCondition(size_t index) const { return m_masquerades[index].condition; }
    size_t detectionCount() const { return m_detections.size(); }
    const Condition &detectionCondition(size_t index) const { return m_detections[index].rule->detects; }
    const ConditionSettings &settings() const { return m_settings; }
    // The task-scoped counter-evidence among an event's findings (see Prevalence::taskCounters).
    std::bitset<EventFindings::MaxChecks> taskCounters(const EventFindings &findings) const {
        return findings.evidence & m_taskScoped;
    }

private:
    struct CompiledEvidence {
        const EvidencePredicate *predicate;
        ConditionMatcher matcher;
    };
    struct CompiledSoftware {
        const SoftwareEntry *entry;
        Condition condition;
        ConditionMatcher matcher;
    };
    struct CompiledDetection {
        const Rule *rule;
        ConditionMatcher matcher;
    };
    static QString fill(const QString &sentence, const NormalizedEvent &event);
    // The rule whose notes are the prior: the fired one when it carries notes, else the first
    // catalogued rule whose query the event matches (null: none).
    const Rule *priorRule(const EventFindings &findings) const;

    const KnowledgeBase &m_kb;
    ConditionSettings m_settings;
    std::vector<CompiledEvidence> m_evidence;
    std::vector<CompiledSoftware> m_software;
    std::vector<CompiledSoftware> m_masquerades; // a catalogued task name whose action is another program
    std::vector<CompiledDetection> m_detections;
    std::vector<EventField> m_fieldsRead;
    std::bitset<EventFindings::MaxChecks> m_taskScoped;
    QHash<QString, QString> m_factOf; // predicate id -> the fact it observes, for those that share one
};

} // namespace tb
