#pragma once

#include <QWidget>

#include <memory>
#include <optional>

namespace tb {

class Database;
class EventDetailPane;
class HighlightedTextView;
class TriageController;
class VerdictBar;
struct EventDetail;

// The detail dock: the verdict bar, then the selected event's explanations and fields, its command
// line and its raw record (both highlighted).
class EventDetailView final : public QWidget {
    Q_OBJECT
public:
    explicit EventDetailView(TriageController *controller, QWidget *parent = nullptr);
    ~EventDetailView() override;

    // Reads the event from the workspace and shows it; a message when it is gone or unreadable.
    void showEvent(Database &db, qint64 eventId);
    void showMessage(const QString &message);
    qint64 eventId() const { return m_eventId; }
    const EventDetail *detail() const { return m_detail.get(); }

    EventDetailPane *pane() const { return m_pane; }
    HighlightedTextView *commandLineView() const { return m_commandLine; }
    HighlightedTextView *rawView() const { return m_raw; }
    VerdictBar *verdictBar() const { return m_verdictBar; }

private:
    VerdictBar *m_verdictBar = nullptr;
    EventDetailPane *m_pane = nullptr;
    HighlightedTextView *m_commandLine = nullptr;
    HighlightedTextView *m_raw = nullptr;
    std::unique_ptr<EventDetail> m_detail;
    qint64 m_eventId = 0;
};

} // namespace tb
