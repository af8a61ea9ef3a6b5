#include "EventDetailPane.h"

#include "items/EventTableModel.h"
#include "workspace/EventDetail.h"

#include <QPalette>

namespace tb {

namespace {

QString escaped(const QString &text) {
    return text.toHtmlEscaped();
}

// Colours readable on both the light and the dark palette.
struct Colours {
    QString bar, warning, muted;
    explicit Colours(const QPalette &palette) {
        const bool dark = palette.color(QPalette::Base).lightness() < 128;
        bar = dark ? QStringLiteral("#4f9dde") : QStringLiteral("#2f6fb0");
        warning = dark ? QStringLiteral("#ff8a65") : QStringLiteral("#b3261e");
        muted = dark ? QStringLiteral("#a0a0a0") : QStringLiteral("#666666");
    }
};

} // namespace

EventDetailPane::EventDetailPane(QWidget *parent)
    : QTextBrowser(parent) {
    setObjectName(QStringLiteral("eventDetailPane"));
    setAccessibleName(tr("Event details"));
    setOpenLinks(false);
    showMessage(tr("Select an event to see its explanations."));
}

void EventDetailPane::showMessage(const QString &message) {
    setHtml(QStringLiteral("<p style='color:gray'>%1</p>").arg(escaped(message)));
}

void EventDetailPane::showDetail(const EventDetail &detail) {
    setHtml(toHtml(detail, palette()));
}

QString EventDetailPane::toHtml(const EventDetail &d, const QPalette &palette) {
    const Colours colours(palette);
    QString html;
    const QString task = d.value(EventField::TaskName);
    html += QStringLiteral("<h3>%1</h3>").arg(escaped(task.isEmpty() ? d.value(EventField::RuleName) : task));
    html += QStringLiteral("<p>%1 · %2 · %3</p>")
                .arg(escaped(d.value(EventField::Host)), escaped(d.value(EventField::User)),
                     escaped(d.value(EventField::RuleName)));
    if (d.fpLikelihood)
        html += tr("<p><b>False-positive likelihood: %1%</b></p>").arg(*d.fpLikelihood);
    else
        html += tr("<p>Not explained yet.</p>");
    if (d.taskNameHosts > 0)
        html += tr("<p style='color:%1'>This task name is on %n host(s) of the workspace.</p>", nullptr,
                   d.taskNameHosts)
                    .arg(colours.muted);

    if (!d.notes.isEmpty()) {
        html += tr("<h4>Likely explanations</h4>");
        const int top = std::max(1, d.notes.first().score);
        html += QStringLiteral("<table cellspacing='0' cellpadding='3' width='100%'>");
        int rank = 0;
        for (const EventDetail::RankedNote &n : d.notes) {
            const int width = std::clamp(n.score * 100 / top, 2, 100);
            html += QStringLiteral("<tr><td valign='top' width='24'><b>%1.</b></td><td>"
                                   "<table cellspacing='0' cellpadding='0' width='%2%'><tr><td bgcolor='%3' "
                                   "height='6'></td></tr></table>"
                                   "<i>“%4”</i> <span style='color:%5'>— %6, score %7</span><ul>")
                        .arg(++rank)
                        .arg(width)
                        .arg(colours.bar, escaped(n.text), colours.muted, escaped(n.themeTitle))
                        .arg(n.score);
            for (const QString &sentence : n.evidence)
                html += QStringLiteral("<li>%1</li>").arg(escaped(sentence));
            if (n.evidence.isEmpty())
                html += tr("<li style='color:%1'>only because the rule that fired lists this note</li>")
                            .arg(colours.muted);
            html +=
                QStringLiteral("</ul><span style='color:%1; font-size:small'>%2</span></td></tr>")
                    .arg(colours.muted, escaped(tr("From: %1").arg(n.ruleTitles.join(QStringLiteral("; ")))));
        }
        html += QStringLiteral("</table>");
    }
    if (!d.counterEvidence.isEmpty()) {
        html += tr("<h4 style='color:%1'>Against a false positive</h4><ul>").arg(colours.warning);
        for (const EventDetail::Counter &c : d.counterEvidence)
            html += QStringLiteral("<li style='color:%1'>%2</li>").arg(colours.warning, escaped(c.sentence));
        html += QStringLiteral("</ul>");
    }

    html += tr("<h4>Fields</h4>") + QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    for (const auto &[field, value] : d.fields) {
        html += QStringLiteral("<tr><td valign='top' style='color:%1'>%2</td><td><code>%3</code></td></tr>")
                    .arg(colours.muted, escaped(EventTableModel::columnTitle(field)),
                         escaped(value).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    html += QStringLiteral("</table>");
    html += tr("<p style='color:%1'>Raw record: %2, record %3 (below)</p>")
                .arg(colours.muted, escaped(d.sourceFile))
                .arg(d.recordNo);
    return html;
}

} // namespace tb
