#pragma once

#include <QWidget>

class QChartView;
class QLabel;

namespace tb {

struct OverviewStats;

// The overview dock (Qt Charts): alerts per day by verdict, the most frequent task names and parents,
// and review progress. Follows the light or dark palette.
class OverviewPane final : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPane(QWidget *parent = nullptr);
    void showStats(const OverviewStats &stats);
    bool hasStats() const { return m_hasStats; }
    QChartView *timeline() const { return m_timeline; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();

    QChartView *m_timeline = nullptr;
    QChartView *m_taskNames = nullptr;
    QChartView *m_parents = nullptr;
    QChartView *m_progress = nullptr;
    bool m_hasStats = false;
};

} // namespace tb
