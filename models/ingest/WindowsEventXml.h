#pragma once

#include <QString>

namespace pugi {
class xml_node;
}

namespace tb {

struct NormalizedEvent;
class TimeNormalizer;

// Maps one rendered Windows event (EvtRender / wevtutil / Splunk XmlWinEventLog / evtxexport
// `<Event>` element: System + EventData or UserData) onto the normalized fields (FORMATS.md §7).
// Fields are filled only where still empty, so a caller that knows better (a SIEM's own time,
// rule, raw record, identity) sets its values first. rule_source is "raw" unless already set.
class WindowsEventXml final {
public:
    // `eventXml` holds one <Event> (or an <Events> root whose first <Event> is taken); text before
    // the first '<' (an evtxexport banner) is skipped. False and `error` when it is not well-formed
    // XML, has no <Event>, declares a DOCTYPE, or its SystemTime is not a time.
    static bool apply(const QString &eventXml, NormalizedEvent &event, const TimeNormalizer &times,
                      QString *error);
    // `taskContentProblem`, when given, receives why a 4698–4702 TaskContent could not be read
    // (the event is still mapped): native-log readers report it, SIEM readers keep the alert.
    static bool apply(const pugi::xml_node &eventElement, NormalizedEvent &event, const TimeNormalizer &times,
                      QString *error, QString *taskContentProblem = nullptr);

    // created / deleted / enabled / disabled / updated / executed for the task events of Security
    // (4698–4702) and TaskScheduler/Operational (106, 140, 141, 200, 201, ...); empty otherwise.
    static QString taskOperation(QStringView provider, QStringView eventId);
};

} // namespace tb
