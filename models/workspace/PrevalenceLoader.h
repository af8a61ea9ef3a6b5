#pragma once

#include "EventDetail.h"

#include <QObject>
#include <QString>

namespace tb {

class Database;

// Counts an event's prevalence and the events like it (EventDetail::loadPrevalence) on a pool thread
// with its own connection, so that the detail pane shows the event at once and the counts a moment
// later. Only the newest request is answered.
class PrevalenceLoader final : public QObject {
    Q_OBJECT
public:
    explicit PrevalenceLoader(QString workspacePath, QObject *parent = nullptr);
    void request(const EventDetail &detail);

signals:
    void ready(const tb::EventDetail &detail); // the request's detail with its counts filled in

private:
    QString m_path;
    quint64 m_generation = 0;
};

} // namespace tb
