#include "BulkFinder.h"

#include <cstring>

namespace tb {

namespace {

// Caching a field's results pays when values repeat; for a field of unique values (command
// lines with a GUID or a time in them) it only fills memory: past this many lookups with
// fewer than one hit in ten, the field is evaluated without a cache.
constexpr quint64 CacheTrialLookups = 1 << 16;

QString text(std::string_view utf8) {
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

} // namespace

size_t BulkFinder::positionOf(EventField field) {
    for (size_t i = 0; i < m_fields.size(); ++i) {
        if (m_fields[i] == field)
            return i;
    }
    m_fields.push_back(field);
    return m_fields.size() - 1;
}

BulkFinder::BulkFinder(const ExplanationEngine &engine, const KnowledgeBase &kb)
    : m_kb(kb) {
    m_ruleName = positionOf(EventField::RuleName);
    m_ruleRefId = positionOf(EventField::RuleRefId);
    m_ruleId = positionOf(EventField::RuleId);
    m_taskName = positionOf(EventField::TaskName);
    m_taskAction = positionOf(EventField::TaskAction);
    m_commandLine = positionOf(EventField::CommandLine);
    m_host = positionOf(EventField::Host);
    m_targetHost = positionOf(EventField::TargetHost);
    for (size_t i = 0; i < engine.evidenceCount(); ++i)
        m_evidence.push_back(compile(engine.evidenceCondition(i), engine.settings()));
    for (size_t i = 0; i < engine.softwareCount(); ++i)
        m_software.push_back(compile(engine.softwareCondition(i), engine.settings()));
    for (size_t i = 0; i < engine.masqueradeCount(); ++i)
        m_masquerades.push_back(compile(engine.masqueradeCondition(i), engine.settings()));
    for (size_t i = 0; i < engine.detectionCount(); ++i)
        m_detections.push_back(compile(engine.detectionCondition(i), engine.settings()));
    for (Slot &slot : m_slots) {
        for (size_t bit = 0; bit < slot.matchers.size(); ++bit) {
            const FieldMatcher &m = slot.matchers[bit];
            if (const std::optional<bool> exists = m.exists()) {
                (*exists ? slot.existsTrue : slot.existsFalse).set(bit);
                continue;
            }
            slot.evaluated.set(bit);
            if (const std::optional<QStringList> &literals = m.requiredLiterals()) {
                for (const QString &literal : *literals)
                    slot.scanner.add(literal, bit);
            } else {
                slot.always.set(bit);
            }
        }
        slot.scanner.build();
    }
    m_ids.resize(m_slots.size());
    m_keys.resize(m_slots.size());
}

BulkFinder::Check BulkFinder::compile(const Condition &condition, const ConditionSettings &settings) {
    Check check;
    auto add = [&](const QList<FieldPredicate> &predicates, std::vector<std::pair<size_t, Mask>> &terms) {
        for (const FieldPredicate &predicate : predicates) {
            const size_t position = positionOf(predicate.field);
            size_t slotIndex = 0;
            while (slotIndex < m_slots.size() && m_slots[slotIndex].position != position)
                ++slotIndex;
            if (slotIndex == m_slots.size()) {
                m_slots.emplace_back();
                m_slots.back().position = position;
            }
            Slot &slot = m_slots[slotIndex];
            bool missing = false; // the engine skips predicates whose setting is empty
            slot.matchers.emplace_back(predicate, settings, &missing);
            Q_ASSERT(slot.matchers.size() <= LiteralScanner::MaxGroups);
            auto term = std::find_if(terms.begin(), terms.end(),
                                     [slotIndex](const auto &t) { return t.first == slotIndex; });
            if (term == terms.end())
                term = terms.insert(terms.end(), {slotIndex, Mask()});
            term->second.set(slot.matchers.size() - 1);
        }
    };
    add(condition.match, check.match);
    add(condition.filter, check.filter);
    return check;
}

BulkFinder::Mask BulkFinder::evaluate(const Slot &slot, std::string_view value) const {
    if (value.empty())
        return slot.existsFalse;
    Mask result = slot.existsTrue;
    Mask candidates = slot.always;
    if (!slot.scanner.scan(value, candidates))
        candidates = slot.evaluated; // not ASCII: the prefilter does not apply
    if (candidates.none())
        return result;
    const QString lowered = foldCase(text(value)); // as the matchers fold their needles
    for (size_t bit = 0; bit < slot.matchers.size(); ++bit) {
        if (candidates[bit] && slot.matchers[bit].matches(lowered))
            result.set(bit);
    }
    return result;
}

quint32 BulkFinder::slotResult(Slot &slot, std::string_view value, const ValueHash &key) {
    if (slot.caching) {
        ++slot.lookups;
        if (const quint32 *id = slot.cache.find(key))
            return *id;
        ++slot.misses;
        if (slot.lookups >= CacheTrialLookups && slot.misses * 10 > slot.lookups * 9) {
            slot.caching = false;
            slot.cache = ValueHashMap<quint32>();
        }
    }
    const Mask result = evaluate(slot, value);
    auto [it, inserted] = slot.resultIds.try_emplace(result, quint32(slot.results.size()));
    if (inserted)
        slot.results.push_back(result);
    if (slot.caching)
        slot.cache.insert(key, it->second);
    return it->second;
}

bool BulkFinder::satisfied(const std::vector<std::pair<size_t, Mask>> &terms, const std::vector<quint32> &ids,
                           const std::vector<Slot> &allSlots) {
    for (const auto &[slot, need] : terms) {
        if ((allSlots[slot].results[ids[slot]] & need) != need)
            return false;
    }
    return true;
}

quint32 BulkFinder::ruleIndex(const std::string_view *values) {
    // The three names with their lengths, so that ("ab", "c") and ("a", "bc") differ.
    std::string &key = m_ruleKey; // reused: three empty names make a key too long to stay off the heap
    key.clear();
    for (size_t position : {m_ruleName, m_ruleRefId, m_ruleId}) {
        const std::string_view v = values[position];
        const quint64 size = v.size();
        key.append(reinterpret_cast<const char *>(&size), sizeof size).append(v);
    }
    const ValueHash hash = valueHash(key);
    if (const quint32 *index = m_ruleCache.find(hash))
        return *index;
    const Rule *rule =
        m_kb.resolveRule(text(values[m_ruleName]), text(values[m_ruleRefId]), text(values[m_ruleId]));
    quint32 index = 0;
    while (index < m_rules.size() && m_rules[index] != rule)
        ++index;
    if (index == m_rules.size())
        m_rules.push_back(rule);
    m_ruleCache.insert(hash, index);
    return index;
}

void BulkFinder::prepare(const std::string_view *values) {
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].caching) {
            m_keys[i] = valueHash(values[m_slots[i].position]);
            m_slots[i].cache.prefetch(m_keys[i]);
        }
    }
    m_prepared = true;
}

quint32 BulkFinder::find(const std::string_view *values) {
    // A field of many distinct values (task names) has a cache far bigger than the CPU's: its
    // look-up waits for memory unless prefetched well before. The fields evaluated on every value
    // (unique command lines) go first, so that the cached fields' slots arrive meanwhile.
    if (!m_prepared)
        prepare(values);
    m_prepared = false;
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (!m_slots[i].caching)
            m_ids[i] = slotResult(m_slots[i], values[m_slots[i].position], m_keys[i]);
    }
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].caching)
            m_ids[i] = slotResult(m_slots[i], values[m_slots[i].position], m_keys[i]);
    }
    m_ids.push_back(ruleIndex(values));
    const ValueHash key = valueHash(m_ids.data(), m_ids.size() * sizeof(quint32));
    const quint32 rule = m_ids.back();
    m_ids.pop_back();
    if (const quint32 *index = m_findingsByResults.find(key))
        return *index;
    EventFindings findings;
    findings.rule = m_rules[rule];
    auto holds = [this](const Check &c) {
        return !c.match.empty() && satisfied(c.match, m_ids, m_slots) &&
               (c.filter.empty() || !satisfied(c.filter, m_ids, m_slots));
    };
    for (size_t i = 0; i < m_evidence.size(); ++i)
        findings.evidence[i] = holds(m_evidence[i]);
    for (size_t i = 0; i < m_software.size(); ++i)
        findings.software[i] = holds(m_software[i]);
    for (size_t i = 0; i < m_masquerades.size(); ++i)
        findings.masquerade[i] = holds(m_masquerades[i]);
    for (size_t i = 0; i < m_detections.size(); ++i)
        findings.detectedBy[i] = holds(m_detections[i]);
    m_table.push_back(findings);
    const quint32 index = quint32(m_table.size() - 1);
    m_findingsByResults.insert(key, index);
    return index;
}

ValueHash BulkFinder::folded(std::string_view value) {
    prevalenceKeyUtf8(value, m_foldBuffer);
    return valueHash(m_foldBuffer);
}

ValueHash BulkFinder::foldedKey(FoldCache &cache, std::string_view value) {
    if (!cache.caching)
        return folded(value);
    const ValueHash raw = valueHash(value);
    ++cache.lookups;
    if (const ValueHash *folded = cache.keys.find(raw))
        return *folded;
    const ValueHash key = folded(value);
    if (++cache.misses * 4 > cache.lookups && cache.lookups >= CacheTrialLookups) {
        cache.caching = false; // unique values (command lines): the map only costs memory
        cache.keys = ValueHashMap<ValueHash>();
    } else {
        cache.keys.insert(raw, key);
    }
    return key;
}

PrevalenceKeys BulkFinder::prevalenceKeys(const std::string_view *values) {
    PrevalenceKeys keys;
    const std::string_view task = values[m_taskName], action = values[m_taskAction],
                           command = values[m_commandLine], host = values[m_host];
    keys.hasTaskName = !task.empty();
    keys.hasTaskAction = !action.empty();
    keys.hasCommandLine = !command.empty();
    if (keys.hasTaskName) {
        keys.taskName = foldedKey(m_taskKeys, task);
        keys.chosenTaskName = isChosenTaskName(task);
    }
    if (keys.hasTaskAction)
        keys.taskAction = foldedKey(m_actionKeys, action);
    if (keys.hasCommandLine)
        keys.commandLine = foldedKey(m_commandKeys, command);
    keys.host = valueHash(host);
    keys.hostIsNull = host.data() == nullptr;
    if (keys.chosenTaskName) {
        const std::string_view target = values[m_targetHost];
        m_taskKey.assign(task.starts_with('\\') ? task.substr(1) : task);
        for (char &c : m_taskKey)
            c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        const ValueHash taskAndHost[2] = {valueHash(m_taskKey),
                                          target.empty() ? keys.host : valueHash(target)};
        keys.taskOnHost = valueHash(taskAndHost, sizeof taskAndHost);
    }
    keys.hasHost = !host.empty();
    return keys;
}

} // namespace tb
