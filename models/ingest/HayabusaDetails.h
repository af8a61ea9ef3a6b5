#pragma once

#include "TimeNormalizer.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>

namespace tb {

class FlatJson;
struct ImportIssue;
struct NormalizedEvent;

// The key/value pairs of Hayabusa's Details, ExtraFieldInfo and AllFieldInfo (FORMATS.md §5.1):
// `Key: value ¦ Key: value` in CSV, objects in JSON. Details keys are Hayabusa's abbreviations
// (Cmdline, Proc, PID, Name, Content, …); ExtraFieldInfo/AllFieldInfo use the event's own field names.
class HayabusaDetails final {
public:
    struct Entry {
        QString key;
        QString value; // "n/a" (missing field) and "-" (nothing) are stored as empty
    };

    // Splits on " ¦ " (or on the line breaks of -M / the tabs of -S when there is no ¦), and each
    // pair on its first ": " only, since values hold colons (C:\…). A piece without a key is the
    // continuation of the previous value, which itself contained the separator.
    static HayabusaDetails parse(QStringView text);

    void add(const QString &key, const QString &value);
    void append(const HayabusaDetails &other) { m_entries.append(other.m_entries); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<Entry> &entries() const { return m_entries; }
    // The first non-empty value under any of the keys, tried in order.
    QString value(std::initializer_list<const char *> keys) const;

    // -R/--remove-duplicate-data writes "DUP" for a value equal to the previous record's: put the
    // value back. `previous` holds the last value per key and is updated.
    void resolveDuplicates(QHash<QString, QString> &previous);

    // Adds "<prefix>.<Key>" pairs for events.raw_fields; a repeated key becomes one JSON array,
    // the way JsonFlattener writes arrays.
    void addTo(FlatJson &out, const QString &prefix) const;

    // The Task Scheduler XML of 4698/4699/4702 (Content, TaskContent or TaskContentNew).
    QString taskContent() const;

    // Fills the event fields that are still empty. Call it after event_source and event_code are
    // set: the same key means different things in different events ("Path" is the new process in
    // 4688 but the file written in Sysmon 11; "Name" is a task only in task events).
    void apply(NormalizedEvent &event) const;

private:
    QList<Entry> m_entries;
};

// Hayabusa's Timestamp in any of its output options: default "2025-03-04 17:12:03.118 +09:00",
// --ISO-8601 "…T…Z", --RFC-3339, --RFC-2822 "Tue, 4 Mar 2025 17:12:03 +0900", --US-time
// "03-04-2025 05:12:03.118 PM +09:00", --US-military-time and --European-time ("04-03-2025 …").
// The last two differ only in day/month order: the first record whose date proves the order
// decides it for the rest of the file; until then day-first is assumed.
class HayabusaTimeParser final {
public:
    explicit HayabusaTimeParser(TimeNormalizer times)
        : m_times(std::move(times)) {}
    NormalizedTime normalize(QStringView text);

private:
    enum class Order { Unknown, MonthFirst, DayFirst };
    TimeNormalizer m_times;
    Order m_order = Order::Unknown;
};

// The columns of one timeline record, whichever of CSV, JSON or JSONL it came from.
struct HayabusaRecord {
    QString timestamp;
    QString ruleTitle;
    QString level;
    QString computer;
    QString channel;
    QString eventId;
    QString recordId;
    QString ruleId;
    QStringList mitreTags;
    HayabusaDetails details; // Details, then ExtraFieldInfo / AllFieldInfo (Details wins)

    // Maps the record onto `event` (all but recordNo, raw and rawFields, which the reader owns).
    // False, with issue.field and issue.problem set, when the Timestamp cannot be read.
    bool toEvent(NormalizedEvent &event, HayabusaTimeParser &times, ImportIssue &issue) const;
};

// "Sec" → "Security", "TaskSch" → "Microsoft-Windows-TaskScheduler/Operational", …
// (Hayabusa's channel_abbreviations.txt); unknown or ambiguous names come back unchanged.
QString hayabusaChannelName(const QString &channel);

} // namespace tb
