#pragma once

#include "EventReader.h"

#include <QByteArray>

#include <memory>

namespace pugi {
class xml_node;
}

namespace tb {

struct NormalizedEvent;

// One rendered Windows event as the native-log readers (event XML files, .evtx, Sysmon for Linux
// syslog, Chainsaw and Zircolite hits rebuilt as XML) hand it on: parsed with pugixml (entities
// never expanded, a DOCTYPE refused), mapped by WindowsEventXml. Anything that makes the record
// untrustworthy — malformed XML, an unreadable time, a TaskContent that is not a task
// definition — makes it a skipped record with the reason, instead of a half-filled event.
class WindowsEventRecord final {
public:
    WindowsEventRecord();
    ~WindowsEventRecord();
    WindowsEventRecord(const WindowsEventRecord &) = delete;
    WindowsEventRecord &operator=(const WindowsEventRecord &) = delete;

    // `xml` holds one <Event> element (UTF-8). Returns Event, or Skipped with issue.field/problem.
    // event.raw is set to the element's text when still empty.
    EventReader::Status map(const QByteArray &xml, NormalizedEvent &event, const TimeNormalizer &times,
                            ImportIssue &issue);
    // The same for an element already in memory (built from JSON or CSV fields).
    static EventReader::Status map(const pugi::xml_node &element, NormalizedEvent &event,
                                   const TimeNormalizer &times, ImportIssue &issue);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
