#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace tb {

struct DecisionImpactReport;

// The decision builder's impact preview: how many events the condition would suppress, by rule,
// host and verdict; a blocking warning in the warning colour (it would hide a true positive or an
// event with strong counter-evidence) or a softer one (broad), and "Show in table".
class ImpactPreviewWidget final : public QWidget {
    Q_OBJECT
public:
    explicit ImpactPreviewWidget(QWidget *parent = nullptr);

    void showCounting();
    void showReport(const DecisionImpactReport &report);
    void showMessage(const QString &message); // no count: an empty or invalid condition, an error

    bool isBlocked() const { return m_blocked; }
    qint64 matched() const { return m_matched; } // -1 while counting or without a count
    QLabel *countLabel() const { return m_count; }
    QLabel *warningLabel() const { return m_warning; }
    QTreeWidget *breakdown() const { return m_breakdown; }
    QPushButton *showInTableButton() const { return m_showInTable; }

signals:
    void showInTableRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Tone { None, Soft, Blocking };
    void setWarning(const QString &text, Tone tone);
    void styleWarning();

    QLabel *m_count = nullptr;
    QLabel *m_warning = nullptr;
    QTreeWidget *m_breakdown = nullptr;
    QPushButton *m_showInTable = nullptr;
    Tone m_tone = Tone::None;
    bool m_blocked = false;
    qint64 m_matched = -1;
};

} // namespace tb
