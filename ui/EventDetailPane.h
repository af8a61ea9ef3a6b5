#pragma once

#include "items/EventQuery.h"

#include <QTextBrowser>

#include <memory>

namespace tb {

struct EventDetail;

// The selected event: its likelihood, the ranked explanations with score bars and evidence, the
// counter-evidence in a warning colour, prevalence, links to the events like it, its verdict, the
// normalized fields.
class EventDetailPane final : public QTextBrowser {
    Q_OBJECT
public:
    explicit EventDetailPane(QWidget *parent = nullptr);
    ~EventDetailPane() override;

    void showDetail(const EventDetail &detail);
    void showMessage(const QString &message);

    static QString toHtml(const EventDetail &detail, const QPalette &palette);

protected:
    // The colours follow the palette: a switch to dark (or light) redraws the event.
    void changeEvent(QEvent *event) override;

signals:
    // A link to the events like this one was followed: show that group in the table.
    void groupRequested(const tb::GroupFilter &group);

private:
    std::unique_ptr<EventDetail> m_shown;
};

} // namespace tb
