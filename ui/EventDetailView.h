#pragma once

#include "highlight/HighlightBackend.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <utility>

namespace tb {

class Database;
class EventDetailPane;
class HighlightedTextView;
class PrevalenceLoader;
class TriageController;
class VerdictBar;
struct EventDetail;
struct EventHighlightTexts;

// The detail dock: the verdict bar, then the selected event's explanations and fields, its command
// line and its raw record (both highlighted).
class EventDetailView final : public QWidget {
    Q_OBJECT
public:
    explicit EventDetailView(TriageController *controller, QWidget *parent = nullptr);
    ~EventDetailView() override;

    // Reads the event from the workspace and shows it; a message when it is gone or unreadable. Its
    // prevalence and the events like it are counted in the background and shown when they come.
    void showEvent(Database &db, qint64 eventId);
    bool isComplete() const; // the counts are in too
    void showMessage(const QString &message);
    qint64 eventId() const { return m_eventId; }
    const EventDetail *detail() const { return m_detail.get(); }

    EventDetailPane *pane() const { return m_pane; }
    HighlightedTextView *commandLineView() const { return m_commandLine; }
    HighlightedTextView *rawView() const { return m_raw; }
    VerdictBar *verdictBar() const { return m_verdictBar; }

    // The command line's and the raw record's text and language, as the two views are given them:
    // highlighting ahead asks for exactly these, so that the highlighter's cache finds them.
    static std::pair<HighlightRequest, HighlightRequest> highlightRequests(const EventHighlightTexts &texts,
                                                                           bool dark);

private:
    VerdictBar *m_verdictBar = nullptr;
    EventDetailPane *m_pane = nullptr;
    HighlightedTextView *m_commandLine = nullptr;
    HighlightedTextView *m_raw = nullptr;
    std::unique_ptr<EventDetail> m_detail;
    PrevalenceLoader *m_prevalence = nullptr;
    QString m_prevalencePath; // the workspace m_prevalence counts in
    qint64 m_eventId = 0;
};

} // namespace tb
