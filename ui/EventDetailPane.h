#pragma once

#include <QTextBrowser>

namespace tb {

struct EventDetail;

// The selected event: its likelihood, the ranked explanations with score bars and evidence, the
// counter-evidence in a warning colour, prevalence, the normalized fields and the raw record.
class EventDetailPane final : public QTextBrowser {
    Q_OBJECT
public:
    explicit EventDetailPane(QWidget *parent = nullptr);

    void showDetail(const EventDetail &detail);
    void showMessage(const QString &message);

    static QString toHtml(const EventDetail &detail, const QPalette &palette);
};

} // namespace tb
