#pragma once

#include "EventReader.h"

#include <QString>

#include <memory>

namespace tb {

class FlatJson;
struct NormalizedEvent;

// Rebuilds a Windows <Event> element from the flat fields that offline hunters export (Chainsaw's
// evtx-crate JSON and YAML cells, Zircolite's flattened rows), so that WindowsEventXml maps them
// exactly like a rendered event: one mapping for every Windows source. The element is built node by
// node with pugixml and never parsed, so no field text can inject markup or entities.
class WindowsEventBuilder final {
public:
    WindowsEventBuilder();
    ~WindowsEventBuilder();
    WindowsEventBuilder(const WindowsEventBuilder &) = delete;
    WindowsEventBuilder &operator=(const WindowsEventBuilder &) = delete;

    void clear();
    void setSystem(const QString &element, const QString &text); // <EventID>4698</EventID>
    // <TimeCreated SystemTime="…"/>, <Provider Name="…"/>
    void setSystemAttribute(const QString &element, const QString &attribute, const QString &value);
    void addData(const QString &name, const QString &value); // <EventData><Data Name="…">…</Data>
    void setEventDataName(const QString &name);              // <EventData Name="TaskRegisteredEvent">
    void addUserData(const QString &name, const QString &value);

    // The evtx crate's JSON rendering of an event (FORMATS.md §5.2): `Event.System.EventID`,
    // `Event.System.TimeCreated_attributes.SystemTime`, `Event.EventData.TaskName`, ... as
    // flattened under `prefix` (e.g. "document.data.").
    void addEvtxJson(const FlatJson &json, const QString &prefix);

    // Maps the element built so far onto `event` (WindowsEventRecord::map): Event, or Skipped.
    EventReader::Status map(NormalizedEvent &event, const TimeNormalizer &times, ImportIssue &issue) const;

    // Fills Channel (and, for "Provider/Operational" channels, the provider's name) from the log file
    // the event came from, where the export left them out: Windows names a channel's log file after
    // the channel, '/' written as "%4" ("…/Microsoft-Windows-Sysmon%4Operational.evtx").
    void setChannelFromLogFile(const QString &path);
    static QString channelFromLogFileName(const QString &path);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
