#include "ExplanationEngine.h"

#include "ingest/NormalizedEvent.h"

#include <QRegularExpression>

#include <optional>

#include <algorithm>
#include <set>

namespace tb {

namespace {

// Scoring constants. Kept here, named, so docs/EXPLANATIONS.md can quote them.
constexpr int FirstNotePrior = 30;   // the fired rule's first note
constexpr int PriorStep = 3;         // each later note of the rule a little less
constexpr int SoftwarePoints = 15;   // the event belongs to catalogued legitimate software
constexpr int PrevalentPoints = 10;  // the task name is on many hosts
constexpr int MasqueradePoints = 30; // a catalogued task name whose action is another program
constexpr int PrevalentHosts = 5;
constexpr int OneOffPoints = 8;        // a task and action seen on one host only
constexpr int OneOffMinimumHosts = 10; // ...in a workspace large enough to say so
constexpr int BaseWithNotes = 45;      // likelihood start when the rule's authors name false positives
constexpr int BaseUnlikely = 15;       // when they expect none ("unlikely")
constexpr int BaseUnknownRule = 30;    // when the rule is not in the catalog or has no note
constexpr double CounterFactor = 1.5;  // counter-evidence weighs more than support
// Benign evidence that explains none of the fired rule's notes still argues for a false positive,
// but for one the rule's authors did not foresee: it counts half towards the likelihood.
constexpr int UnforeseenSupportDivisor = 2;

const QStringList &prevalenceThemes() {
    static const QStringList themes{QStringLiteral("appdata_updater"),
                                    QStringLiteral("software_installation"),
                                    QStringLiteral("system_task_by_application"),
                                    QStringLiteral("admin_automation"),
                                    QStringLiteral("random_task_name"),
                                    QStringLiteral("logon_process"),
                                    QStringLiteral("trusted_lolbin_task"),
                                    QStringLiteral("shell_spawning_task"),
                                    QStringLiteral("linux_admin"),
                                    QStringLiteral("kubernetes_cronjob"),
                                    QStringLiteral("generic")};
    return themes;
}

Condition softwareTaskNameCondition(const SoftwareEntry &entry) {
    // Matches on the task name, or on the program the task runs; parents alone are too generic
    // (msiexec installs everything).
    Condition condition;
    QStringList names;
    for (const QString &pattern : entry.taskNamePatterns)
        names << QStringLiteral("*") + pattern;
    QString error;
    if (!names.isEmpty())
        ConditionParser::addPredicate(QStringLiteral("task_name"), names, condition.match, &error);
    return condition;
}

// The product's programs as the masquerade checks look for them in an action: binary names and
// install folders ("?:\Program Files\Vendor\" → "\Program Files\Vendor\").
QStringList productPrograms(const SoftwareEntry &entry) {
    QStringList programs = entry.binaries;
    for (const QString &path : entry.paths)
        programs << (path.startsWith(QLatin1String("?:")) ? path.mid(2) : path);
    return programs;
}

// A task named like the product's whose action runs none of its programs: malware hides behind
// updater names (a "OneDrive Standalone Update Task" running rundll32 on a DLL in AppData). `action`
// is task_action, or task_other_actions: an action appended to the vendor's own task.
Condition softwareMasqueradeCondition(const SoftwareEntry &entry, EventField action) {
    Condition condition = softwareTaskNameCondition(entry);
    if (condition.isEmpty() || entry.binaries.isEmpty())
        return {};
    const QString column = eventFieldColumn(action);
    QString error;
    ConditionParser::addPredicate(column + QStringLiteral("|exists"), {QStringLiteral("true")},
                                  condition.match, &error);
    QStringList programs = productPrograms(entry);
    if (action == EventField::TaskOtherActions) // a COM handler is no program of anybody's
        programs << QStringLiteral("ComHandler ");
    ConditionParser::addPredicate(column + QStringLiteral("|contains"), programs, condition.filter, &error);
    return condition;
}

bool runsProductProgram(const SoftwareEntry &entry, const QString &action) {
    const QStringList programs = productPrograms(entry);
    return std::any_of(programs.cbegin(), programs.cend(), [&action](const QString &program) {
        return action.contains(program, Qt::CaseInsensitive);
    });
}

QString masqueradeSentence(const SoftwareEntry &entry, const NormalizedEvent &event) {
    const QString programs = entry.binaries.join(QStringLiteral(", "));
    const QString others = event.value(EventField::TaskOtherActions);
    if (!others.isEmpty() && runsProductProgram(entry, event.value(EventField::TaskAction))) {
        return QStringLiteral("task %1 is named like %2's and its first action runs it, but its other "
                              "actions run none of its programs (%3): %4")
            .arg(event.value(EventField::TaskName), entry.product, programs,
                 QString(others).replace(QLatin1Char('\n'), QStringLiteral("; ")));
    }
    return QStringLiteral(
               "task %1 is named like %2's, but its action runs none of its programs (%3) from none "
               "of its folders")
        .arg(event.value(EventField::TaskName), entry.product, programs);
}

// The program a task runs, by the product's install paths (bare binary names such as updater.exe
// are shared by several vendors); by binary name only when the catalog gives no path.
Condition softwareProgramCondition(const SoftwareEntry &entry) {
    Condition condition;
    QStringList values;
    for (const QString &path : entry.paths)
        values << QStringLiteral("*") + path; // the action may start with a quote
    QString key = QStringLiteral("task_action");
    if (values.isEmpty()) {
        key = QStringLiteral("task_action|contains");
        for (const QString &binary : entry.binaries)
            values << QStringLiteral("\\") + binary << QStringLiteral("/") + binary;
    }
    QString error;
    if (!values.isEmpty())
        ConditionParser::addPredicate(key, values, condition.match, &error);
    return condition;
}

// The same program when the Task Scheduler starts it: a process event (Sysmon 1, Defender, 4688)
// whose parent is the Schedule service shows the task's action as the process itself.
Condition softwareScheduledProcessCondition(const SoftwareEntry &entry) {
    Condition condition;
    QString key = QStringLiteral("process_image|startswith");
    QStringList values = entry.paths;
    if (values.isEmpty()) {
        key = QStringLiteral("process_name");
        values = entry.binaries;
    }
    QString error;
    if (!values.isEmpty()) {
        ConditionParser::addPredicate(key, values, condition.match, &error);
        ConditionParser::addPredicate(QStringLiteral("parent_command_line|contains"),
                                      {QStringLiteral("-s Schedule"), QStringLiteral("taskeng.exe")},
                                      condition.match, &error);
    }
    return condition;
}

// Kubernetes CI/GitOps tooling, by the service account it authenticates as and, when the catalog
// names them, the user agent it sends: both must match.
Condition softwareIdentityCondition(const SoftwareEntry &entry) {
    Condition condition;
    QString error;
    if (!entry.serviceAccounts.isEmpty()) {
        ConditionParser::addPredicate(QStringLiteral("user"), entry.serviceAccounts, condition.match, &error);
        if (!entry.userAgents.isEmpty())
            ConditionParser::addPredicate(QStringLiteral("user_agent"), entry.userAgents, condition.match,
                                          &error);
    }
    return condition;
}

QString softwareSentence(const SoftwareEntry &entry) {
    return QStringLiteral("the task belongs to %1 %2, known legitimate %3 software")
        .arg(entry.vendor, entry.product, entry.kind);
}

QString prevalentSentence(const QString &taskName, int hosts) {
    return QStringLiteral("task name %1 is on %2 hosts of this workspace").arg(taskName).arg(hosts);
}

QString prevalentActionSentence(const QString &what, const QString &value, int hosts) {
    return QStringLiteral("the %1 %2 runs on %3 hosts of this workspace")
        .arg(what, value.size() > 160 ? value.left(157) + QStringLiteral("...") : value)
        .arg(hosts);
}

QString taskAlertSentence(const QString &taskName, const QString &predicateId) {
    return QStringLiteral("another alert about task %1 carries counter-evidence (%2)")
        .arg(taskName, predicateId);
}

QString oneOffSentence(const QString &taskName, int workspaceHosts) {
    return QStringLiteral("task %1 and its action are seen on this host only, out of %2")
        .arg(taskName)
        .arg(workspaceHosts);
}

// Where the likelihood starts: what the fired rule's authors say about false positives, or those
// of the rule whose query the event matches when the fired one says nothing.
QString baseSentence(const KnowledgeBase &kb, const QString &baseId) {
    if (baseId == QLatin1String("base:notes"))
        return QStringLiteral("the rule's authors name known false positives");
    if (baseId == QLatin1String("base:unlikely"))
        return QStringLiteral("the rule's authors expect no false positives");
    static const QLatin1String detected("base:detected_by:");
    if (baseId.startsWith(detected)) {
        const Rule *rule = kb.rule(baseId.mid(detected.size()));
        return rule ? QStringLiteral("no rule with known false positives fired, but the event is what %1 "
                                     "rule \"%2\" detects, and its authors name known false positives")
                          .arg(rule->source, rule->title)
                    : baseId;
    }
    return QStringLiteral("the rule is not in the catalog or names no false positive");
}

} // namespace

namespace {
// at(1) spool folders (Debian/Ubuntu, Red Hat): the daemon names each job file uniquely.
constexpr std::string_view GeneratedTaskNamePrefixes[] = {"/var/spool/cron/atjobs/", "/var/spool/at/"};
} // namespace

bool isChosenTaskName(QStringView taskName) {
    if (taskName.isEmpty())
        return false;
    for (std::string_view prefix : GeneratedTaskNamePrefixes) {
        if (taskName.startsWith(QLatin1String(prefix.data(), qsizetype(prefix.size()))))
            return false;
    }
    return true;
}

bool isChosenTaskName(std::string_view utf8TaskName) {
    if (utf8TaskName.empty())
        return false;
    for (std::string_view prefix : GeneratedTaskNamePrefixes) {
        if (utf8TaskName.starts_with(prefix))
            return false;
    }
    return true;
}

ExplanationEngine::ExplanationEngine(const KnowledgeBase &kb, const ConditionSettings &settings)
    : m_kb(kb)
    , m_settings(settings) {
    std::set<int> read{int(EventField::RuleName),   int(EventField::RuleRefId),  int(EventField::RuleId),
                       int(EventField::TaskName),   int(EventField::TaskAction), int(EventField::Host),
                       int(EventField::CommandLine)};
    auto readBy = [&read](const Condition &condition) {
        for (const QList<FieldPredicate> *list : {&condition.match, &condition.filter}) {
            for (const FieldPredicate &f : *list)
                read.insert(int(f.field));
        }
    };
    for (const EvidencePredicate &p : kb.evidence()) {
        // A predicate that needs an analyst setting which is still empty says nothing either way.
        if (!p.setting.isEmpty() && settings.value(p.setting).isEmpty())
            continue;
        if (p.kind == EvidencePredicate::Kind::Counter && p.taskScoped &&
            m_evidence.size() < EventFindings::MaxChecks)
            m_taskScoped.set(m_evidence.size());
        m_evidence.push_back({&p, ConditionMatcher(p.condition, settings)});
        if (!p.fact.isEmpty())
            m_factOf.insert(p.id, p.fact);
        readBy(p.condition);
    }
    for (const SoftwareEntry &entry : kb.software()) {
        for (const Condition &condition :
             {softwareTaskNameCondition(entry), softwareProgramCondition(entry),
              softwareScheduledProcessCondition(entry), softwareIdentityCondition(entry)}) {
            if (!condition.isEmpty()) {
                m_software.push_back({&entry, condition, ConditionMatcher(condition, settings)});
                readBy(condition);
            }
        }
    }
    for (const SoftwareEntry &entry : kb.software()) {
        for (EventField action : {EventField::TaskAction, EventField::TaskOtherActions}) {
            if (Condition condition = softwareMasqueradeCondition(entry, action); !condition.isEmpty()) {
                m_masquerades.push_back({&entry, condition, ConditionMatcher(condition, settings)});
                readBy(condition);
            }
        }
    }
    for (const Rule &rule : kb.rules()) {
        if (!rule.detects.isEmpty() && !rule.notes.isEmpty()) {
            m_detections.push_back({&rule, ConditionMatcher(rule.detects, settings)});
            readBy(rule.detects);
        }
    }
    // The knowledge base is data: grows past this limit are caught by its tests.
    Q_ASSERT(m_evidence.size() <= EventFindings::MaxChecks && m_software.size() <= EventFindings::MaxChecks &&
             m_masquerades.size() <= EventFindings::MaxChecks &&
             m_detections.size() <= EventFindings::MaxChecks);
    for (int f : read)
        m_fieldsRead.push_back(EventField(f));
}

EventFindings ExplanationEngine::find(const NormalizedEvent &event) const {
    EventFindings findings;
    findings.rule = m_kb.resolveRule(event.value(EventField::RuleName), event.value(EventField::RuleRefId),
                                     event.value(EventField::RuleId));
    const LoweredEvent lowered = LoweredEvent::from(event);
    for (size_t i = 0; i < m_evidence.size() && i < EventFindings::MaxChecks; ++i)
        findings.evidence[i] = m_evidence[i].matcher.matches(lowered);
    for (size_t i = 0; i < m_software.size() && i < EventFindings::MaxChecks; ++i)
        findings.software[i] = m_software[i].matcher.matches(lowered);
    for (size_t i = 0; i < m_masquerades.size() && i < EventFindings::MaxChecks; ++i)
        findings.masquerade[i] = m_masquerades[i].matcher.matches(lowered);
    for (size_t i = 0; i < m_detections.size() && i < EventFindings::MaxChecks; ++i)
        findings.detectedBy[i] = m_detections[i].matcher.matches(lowered);
    return findings;
}

const Rule *ExplanationEngine::priorRule(const EventFindings &findings) const {
    if (findings.rule && !findings.rule->notes.isEmpty())
        return findings.rule;
    for (size_t i = 0; i < m_detections.size() && i < EventFindings::MaxChecks; ++i) {
        if (findings.detectedBy[i])
            return m_detections[i].rule;
    }
    return nullptr;
}

QString ExplanationEngine::fill(const QString &sentence, const NormalizedEvent &event) {
    // Plain scanning: this runs for every piece of evidence of every event explained.
    QString out;
    out.reserve(sentence.size() + 64);
    qsizetype i = 0;
    while (i < sentence.size()) {
        const qsizetype open = sentence.indexOf(QLatin1Char('{'), i);
        const qsizetype close = open < 0 ? -1 : sentence.indexOf(QLatin1Char('}'), open);
        const auto field =
            close < 0 ? std::nullopt : eventFieldByColumn(sentence.mid(open + 1, close - open - 1));
        if (!field) {
            out += QStringView(sentence).mid(i, open < 0 ? sentence.size() - i : open + 1 - i);
            i = open < 0 ? sentence.size() : open + 1;
            continue;
        }
        out += QStringView(sentence).mid(i, open - i);
        const QString &value = event.value(*field);
        if (value.isEmpty())
            out += QStringLiteral("(none)");
        else if (value.size() > 160)
            out += QStringView(value).left(157) + QStringLiteral("...");
        else
            out += value;
        i = close + 1;
    }
    return out;
}

Explanation ExplanationEngine::explain(const NormalizedEvent &event, const Prevalence &prevalence) const {
    Prevalence withName = prevalence;
    withName.hasTaskName = isChosenTaskName(event.value(EventField::TaskName));
    withName.hasHost = !event.value(EventField::Host).isEmpty();
    return score(find(event), withName, &event);
}

QString ExplanationEngine::sentence(const KnowledgeBase &kb, const QString &hitId,
                                    const NormalizedEvent &event, int hosts) {
    const QString taskName = event.value(EventField::TaskName);
    if (hitId == QLatin1String("prevalence:task_name_hosts"))
        return prevalentSentence(taskName, hosts);
    if (hitId == QLatin1String("prevalence:task_action_hosts"))
        return prevalentActionSentence(QStringLiteral("task action"), event.value(EventField::TaskAction),
                                       hosts);
    if (hitId == QLatin1String("prevalence:command_line_hosts"))
        return prevalentActionSentence(QStringLiteral("command line"), event.value(EventField::CommandLine),
                                       hosts);
    if (hitId == QLatin1String("prevalence:one_off"))
        return oneOffSentence(taskName, hosts);
    if (hitId.startsWith(QLatin1String("base:")))
        return baseSentence(kb, hitId);
    if (hitId.startsWith(QLatin1String("task_alert:")))
        return taskAlertSentence(taskName, hitId.mid(11));
    // "software:<entry>" and "software_masquerade:<entry>" name a catalog entry.
    const auto entryAfter = [&kb, &hitId](QLatin1String prefix) -> const SoftwareEntry * {
        if (!hitId.startsWith(prefix))
            return nullptr;
        const QStringView id = QStringView(hitId).mid(prefix.size());
        const auto &software = kb.software();
        const auto it = std::find_if(software.cbegin(), software.cend(),
                                     [id](const SoftwareEntry &entry) { return entry.id == id; });
        return it == software.cend() ? nullptr : &*it;
    };
    if (const SoftwareEntry *entry = entryAfter(QLatin1String("software_masquerade:")))
        return masqueradeSentence(*entry, event);
    if (const SoftwareEntry *entry = entryAfter(QLatin1String("software:")))
        return softwareSentence(*entry);
    for (const EvidencePredicate &p : kb.evidence()) {
        if (p.id == hitId)
            return fill(p.sentence, event);
    }
    return hitId; // from another version of the knowledge base: the id still says what it was
}

Explanation ExplanationEngine::score(const EventFindings &findings, const Prevalence &prevalence,
                                     const NormalizedEvent *event) const {
    Explanation result;
    if (findings.rule)
        result.ruleId = findings.rule->id;
    const Rule *rule = priorRule(findings);
    auto filled = [event](const QString &sentence) { return event ? fill(sentence, *event) : QString(); };
    const QString taskName = event ? event->value(EventField::TaskName) : QString();

    // 1. The prior: the notes of the rule that fired, in the rule's order.
    QList<NoteExplanation> candidates;
    auto candidate = [&](const QString &noteId) -> NoteExplanation * {
        for (NoteExplanation &n : candidates) {
            if (n.noteId == noteId)
                return &n;
        }
        return nullptr;
    };
    if (rule) {
        for (qsizetype i = 0; i < rule->notes.size(); ++i) {
            const int prior = std::max(FirstNotePrior - int(i) * PriorStep, PriorStep);
            candidates.append({rule->notes[i], prior, prior, {}, {}});
        }
    }
    const bool rulePrior = !candidates.isEmpty();

    // 2. Evidence predicates and catalogued software raise the notes of their themes.
    QList<EvidenceHit> support;
    bool oneOffExplained = false; // by who made the change (see EvidencePredicate::explainsOneOff)
    for (size_t index = 0; index < m_evidence.size(); ++index) {
        const CompiledEvidence &e = m_evidence[index];
        if (index >= EventFindings::MaxChecks || !findings.evidence[index])
            continue;
        const EvidenceHit hit{e.predicate->id, filled(e.predicate->sentence), e.predicate->weight, 0};
        if (e.predicate->kind == EvidencePredicate::Kind::Counter) {
            result.counterEvidence.append(hit);
            continue;
        }
        support.append(hit);
        oneOffExplained = oneOffExplained || e.predicate->explainsOneOff;
        if (!rulePrior) {
            // No rule notes to rank: offer the notes of the supported themes (from related rules).
            for (const Note &note : m_kb.notes()) {
                if (e.predicate->themes.contains(note.theme) && !candidate(note.id))
                    candidates.append({note.id, 0, 0, {}, {}});
            }
        }
        for (NoteExplanation &n : candidates) {
            const Note *note = m_kb.note(n.noteId);
            if (note && e.predicate->themes.contains(note->theme)) {
                n.score += hit.points;
                n.evidence.append(hit);
            }
        }
    }
    QSet<QString> softwareSeen;
    // A masquerade is counter-evidence, and the name it borrows is no support.
    for (size_t index = 0; index < m_masquerades.size() && index < EventFindings::MaxChecks; ++index) {
        if (!findings.masquerade[index])
            continue;
        const SoftwareEntry *entry = m_masquerades[index].entry;
        if (softwareSeen.contains(entry->id))
            continue; // its first action and its others: one masquerade
        softwareSeen.insert(entry->id);
        result.counterEvidence.append({QStringLiteral("software_masquerade:") + entry->id,
                                       event ? masqueradeSentence(*entry, *event) : QString(),
                                       MasqueradePoints, 0});
    }
    for (size_t index = 0; index < m_software.size() && index < EventFindings::MaxChecks; ++index) {
        const SoftwareEntry *entry = m_software[index].entry;
        if (!findings.software[index] || softwareSeen.contains(entry->id))
            continue;
        softwareSeen.insert(entry->id);
        const EvidenceHit hit{QStringLiteral("software:") + entry->id,
                              event ? softwareSentence(*entry) : QString(), SoftwarePoints, 0};
        support.append(hit);
        for (NoteExplanation &n : candidates) {
            if (entry->notes.contains(n.noteId)) {
                n.score += hit.points;
                n.evidence.append(hit);
            }
        }
    }

    // 3. Prevalence in the workspace: a task name, else its action, else (for an event without a
    // task action, such as a process the scheduler started) the command line, on many hosts is
    // deployed software or administration.
    auto hostsHit = [event](const QString &id, const QString &sentence, int hosts) {
        return EvidenceHit{id, event ? sentence : QString(), PrevalentPoints, hosts};
    };
    auto eventValue = [event](EventField field) { return event ? event->value(field) : QString(); };
    std::optional<EvidenceHit> prevalent;
    if (prevalence.taskNameHosts >= PrevalentHosts)
        prevalent = hostsHit(QStringLiteral("prevalence:task_name_hosts"),
                             prevalentSentence(taskName, prevalence.taskNameHosts), prevalence.taskNameHosts);
    else if (prevalence.taskActionHosts >= PrevalentHosts)
        prevalent =
            hostsHit(QStringLiteral("prevalence:task_action_hosts"),
                     prevalentActionSentence(QStringLiteral("task action"),
                                             eventValue(EventField::TaskAction), prevalence.taskActionHosts),
                     prevalence.taskActionHosts);
    else if (prevalence.taskActionHosts == 0 && prevalence.commandLineHosts >= PrevalentHosts)
        prevalent = hostsHit(QStringLiteral("prevalence:command_line_hosts"),
                             prevalentActionSentence(QStringLiteral("command line"),
                                                     eventValue(EventField::CommandLine),
                                                     prevalence.commandLineHosts),
                             prevalence.commandLineHosts);
    if (prevalent) {
        support.append(*prevalent);
        for (NoteExplanation &n : candidates) {
            const Note *note = m_kb.note(n.noteId);
            if (note && prevalenceThemes().contains(note->theme)) {
                n.score += prevalent->points;
                n.evidence.append(*prevalent);
            }
        }
    } else if (!oneOffExplained && prevalence.workspaceHosts >= OneOffMinimumHosts &&
               prevalence.taskNameHosts == 1 && prevalence.taskActionHosts <= 1 && prevalence.hasTaskName &&
               prevalence.hasHost) {
        result.counterEvidence.append(
            {QStringLiteral("prevalence:one_off"),
             event ? oneOffSentence(taskName, prevalence.workspaceHosts) : QString(), OneOffPoints,
             prevalence.workspaceHosts});
    }

    // 4. Counter-evidence another alert showed about the same task (its strongest one that this
    // alert does not show itself): a 4698 record with only the task's name inherits what the
    // creation command showed.
    if (prevalence.hasTaskName) {
        const std::bitset<EventFindings::MaxChecks> others =
            prevalence.taskCounters & m_taskScoped & ~findings.evidence;
        const CompiledEvidence *strongest = nullptr;
        for (size_t index = 0; index < m_evidence.size() && index < EventFindings::MaxChecks; ++index) {
            if (others[index] &&
                (!strongest || m_evidence[index].predicate->weight > strongest->predicate->weight))
                strongest = &m_evidence[index];
        }
        if (strongest)
            result.counterEvidence.append(
                {QStringLiteral("task_alert:") + strongest->predicate->id,
                 event ? taskAlertSentence(taskName, strongest->predicate->id) : QString(),
                 strongest->predicate->weight, 0});
    }

    // Rank: score, then the rule's own order (prior), then note id for a stable order.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const NoteExplanation &a, const NoteExplanation &b) {
                         if (a.score != b.score)
                             return a.score > b.score;
                         if (a.prior != b.prior)
                             return a.prior > b.prior;
                         return a.noteId < b.noteId;
                     });
    for (NoteExplanation &n : candidates) {
        if (const Note *note = m_kb.note(n.noteId))
            n.rules = note->rules;
    }
    result.notes = candidates;

    // 5. The likelihood: a base from what the rule's authors expect, plus support, minus counter.
    int base = BaseUnknownRule;
    QString baseId = QStringLiteral("base:unknown_rule");
    if (rulePrior && rule != findings.rule) {
        base = BaseWithNotes; // a rule lends its notes only when they name false positives
        baseId = QStringLiteral("base:detected_by:") + rule->id;
    } else if (rulePrior) {
        const Note *top = m_kb.note(rule->notes.first());
        const bool unlikely = top && top->theme == QLatin1String("unlikely");
        base = unlikely ? BaseUnlikely : BaseWithNotes;
        baseId = unlikely ? QStringLiteral("base:unlikely") : QStringLiteral("base:notes");
    }
    result.likelihoodBreakdown.append({baseId, event ? baseSentence(m_kb, baseId) : QString(), base, 0});
    int score = base;
    // A fact that several predicates observe (one path in the command line and the task action)
    // counts once, at its heaviest; the others stay listed with no points.
    QHash<QString, int> heaviestOfFact;
    auto factOf = [this](const EvidenceHit &hit) {
        static const QLatin1String inherited("task_alert:");
        return m_factOf.value(hit.id.startsWith(inherited) ? hit.id.mid(inherited.size()) : hit.id);
    };
    for (const QList<EvidenceHit> *hits : {&support, &result.counterEvidence}) {
        for (const EvidenceHit &hit : *hits) {
            if (const QString fact = factOf(hit); !fact.isEmpty())
                heaviestOfFact[fact] = std::max(heaviestOfFact.value(fact), hit.points);
        }
    }
    QSet<QString> factsCounted;
    auto firstOfFact = [&](const EvidenceHit &hit) {
        const QString fact = factOf(hit);
        if (fact.isEmpty())
            return true;
        if (factsCounted.contains(fact) || hit.points < heaviestOfFact.value(fact))
            return false;
        factsCounted.insert(fact);
        return true;
    };
    // Support counts once per piece of evidence: fully when it explains a candidate note, half
    // when it explains none (benign, but not what the rule's authors foresaw).
    QSet<QString> counted;
    for (const NoteExplanation &n : candidates) {
        for (const EvidenceHit &hit : n.evidence) {
            if (counted.contains(hit.id))
                continue;
            counted.insert(hit.id);
            const int points = firstOfFact(hit) ? hit.points : 0;
            score += points;
            result.likelihoodBreakdown.append({hit.id, hit.sentence, points, hit.hosts});
        }
    }
    for (const EvidenceHit &hit : std::as_const(support)) {
        if (counted.contains(hit.id))
            continue;
        counted.insert(hit.id);
        const int points = firstOfFact(hit) ? hit.points / UnforeseenSupportDivisor : 0;
        score += points;
        result.likelihoodBreakdown.append({hit.id, hit.sentence, points, hit.hosts});
    }
    for (const EvidenceHit &hit : result.counterEvidence) {
        const int points = firstOfFact(hit) ? -int(hit.points * CounterFactor) : 0;
        score += points;
        result.likelihoodBreakdown.append({hit.id, hit.sentence, points, hit.hosts});
    }
    result.fpLikelihood = std::clamp(score, 0, 100);
    return result;
}

} // namespace tb
