#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace tb {

// One JSON object as dotted keys → text, the shape every JSON reader maps from (FORMATS.md §4.1:
// Elastic mixes literal dotted keys with nested objects; both end up as "a.b").
// Strings are unescaped; numbers and booleans keep their JSON spelling; null is an empty string;
// arrays are kept as compact JSON text under their key (readers that need inside parse them again).
class FlatJson final {
public:
    void clear() {
        m_items.clear();
        m_index.clear();
    }
    void add(const QString &key, const QString &value) {
        m_index.insert(key, m_items.size());
        m_items.append({key, value});
    }
    bool contains(const QString &key) const { return m_index.contains(key); }
    QString value(const QString &key) const {
        const auto it = m_index.constFind(key);
        return it == m_index.cend() ? QString() : m_items[*it].second;
    }
    QString value(const char *key) const { return value(QLatin1String(key)); }
    // The first non-empty value among several spellings of a field.
    QString first(std::initializer_list<const char *> keys) const {
        for (const char *key : keys) {
            const QString v = value(key);
            if (!v.isEmpty())
                return v;
        }
        return {};
    }
    const QList<QPair<QString, QString>> &items() const { return m_items; }
    // {"key":"value",...} of every flattened field, for events.raw_fields.
    QString toJsonObject() const;

private:
    QList<QPair<QString, QString>> m_items;
    QHash<QString, qsizetype> m_index;
};

// Parses JSON text with simdjson and flattens it. Keeps its parser between calls (reuse is what
// makes simdjson fast), so use one per reader.
class JsonFlattener final {
public:
    JsonFlattener();
    ~JsonFlattener();

    // False plus `error` (simdjson's message) when the text is not one valid JSON object.
    bool flatten(const QByteArray &json, FlatJson &out, QString *error, const QString &prefix = {});

    // Parses a JSON array of strings (e.g. a flattened array value); non-strings keep their JSON text.
    static QStringList stringList(const QString &jsonArray);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
