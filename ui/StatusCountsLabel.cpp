#include "StatusCountsLabel.h"

#include "VerdictPalette.h"
#include "workspace/TriageCounts.h"

namespace tb {

StatusCountsLabel::StatusCountsLabel(QWidget *parent)
    : QLabel(parent) {
    setObjectName(QStringLiteral("countsLabel"));
    setAccessibleName(tr("Workspace counts"));
    setTextFormat(Qt::RichText);
}

void StatusCountsLabel::showCounts(const TriageCounts &counts) {
    const int percent = counts.total > 0 ? int(counts.reviewed * 100 / counts.total) : 0;
    QString text =
        tr("%L1 events  ·  %L2 reviewed (%3%)").arg(counts.total).arg(counts.reviewed).arg(percent);
    for (const auto &[verdict, count] : counts.byVerdict) {
        text += QStringLiteral("  ·  <span style='color:%1'>●</span> %2 %L3")
                    .arg(VerdictPalette::strong(verdictName(verdict)).name(),
                         verdictTitle(verdict).toHtmlEscaped())
                    .arg(count);
    }
    text += tr("  ·  %L1 suppressed").arg(counts.suppressed);
    setText(text);
    // Plain words for screen readers and tests.
    QString plain = tr("%L1 events, %L2 reviewed").arg(counts.total).arg(counts.reviewed);
    for (const auto &[verdict, count] : counts.byVerdict)
        plain += QStringLiteral(", %1 %L2").arg(verdictTitle(verdict)).arg(count);
    plain += tr(", %L1 suppressed").arg(counts.suppressed);
    setAccessibleDescription(plain);
}

} // namespace tb
