#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace tb {

class EventTableModel;
class HighlightBackend;

// Highlights ahead the events the keyboard shows next from the current row: the rows below and above
// (the arrow keys, and the next event after a verdict) and the next and previous unreviewed ones (N,
// P) among the loaded pages, so that keyboard triage finds their command line and raw record in the
// highlighter's cache. Their texts are read on a pool thread with a connection of its own; the
// backend highlights them at low priority. A newer row replaces the request of an older one.
class HighlightPrefetcher final : public QObject {
    Q_OBJECT
public:
    explicit HighlightPrefetcher(HighlightBackend *backend, QObject *parent = nullptr);

    // The open workspace and its table; an empty path and nullptr when none is open.
    void setWorkspace(const QString &path, const EventTableModel *model);
    void prefetchAround(int row, bool dark);
    // The events the last prefetchAround() chose, the likeliest next first.
    const QList<qint64> &chosenEvents() const { return m_chosen; }
    // From prefetchAround() until the texts are read and handed to the backend.
    bool isReading() const { return m_reading; }

private:
    HighlightBackend *m_backend;
    QString m_path;
    QPointer<const EventTableModel> m_model;
    QList<qint64> m_chosen;
    quint64 m_generation = 0;
    bool m_reading = false;
};

} // namespace tb
