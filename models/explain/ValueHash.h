#pragma once

#include <QtGlobal>

#include <string_view>
#include <utility>
#include <vector>

namespace tb {

// A 128-bit XXH3 digest standing for a value (a field's UTF-8 text, a folded task name): caches
// and prevalence counts key on it instead of copying millions of strings. Two different values
// share a digest with probability 2^-128.
struct ValueHash {
    quint64 low = 0;
    quint64 high = 0;
    bool operator==(const ValueHash &other) const = default;
};

ValueHash valueHash(std::string_view bytes);
ValueHash valueHash(const void *data, size_t size);

// An open-addressing map from ValueHash to V, for caches hit millions of times: no allocation
// per entry, linear probing, cleared instead of growing past `limit` entries.
template <typename V> class ValueHashMap final {
public:
    explicit ValueHashMap(size_t limit = size_t(1) << 22)
        : m_limit(limit) {}

    const V *find(const ValueHash &key) const {
        if (m_slots.empty())
            return nullptr;
        for (size_t i = key.low & m_mask;; i = (i + 1) & m_mask) {
            const Slot &slot = m_slots[i];
            if (!slot.used)
                return nullptr;
            if (slot.key == key)
                return &slot.value;
        }
    }
    V *find(const ValueHash &key) { return const_cast<V *>(std::as_const(*this).find(key)); }
    // Asks the CPU to fetch where find(key) looks first: several misses of a big map then overlap.
    void prefetch(const ValueHash &key) const {
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[key.low & m_mask]);
    }

    // Inserts or overwrites; returns the stored value.
    V &insert(const ValueHash &key, const V &value) {
        if ((m_size + 1) * 2 > m_slots.size()) {
            if (m_size + 1 > m_limit)
                clear();
            else
                grow();
        }
        for (size_t i = key.low & m_mask;; i = (i + 1) & m_mask) {
            Slot &slot = m_slots[i];
            if (!slot.used) {
                slot = {key, value, true};
                ++m_size;
                return slot.value;
            }
            if (slot.key == key) {
                slot.value = value;
                return slot.value;
            }
        }
    }

    size_t size() const { return m_size; }
    void clear() {
        for (Slot &slot : m_slots)
            slot.used = false;
        m_size = 0;
    }
    template <typename F> void forEach(F f) const {
        for (const Slot &slot : m_slots) {
            if (slot.used)
                f(slot.key, slot.value);
        }
    }

private:
    struct Slot {
        ValueHash key;
        V value{};
        bool used = false;
    };
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
        m_mask = m_slots.size() - 1;
        m_size = 0;
        for (const Slot &slot : old) {
            if (slot.used)
                insert(slot.key, slot.value);
        }
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
    size_t m_limit;
};

} // namespace tb
