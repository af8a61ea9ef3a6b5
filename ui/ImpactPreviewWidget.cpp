#include "ImpactPreviewWidget.h"

#include "triage/Verdict.h"

#include "tuning/DecisionImpact.h"
#include "VerdictPalette.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tb {

namespace {

// The reviewer reads these: translated when the code is known, the model's words otherwise.
QString warningText(const ImpactWarning &w) {
    const bool one = w.events == 1;
    if (w.code == QLatin1String("true_positive"))
        return one ? ImpactPreviewWidget::tr("It would hide an event marked true positive.")
                   : ImpactPreviewWidget::tr("It would hide %L1 events marked true positive.").arg(w.events);
    if (w.code == QLatin1String("strong_counter_evidence"))
        return one ? ImpactPreviewWidget::tr("It would hide an event with strong counter-evidence.")
                   : ImpactPreviewWidget::tr("It would hide %L1 events with strong counter-evidence.")
                         .arg(w.events);
    if (w.code == QLatin1String("needs_escalation"))
        return one ? ImpactPreviewWidget::tr("It would hide an event awaiting escalation.")
                   : ImpactPreviewWidget::tr("It would hide %L1 events awaiting escalation.").arg(w.events);
    return w.message;
}

QString verdictLabel(const QString &key) {
    if (const std::optional<Verdict> verdict = verdictFromName(key))
        return verdictTitle(*verdict);
    return ImpactPreviewWidget::tr("unreviewed");
}

} // namespace

ImpactPreviewWidget::ImpactPreviewWidget(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("impactPreview"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("impactCount"));
    m_count->setAccessibleName(tr("Events the decision would suppress"));
    m_count->setWordWrap(true);
    QFont big = m_count->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_count->setFont(big);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("impactWarning"));
    m_warning->setAccessibleName(tr("Impact warning"));
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->hide();
    m_breakdown = new QTreeWidget(this);
    m_breakdown->setObjectName(QStringLiteral("impactBreakdown"));
    m_breakdown->setAccessibleName(tr("Impact by rule, host and verdict"));
    m_breakdown->setColumnCount(2);
    m_breakdown->setHeaderLabels({tr("Group"), tr("Events")});
    m_breakdown->setRootIsDecorated(true);
    m_breakdown->setUniformRowHeights(true);
    m_breakdown->header()->setStretchLastSection(false);
    m_breakdown->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_breakdown->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_showInTable = new QPushButton(tr("Show in Table"), this);
    m_showInTable->setObjectName(QStringLiteral("showInTable"));
    m_showInTable->setAccessibleName(tr("Show the matched events in the event table"));
    m_showInTable->setEnabled(false);
    connect(m_showInTable, &QPushButton::clicked, this, &ImpactPreviewWidget::showInTableRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_count);
    layout->addWidget(m_warning);
    layout->addWidget(m_breakdown, 1);
    layout->addWidget(m_showInTable, 0, Qt::AlignRight);
}

void ImpactPreviewWidget::showCounting() {
    m_matched = -1;
    m_count->setText(tr("Counting…"));
    m_showInTable->setEnabled(false);
}

void ImpactPreviewWidget::showMessage(const QString &message) {
    m_matched = -1;
    m_blocked = false;
    m_count->setText(message);
    m_breakdown->clear();
    m_showInTable->setEnabled(false);
    setWarning(QString(), Tone::None);
}

void ImpactPreviewWidget::showReport(const DecisionImpactReport &report) {
    if (!report.ok) {
        showMessage(tr("Cannot count the events: %1").arg(report.error));
        return;
    }
    m_matched = report.matched;
    m_blocked = report.isBlocked();
    m_count->setText(tr("Would suppress %L1 of %L2 events, on %L3 of %L4 hosts")
                         .arg(report.matched)
                         .arg(report.workspaceEvents)
                         .arg(report.byHost.size())
                         .arg(report.workspaceHosts));
    m_breakdown->clear();
    auto section = [this](const QString &title, const QList<ImpactBucket> &buckets, bool verdicts) {
        auto *top =
            new QTreeWidgetItem(m_breakdown, {QStringLiteral("%1 (%2)").arg(title).arg(buckets.size())});
        for (const ImpactBucket &b : buckets) {
            const QString name = verdicts ? verdictLabel(b.key) : b.label.isEmpty() ? b.key : b.label;
            auto *item = new QTreeWidgetItem(top, {name, QLocale().toString(b.events)});
            item->setToolTip(0, b.key);
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
        top->setExpanded(true);
    };
    section(tr("By rule"), report.byRule, false);
    section(tr("By host"), report.byHost, false);
    section(tr("By verdict"), report.byVerdict, true);
    if (report.alreadySuppressed > 0)
        new QTreeWidgetItem(m_breakdown,
                            {tr("Already suppressed"), QLocale().toString(report.alreadySuppressed)});

    QStringList blocking, soft;
    for (const ImpactWarning &w : report.warnings)
        (w.severity == ImpactWarning::Severity::Blocking ? blocking : soft) << warningText(w);
    if (!blocking.isEmpty()) {
        QString text =
            tr("Cannot be approved: %1 Narrow the condition.").arg(blocking.join(QLatin1Char(' ')));
        if (!soft.isEmpty())
            text += QLatin1Char('\n') + soft.join(QLatin1Char('\n'));
        setWarning(text, Tone::Blocking);
    } else {
        setWarning(soft.join(QLatin1Char('\n')), soft.isEmpty() ? Tone::None : Tone::Soft);
    }
    m_showInTable->setEnabled(report.matched > 0);
}

void ImpactPreviewWidget::setWarning(const QString &text, Tone tone) {
    m_tone = tone;
    m_warning->setText(text);
    m_warning->setVisible(!text.isEmpty());
    styleWarning();
}

void ImpactPreviewWidget::styleWarning() {
    // The detail pane's counter-evidence colours: readable on light and dark palettes.
    const bool dark = VerdictPalette::isDark(palette());
    QString colour;
    if (m_tone == Tone::Blocking)
        colour = dark ? QStringLiteral("#ff8a65") : QStringLiteral("#b3261e");
    else if (m_tone == Tone::Soft)
        colour = dark ? QStringLiteral("#ffcc66") : QStringLiteral("#8a5a00");
    m_warning->setStyleSheet(colour.isEmpty() ? QString()
                                              : QStringLiteral("QLabel { color: %1; border: 1px solid %1; "
                                                               "border-radius: 3px; padding: 4px; }")
                                                    .arg(colour));
    QFont font = m_warning->font();
    font.setBold(m_tone == Tone::Blocking);
    m_warning->setFont(font);
}

void ImpactPreviewWidget::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        styleWarning();
}

} // namespace tb
