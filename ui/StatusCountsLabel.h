#pragma once

#include <QLabel>

namespace tb {

struct TriageCounts;

// The status bar's counts: total, reviewed (with a share), each verdict, suppressed.
class StatusCountsLabel final : public QLabel {
    Q_OBJECT
public:
    explicit StatusCountsLabel(QWidget *parent = nullptr);
    void showCounts(const TriageCounts &counts);
};

} // namespace tb
