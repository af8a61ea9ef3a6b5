#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace tb {

// The status bar's "background work" corner: what runs (import, explain), its progress and Cancel.
// Hidden when nothing runs.
class BackgroundWorkIndicator final : public QWidget {
    Q_OBJECT
public:
    explicit BackgroundWorkIndicator(QWidget *parent = nullptr);

    void start(const QString &what);
    // `total` 0: busy without a known end.
    void setProgress(qint64 done, qint64 total, const QString &what = {});
    void finish();
    bool isBusy() const { return m_busy; }

signals:
    void cancelRequested();

private:
    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
    bool m_busy = false;
};

} // namespace tb
