#include "WindowsEventBuilder.h"

#include "JsonFlattener.h"
#include "WindowsEventRecord.h"

#include <pugixml.hpp>

namespace tb {

struct WindowsEventBuilder::Impl {
    pugi::xml_document document;
    pugi::xml_node event, system, eventData, userData;

    void reset() {
        document.reset();
        event = document.append_child("Event");
        event.append_attribute("xmlns") = "http://schemas.microsoft.com/win/2004/08/events/event";
        system = event.append_child("System");
        eventData = {};
        userData = {};
    }
    pugi::xml_node systemChild(const QString &name) {
        const QByteArray utf8 = name.toUtf8();
        pugi::xml_node node = system.child(utf8.constData());
        return node ? node : system.append_child(utf8.constData());
    }
    pugi::xml_node data() {
        if (!eventData)
            eventData = event.append_child("EventData");
        return eventData;
    }
};

WindowsEventBuilder::WindowsEventBuilder()
    : d(std::make_unique<Impl>()) {
    d->reset();
}

WindowsEventBuilder::~WindowsEventBuilder() = default;

void WindowsEventBuilder::clear() {
    d->reset();
}

void WindowsEventBuilder::setSystem(const QString &element, const QString &text) {
    if (!text.isEmpty())
        d->systemChild(element).text().set(text.toUtf8().constData());
}

void WindowsEventBuilder::setSystemAttribute(const QString &element, const QString &attribute,
                                             const QString &value) {
    if (value.isEmpty())
        return;
    pugi::xml_node node = d->systemChild(element);
    const QByteArray name = attribute.toUtf8();
    pugi::xml_attribute a = node.attribute(name.constData());
    if (!a)
        a = node.append_attribute(name.constData());
    a.set_value(value.toUtf8().constData());
}

void WindowsEventBuilder::addData(const QString &name, const QString &value) {
    pugi::xml_node node = d->data().append_child("Data");
    node.append_attribute("Name") = name.toUtf8().constData();
    node.text().set(value.toUtf8().constData());
}

void WindowsEventBuilder::setEventDataName(const QString &name) {
    d->data().append_attribute("Name") = name.toUtf8().constData();
}

void WindowsEventBuilder::addUserData(const QString &name, const QString &value) {
    if (!d->userData)
        d->userData = d->event.append_child("UserData").append_child("EventXML");
    d->userData.append_child(name.toUtf8().constData()).text().set(value.toUtf8().constData());
}

void WindowsEventBuilder::addEvtxJson(const FlatJson &json, const QString &prefix) {
    static const QLatin1String attributes("_attributes.");
    const QString root = prefix + QStringLiteral("Event.");
    for (const auto &[key, value] : json.items()) {
        if (!key.startsWith(root))
            continue;
        const QStringView rest = QStringView(key).mid(root.size());
        if (rest.startsWith(QLatin1String("System."))) {
            const QStringView field = rest.mid(7);
            if (const qsizetype at = field.indexOf(attributes); at > 0) {
                setSystemAttribute(field.left(at).toString(), field.mid(at + attributes.size()).toString(),
                                   value);
            } else if (const qsizetype dot = field.indexOf(QLatin1Char('.')); dot > 0) {
                if (field.endsWith(QLatin1String(".#text"))) // an element with attributes and text
                    setSystem(field.left(dot).toString(), value);
            } else {
                setSystem(field.toString(), value); // "Correlation": null stays out
            }
        } else if (rest == QLatin1String("EventData_attributes.Name")) {
            setEventDataName(value);
        } else if (rest.startsWith(QLatin1String("EventData."))) {
            addData(rest.mid(10).toString(), value);
        } else if (rest.startsWith(QLatin1String("UserData."))) {
            addUserData(rest.mid(rest.lastIndexOf(QLatin1Char('.')) + 1).toString(), value);
        }
    }
}

EventReader::Status WindowsEventBuilder::map(NormalizedEvent &event, const TimeNormalizer &times,
                                             ImportIssue &issue) const {
    return WindowsEventRecord::map(d->event, event, times, issue);
}

void WindowsEventBuilder::setChannelFromLogFile(const QString &path) {
    QString channel = QString::fromUtf8(d->system.child("Channel").text().get());
    if (channel.isEmpty()) {
        channel = channelFromLogFileName(path);
        setSystem(QStringLiteral("Channel"), channel);
    }
    if (channel.contains(QLatin1Char('/')) && !*d->system.child("Provider").attribute("Name").value())
        setSystemAttribute(QStringLiteral("Provider"), QStringLiteral("Name"),
                           channel.section(QLatin1Char('/'), 0, 0));
}

QString WindowsEventBuilder::channelFromLogFileName(const QString &path) {
    QString name = path.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    if (!name.endsWith(QLatin1String(".evtx"), Qt::CaseInsensitive))
        return {};
    name.chop(5);
    return name.replace(QLatin1String("%4"), QLatin1String("/"));
}

} // namespace tb
