#include "WindowsEventRecord.h"

#include "NormalizedEvent.h"
#include "WindowsEventXml.h"

#include <pugixml.hpp>

namespace tb {

struct WindowsEventRecord::Impl {
    pugi::xml_document document; // reused: pugixml keeps its pages between loads
};

WindowsEventRecord::WindowsEventRecord()
    : d(std::make_unique<Impl>()) {}

WindowsEventRecord::~WindowsEventRecord() = default;

EventReader::Status WindowsEventRecord::map(const QByteArray &xml, NormalizedEvent &event,
                                            const TimeNormalizer &times, ImportIssue &issue) {
    // The scanners refuse these before they get here; text from other sources (libevtx, syslog)
    // is checked once more, as pugixml would silently skip a DOCTYPE rather than refuse it.
    if (xml.contains("<!DOCTYPE") || xml.contains("<!ENTITY")) {
        issue.problem = QStringLiteral("the event declares a DOCTYPE or XML entities; Tunebench never "
                                       "expands XML entities, so it refuses the record");
        return EventReader::Status::Skipped;
    }
    // Default flags: the five predefined entities and character references only.
    const pugi::xml_parse_result parsed = d->document.load_buffer(xml.constData(), size_t(xml.size()),
                                                                  pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        issue.problem = QStringLiteral("the <Event> is not well-formed XML: %1 (at byte %2 of the element)")
                            .arg(QString::fromUtf8(parsed.description()))
                            .arg(qint64(parsed.offset));
        return EventReader::Status::Skipped;
    }
    if (event.raw.isEmpty())
        event.raw = QString::fromUtf8(xml);
    return map(d->document.document_element(), event, times, issue);
}

EventReader::Status WindowsEventRecord::map(const pugi::xml_node &element, NormalizedEvent &event,
                                            const TimeNormalizer &times, ImportIssue &issue) {
    QString error, taskProblem;
    if (!WindowsEventXml::apply(element, event, times, &error, &taskProblem)) {
        issue.problem = error;
        return EventReader::Status::Skipped;
    }
    if (!taskProblem.isEmpty()) {
        issue.field = event.value(EventField::EventCode) == QLatin1String("4702")
                          ? QStringLiteral("TaskContentNew")
                          : QStringLiteral("TaskContent");
        issue.problem = taskProblem;
        return EventReader::Status::Skipped;
    }
    return EventReader::Status::Event;
}

} // namespace tb
