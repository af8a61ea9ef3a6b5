#pragma once

#include "EventReader.h"
#include "NormalizedEvent.h"

#include <QHash>
#include <QStringList>

#include <deque>

namespace tb {

// One Splunk result as a reader holds it: field names and values side by side, multivalue
// fields joined with "\n" as Splunk's CSV export writes them, and where each name is.
struct SplunkFields {
    const QStringList &names;
    const QStringList &values;
    const QHash<QString, qsizetype> &index;

    QString value(const char *name) const;
    bool has(const char *name) const { return index.contains(QLatin1String(name)); }
};

// Maps Splunk result fields onto the normalized schema (FORMATS.md §3.1, §3.4) for every Splunk
// export format: CIM Endpoint names, ESCU result columns, ES notable fields.
class SplunkFieldMapper final {
public:
    enum class Kind { Notable, EscuResults, Events };

    // What a result is, from the fields it carries (FORMATS.md §2 17g–17i applied to one result).
    static Kind classify(const SplunkFields &fields);
    // Fills `event` (not raw, rawFields or recordNo). False, with issue.field and issue.problem
    // set, when a time field cannot be read.
    static bool map(const SplunkFields &fields, Kind kind, const ReaderContext &context,
                    NormalizedEvent &event, ImportIssue &issue);
    // For event searches: Windows event XML in _raw (sourcetype XmlWinEventLog) fills what the
    // extracted fields left empty, and the identity is (Computer, Channel, EventRecordID) from it,
    // else the indexed event's _bkt/index + _cd (FORMATS.md §3.2).
    static void mapIndexedEvent(const SplunkFields &fields, const ReaderContext &context,
                                NormalizedEvent &event);
};

// A result read from a JSON or XML export, not mapped yet.
struct SplunkPendingResult {
    qint64 recordNo = -1; // ordinal among the file's results, previews included
    qint64 line = 0;
    QString raw; // verbatim result text
    QStringList names;
    QStringList values;
};

// What the JSON and XML export readers share once a result is read: the preview rule (keep
// preview results only when the file holds no final ones, FORMATS.md §3.2) and the mapping.
class SplunkResultQueue final {
public:
    explicit SplunkResultQueue(ReaderContext context)
        : m_context(std::move(context)) {}

    void offer(SplunkPendingResult result, bool preview);
    // The input ended: held previews become readable when no final result came.
    void finish();
    bool isEmpty() const { return m_ready.empty(); }
    // Maps the next ready result; Skipped (with `issue`) when it cannot be mapped.
    EventReader::Status take(NormalizedEvent &event, ImportIssue &issue);
    // Previews are held in memory until a final result or the end shows up.
    bool holdsTooMuch() const { return m_heldBytes > maxHeldBytes; }

    static constexpr qsizetype maxHeldBytes = 256 * 1024 * 1024;

private:
    ReaderContext m_context;
    std::deque<SplunkPendingResult> m_ready;
    std::deque<SplunkPendingResult> m_held;
    qsizetype m_heldBytes = 0;
    bool m_sawFinal = false;
};

} // namespace tb
