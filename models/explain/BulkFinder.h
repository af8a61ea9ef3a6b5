#pragma once

#include "condition/LiteralScanner.h"
#include "ExplanationEngine.h"
#include "ValueHash.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tb {

// What explaining a workspace needs from one event besides its findings: its prevalence keys.
struct PrevalenceKeys {
    ValueHash taskName; // of prevalenceKey(task_name); meaningless when !hasTaskName
    ValueHash taskAction;
    ValueHash commandLine;
    ValueHash host;
    // The task on the machine it lives on (target_host, else host): its own name, case-insensitive and
    // without the root folder's backslash, not the folded prevalence key, which makes every
    // GUID-named task on a host one.
    ValueHash taskOnHost;
    bool hasTaskName = false;
    bool chosenTaskName = false; // isChosenTaskName()
    bool hasTaskAction = false;
    bool hasCommandLine = false;
    bool hasHost = false;
    bool hostIsNull = false;
};

// ExplanationEngine::find() for millions of events, from their fields' UTF-8 text: every
// field predicate of the knowledge base is evaluated once per distinct value of its field (task
// names, actions, parents and users repeat across hosts), a literal prefilter spares unique values
// (command lines) most regexes, and events whose fields give equal predicate results share one
// EventFindings. Gives exactly what find() gives. Not thread-safe: one per thread.
class BulkFinder final {
public:
    BulkFinder(const ExplanationEngine &engine, const KnowledgeBase &kb);

    // The fields to pass to find(), in this order.
    const std::vector<EventField> &fields() const { return m_fields; }
    // `values[i]` is the text of fields()[i]; a null data() pointer means SQL NULL.
    // Returns the index of the event's findings in table().
    quint32 find(const std::string_view *values);
    // Optional, before other work on the same event (prevalenceKeys()): starts fetching what
    // find() will look up in the caches of fields with many values, so that it waits less.
    void prepare(const std::string_view *values);
    PrevalenceKeys prevalenceKeys(const std::string_view *values);
    const std::vector<EventFindings> &table() const { return m_table; }

private:
    using Mask = LiteralScanner::Groups;
    struct MaskHash {
        size_t operator()(const Mask &m) const { return std::hash<Mask>()(m); }
    };
    // The predicates of one field, evaluated together on each distinct value.
    struct Slot {
        size_t position = 0; // in m_fields
        std::vector<FieldMatcher> matchers;
        Mask always;      // predicates without a literal prefilter (evaluated on every value)
        Mask existsTrue;  // `exists: true`: matched by any non-empty value
        Mask existsFalse; // `exists: false`: matched by the empty value only
        Mask evaluated;   // every predicate but the exists ones
        LiteralScanner scanner;
        ValueHashMap<quint32> cache; // value → result id
        std::vector<Mask> results;   // result id → which predicates match
        std::unordered_map<Mask, quint32, MaskHash> resultIds;
        quint64 lookups = 0, misses = 0;
        bool caching = true;
    };
    // One evidence predicate or software check: the bits each slot must show (all of them).
    struct Check {
        std::vector<std::pair<size_t, Mask>> match;  // slot index → predicates
        std::vector<std::pair<size_t, Mask>> filter; // excluded when all match
    };
    size_t positionOf(EventField field);
    Check compile(const Condition &condition, const ConditionSettings &settings);
    quint32 slotResult(Slot &slot, std::string_view value, const ValueHash &key); // key: of value, if caching
    Mask evaluate(const Slot &slot, std::string_view value) const;
    static bool satisfied(const std::vector<std::pair<size_t, Mask>> &terms, const std::vector<quint32> &ids,
                          const std::vector<Slot> &allSlots);
    quint32 ruleIndex(const std::string_view *values);
    // Folded prevalence keys by value, cached like the slots' results while values repeat.
    struct FoldCache {
        ValueHashMap<ValueHash> keys;
        quint64 lookups = 0, misses = 0;
        bool caching = true;
    };
    ValueHash foldedKey(FoldCache &cache, std::string_view value);
    ValueHash folded(std::string_view value);

    const KnowledgeBase &m_kb;
    std::vector<EventField> m_fields;
    std::vector<Slot> m_slots;
    std::vector<Check> m_evidence;
    std::vector<Check> m_software;
    std::vector<Check> m_masquerades;
    std::vector<Check> m_detections;
    size_t m_ruleName, m_ruleRefId, m_ruleId, m_taskName, m_taskAction, m_commandLine, m_host, m_targetHost;
    ValueHashMap<quint32> m_ruleCache;
    std::vector<const Rule *> m_rules{nullptr};
    ValueHashMap<quint32> m_findingsByResults; // (rule, slot result ids) → index in m_table
    std::vector<EventFindings> m_table;
    FoldCache m_taskKeys, m_actionKeys, m_commandKeys;
    std::vector<quint32> m_ids;    // scratch: slot result ids of the current event
    std::vector<ValueHash> m_keys; // scratch: the digests of its values
    bool m_prepared = false;       // m_keys are the current event's
    std::string m_foldBuffer;      // scratch: the folded value
    std::string m_ruleKey;         // scratch: ruleIndex()'s key
    std::string m_taskKey;         // scratch: the task's own name, for taskOnHost
};

} // namespace tb
