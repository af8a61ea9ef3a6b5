#include "OverviewPane.h"

#include "triage/Verdict.h"
#include "VerdictPalette.h"
#include "workspace/OverviewStats.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGridLayout>
#include <QHorizontalBarSeries>
#include <QPieSeries>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace tb {

namespace {

QChartView *chartView(QWidget *parent, const QString &name) {
    auto *view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(name);
    view->setMinimumHeight(200);
    view->chart()->setTitle(name);
    view->chart()->legend()->setVisible(false);
    view->chart()->setMargins(QMargins(4, 4, 4, 4));
    return view;
}

void topBars(QChartView *view, const QList<QPair<QString, qint64>> &items, const QColor &colour) {
    QChart *chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    auto *set = new QBarSet(view->accessibleName());
    set->setColor(colour);
    QStringList names;
    // Largest at the top: a horizontal bar chart draws its first category at the bottom.
    for (auto it = items.crbegin(); it != items.crend(); ++it) {
        *set << double(it->second);
        const QString name = it->first.section(QLatin1Char('\\'), -1);
        names << (name.size() > 28 ? name.left(27) + QChar(0x2026) : name);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(names);
    QFont small = view->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    categories->setLabelsFont(small);
    categories->setTruncateLabels(false); // the names are what the chart is about
    categories->setLabelsColor(view->palette().color(QPalette::Text));
    chart->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto *values = new QValueAxis;
    values->setLabelFormat(QStringLiteral("%d"));
    values->setLabelsFont(small);
    values->setLabelsColor(view->palette().color(QPalette::Text));
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    values->applyNiceNumbers();
}

} // namespace

OverviewPane::OverviewPane(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("overviewPane"));
    m_timeline = chartView(this, tr("Alerts per day, by verdict"));
    m_timeline->chart()->legend()->setVisible(true);
    m_timeline->chart()->legend()->setAlignment(Qt::AlignBottom);
    m_taskNames = chartView(this, tr("Most frequent task names"));
    m_parents = chartView(this, tr("Most frequent parent processes"));
    m_progress = chartView(this, tr("Review progress"));
    m_progress->chart()->legend()->setVisible(true);
    m_progress->chart()->legend()->setAlignment(Qt::AlignRight);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_timeline, 0, 0, 1, 3);
    layout->addWidget(m_taskNames, 1, 0);
    layout->addWidget(m_parents, 1, 1);
    layout->addWidget(m_progress, 1, 2);
    layout->setColumnStretch(0, 3);
    layout->setColumnStretch(1, 3);
    layout->setColumnStretch(2, 2);
    layout->setRowStretch(0, 2);
    layout->setRowStretch(1, 3);
    applyTheme();
}

void OverviewPane::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
    QWidget::changeEvent(event);
}

void OverviewPane::applyTheme() {
    const bool dark = VerdictPalette::isDark(palette());
    for (QChartView *view : {m_timeline, m_taskNames, m_parents, m_progress}) {
        view->chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        view->chart()->setBackgroundBrush(palette().color(QPalette::Base));
        view->chart()->setTitleBrush(palette().color(QPalette::Text));
        view->chart()->legend()->setLabelColor(palette().color(QPalette::Text));
    }
}

void OverviewPane::showStats(const OverviewStats &stats) {
    m_hasStats = true;
    applyTheme(); // a theme resets colours: set it before the series get theirs

    // Alerts per day: one stacked bar per day, a set per verdict plus the unreviewed.
    QChart *timeline = m_timeline->chart();
    timeline->removeAllSeries();
    for (QAbstractAxis *axis : timeline->axes())
        timeline->removeAxis(axis);
    auto *series = new QStackedBarSeries;
    QStringList days;
    for (const OverviewStats::Day &day : stats.days)
        days << day.day.mid(5); // MM-DD
    auto *unreviewed = new QBarSet(tr("Unreviewed"));
    unreviewed->setColor(VerdictPalette::strong(QString()));
    for (const OverviewStats::Day &day : stats.days) {
        qint64 reviewed = 0;
        for (qint64 n : day.byVerdict)
            reviewed += n;
        *unreviewed << double(day.total - reviewed);
    }
    series->append(unreviewed);
    for (Verdict verdict : allVerdicts) {
        auto *set = new QBarSet(verdictTitle(verdict));
        set->setColor(VerdictPalette::strong(verdictName(verdict)));
        for (const OverviewStats::Day &day : stats.days)
            *set << double(day.byVerdict.value(verdictName(verdict)));
        series->append(set);
    }
    series->setBarWidth(0.9);
    timeline->addSeries(series);
    auto *dayAxis = new QBarCategoryAxis;
    dayAxis->append(days);
    dayAxis->setLabelsColor(palette().color(QPalette::Text));
    timeline->addAxis(dayAxis, Qt::AlignBottom);
    series->attachAxis(dayAxis);
    auto *countAxis = new QValueAxis;
    countAxis->setLabelFormat(QStringLiteral("%d"));
    countAxis->setLabelsColor(palette().color(QPalette::Text));
    timeline->addAxis(countAxis, Qt::AlignLeft);
    series->attachAxis(countAxis);
    countAxis->applyNiceNumbers();

    const QColor accent = palette().color(QPalette::Highlight);
    topBars(m_taskNames, stats.topTaskNames, accent);
    topBars(m_parents, stats.topParents, accent.darker(120));

    QChart *progress = m_progress->chart();
    progress->removeAllSeries();
    auto *pie = new QPieSeries;
    pie->setHoleSize(0.45);
    const qint64 reviewed = stats.reviewed;
    QMap<QString, qint64> perVerdict;
    for (const OverviewStats::Day &day : stats.days) {
        for (auto it = day.byVerdict.cbegin(); it != day.byVerdict.cend(); ++it)
            perVerdict[it.key()] += it.value();
    }
    for (Verdict verdict : allVerdicts) {
        if (const qint64 n = perVerdict.value(verdictName(verdict)); n > 0)
            pie->append(verdictTitle(verdict), double(n))
                ->setColor(VerdictPalette::strong(verdictName(verdict)));
    }
    pie->append(tr("Unreviewed"), double(std::max<qint64>(0, stats.total - reviewed)))
        ->setColor(VerdictPalette::strong(QString()));
    progress->addSeries(pie);
    progress->setTitle(tr("Review progress: %1% of %L2")
                           .arg(stats.total ? reviewed * 100 / stats.total : 0)
                           .arg(stats.total));
}

} // namespace tb
