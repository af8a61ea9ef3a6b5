#include "ExplanationEngine.h"

#include "ingest/NormalizedEvent.h"

#include <QRegularExpression>

#include <optional>

#include <algorithm>
#include <set>

namespace tb {

namespace {

// Scoring constants. Kept here, named, so docs/EXPLANATIONS.md can quote them.
constexpr int FirstNotePrior = 30;  // the fired rule's first note
constexpr int PriorStep = 3;        // each later note of the rule a little less
constexpr int SoftwarePoints = 15;  // the event belongs to catalogued legitimate software
constexpr int PrevalentPoints = 10; // the task name is on many hosts
constexpr int PrevalentHosts = 5;
constexpr int OneOffPoints = 8;        // a task and action seen on one host only
constexpr int OneOffMinimumHosts = 10; // ...in a workspace large enough to say so
constexpr int BaseWithNotes = 45;      // likelihood start when the rule's authors name false positives
constexpr int BaseUnlikely = 15;       // when they expect none ("unlikely")
constexpr int BaseUnknownRule = 30;    // when the rule is not in the catalog or has no note
constexpr double CounterFactor = 1.5;  // counter-evidence weighs more than support

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

Condition softwareCondition(const SoftwareEntry &entry) {
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

} // namespace

QString prevalenceKey(const QString &value) {
    static const QRegularExpression guid(
        QStringLiteral("\\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\}?"));
    static const QRegularExpression sid(QStringLiteral("s-1-\\d+(-\\d+)+"));
    static const QRegularExpression version(QStringLiteral("\\d+(\\.\\d+)+"));
    static const QRegularExpression userFolder(QStringLiteral("\\\\users\\\\[^\\\\]+\\\\"));
    QString key = value.toLower();
    key.replace(guid, QStringLiteral("{guid}"));
    key.replace(sid, QStringLiteral("sid"));
    key.replace(version, QStringLiteral("v"));
    key.replace(userFolder, QStringLiteral("\\users\\*\\"));
    return key;
}

ExplanationEngine::ExplanationEngine(const KnowledgeBase &kb, const ConditionSettings &settings)
    : m_kb(kb) {
    std::set<int> read{int(EventField::RuleName), int(EventField::RuleRefId),  int(EventField::RuleId),
                       int(EventField::TaskName), int(EventField::TaskAction), int(EventField::Host)};
    for (const EvidencePredicate &p : kb.evidence()) {
        // A predicate that needs an analyst setting which is still empty says nothing either way.
        if (!p.setting.isEmpty() && settings.value(p.setting).isEmpty())
            continue;
        std::set<int> fields;
        for (const QList<FieldPredicate> *list : {&p.condition.match, &p.condition.filter}) {
            for (const FieldPredicate &f : *list)
                fields.insert(int(f.field));
        }
        CompiledEvidence compiled{&p, ConditionMatcher(p.condition, settings), {}};
        for (int f : fields) {
            compiled.fields.push_back(EventField(f));
            read.insert(f);
        }
        m_evidence.push_back(std::move(compiled));
    }
    for (const SoftwareEntry &entry : kb.software()) {
        for (const Condition &condition : {softwareCondition(entry), softwareProgramCondition(entry)}) {
            if (!condition.isEmpty())
                m_software.push_back({&entry, ConditionMatcher(condition, settings)});
        }
    }
    for (int f : read)
        m_fieldsRead.push_back(EventField(f));
    m_evidenceCache.resize(m_evidence.size());
}

QList<const SoftwareEntry *> ExplanationEngine::softwareFor(const LoweredEvent &event) const {
    const QString key = event.value(EventField::TaskName) + QChar(0x1f) + event.value(EventField::TaskAction);
    const auto it = m_softwareCache.constFind(key);
    if (it != m_softwareCache.cend())
        return *it;
    QList<const SoftwareEntry *> matched;
    for (const CompiledSoftware &s : m_software) {
        if (s.matcher.matches(event))
            matched.append(s.entry);
    }
    if (m_softwareCache.size() >= 20000)
        m_softwareCache.clear();
    m_softwareCache.insert(key, matched);
    return matched;
}

bool ExplanationEngine::evidenceMatches(size_t index, const LoweredEvent &event) const {
    const CompiledEvidence &e = m_evidence[index];
    QString key;
    for (EventField f : e.fields)
        key += event.value(f) + QChar(0x1f);
    QHash<QString, bool> &cache = m_evidenceCache[index];
    const auto it = cache.constFind(key);
    if (it != cache.cend())
        return *it;
    if (cache.size() >= 20000)
        cache.clear();
    const bool matches = e.matcher.matches(event);
    cache.insert(key, matches);
    return matches;
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
    Explanation result;
    const LoweredEvent lowered = LoweredEvent::from(event);
    const Rule *rule = m_kb.resolveRule(event.value(EventField::RuleName), event.value(EventField::RuleRefId),
                                        event.value(EventField::RuleId));
    if (rule)
        result.ruleId = rule->id;

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
    for (size_t index = 0; index < m_evidence.size(); ++index) {
        const CompiledEvidence &e = m_evidence[index];
        if (!evidenceMatches(index, lowered))
            continue;
        const EvidenceHit hit{e.predicate->id, fill(e.predicate->sentence, event), e.predicate->weight};
        if (e.predicate->kind == EvidencePredicate::Kind::Counter) {
            result.counterEvidence.append(hit);
            continue;
        }
        support.append(hit);
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
    for (const SoftwareEntry *entry : softwareFor(lowered)) {
        if (softwareSeen.contains(entry->id))
            continue;
        softwareSeen.insert(entry->id);
        const EvidenceHit hit{QStringLiteral("software:") + entry->id,
                              QStringLiteral("the task belongs to %1 %2, known legitimate %3 software")
                                  .arg(entry->vendor, entry->product, entry->kind),
                              SoftwarePoints};
        support.append(hit);
        for (NoteExplanation &n : candidates) {
            if (entry->notes.contains(n.noteId)) {
                n.score += hit.points;
                n.evidence.append(hit);
            }
        }
    }

    // 3. Prevalence in the workspace.
    if (prevalence.taskNameHosts >= PrevalentHosts) {
        const EvidenceHit hit{QStringLiteral("prevalence:task_name_hosts"),
                              QStringLiteral("task name %1 is on %2 hosts of this workspace")
                                  .arg(event.value(EventField::TaskName))
                                  .arg(prevalence.taskNameHosts),
                              PrevalentPoints};
        support.append(hit);
        for (NoteExplanation &n : candidates) {
            const Note *note = m_kb.note(n.noteId);
            if (note && prevalenceThemes().contains(note->theme)) {
                n.score += hit.points;
                n.evidence.append(hit);
            }
        }
    } else if (prevalence.workspaceHosts >= OneOffMinimumHosts && prevalence.taskNameHosts == 1 &&
               prevalence.taskActionHosts <= 1 && !event.value(EventField::TaskName).isEmpty()) {
        result.counterEvidence.append(
            {QStringLiteral("prevalence:one_off"),
             QStringLiteral("task %1 and its action are seen on this host only, out of %2")
                 .arg(event.value(EventField::TaskName))
                 .arg(prevalence.workspaceHosts),
             OneOffPoints});
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

    // 4. The likelihood: a base from what the rule's authors expect, plus support, minus counter.
    int base = BaseUnknownRule;
    QString baseWhy = QStringLiteral("the rule is not in the catalog or names no false positive");
    if (rulePrior) {
        const Note *top = m_kb.note(rule->notes.first());
        const bool unlikely = top && top->theme == QLatin1String("unlikely");
        base = unlikely ? BaseUnlikely : BaseWithNotes;
        baseWhy = unlikely
                      ? QStringLiteral("the rule's authors expect no false positives (\"%1\")").arg(top->text)
                      : QStringLiteral("the rule's authors name known false positives");
    }
    result.likelihoodBreakdown.append({QStringLiteral("base"), baseWhy, base});
    int score = base;
    // Support counts once per piece of evidence, and only when it explains a candidate note.
    QSet<QString> counted;
    for (const NoteExplanation &n : candidates) {
        for (const EvidenceHit &hit : n.evidence) {
            if (counted.contains(hit.id))
                continue;
            counted.insert(hit.id);
            score += hit.points;
            result.likelihoodBreakdown.append(hit);
        }
    }
    for (const EvidenceHit &hit : result.counterEvidence) {
        const int points = -int(hit.points * CounterFactor);
        score += points;
        result.likelihoodBreakdown.append({hit.id, hit.sentence, points});
    }
    result.fpLikelihood = std::clamp(score, 0, 100);
    return result;
}

} // namespace tb
