#pragma once

#include "EventDetail.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QString>

namespace tb {

class Database;

// Counts an event's prevalence and the events like it (EventDetail::loadPrevalence) on a pool thread
// with its own connection, so that the detail pane shows the event at once and the counts a moment
// later. Only the newest request is answered. When the workspace's prevalence table is out of date
// (new events, or never counted), it is counted again in the background, one rebuild at a time;
// meanwhile each request counts its own values.
class PrevalenceLoader final : public QObject {
    Q_OBJECT
public:
    explicit PrevalenceLoader(QString workspacePath, QObject *parent = nullptr);
    void request(const EventDetail &detail);
    bool isRebuilding() const { return m_rebuilding; }

signals:
    void ready(const tb::EventDetail &detail); // the request's detail with its counts filled in
    void rebuilt();                            // the prevalence table is current again (or failed to be)

private:
    void rebuildTable();

    QString m_path;
    quint64 m_generation = 0;
    bool m_rebuilding = false;
    QDeadlineTimer m_retryAfter{0}; // after a failed rebuild
};

} // namespace tb
