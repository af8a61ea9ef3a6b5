#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QHBoxLayout;
class QLineEdit;

namespace tb {

class TriageController;
struct EventDetail;

// Above the detail pane: the verdict buttons (with their single-key shortcuts), which explanation
// justifies the verdict, a comment, "all like this" and next/previous unreviewed.
class VerdictBar final : public QWidget {
    Q_OBJECT
public:
    explicit VerdictBar(TriageController *controller, QWidget *parent = nullptr);

    // Offers the event's explanations as justifications (its top one by default).
    void showEvent(const EventDetail *detail);
    QComboBox *justification() const { return m_justification; }
    QLineEdit *comment() const { return m_comment; }
    // A button for `action` beside "all like this" (the tuning controller's "Tune…").
    void addMoveButton(QAction *action);

private:
    TriageController *m_controller;
    QComboBox *m_justification = nullptr;
    QLineEdit *m_comment = nullptr;
    QHBoxLayout *m_moves = nullptr;
};

} // namespace tb
