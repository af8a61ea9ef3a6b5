#include "EventDetailPane.h"

#include "items/EventTableModel.h"
#include "VerdictPalette.h"
#include "workspace/EventDetail.h"

#include <QEvent>
#include <QPalette>
#include <QUrl>
#include <QUrlQuery>

namespace tb {

namespace {

QString escaped(const QString &text) {
    return text.toHtmlEscaped();
}

// Links to a group of events: tb:group?kind=task_name&value=...
const char *groupKey(EventGroup group) {
    switch (group) {
    case EventGroup::TaskName:
        return "task_name";
    case EventGroup::TaskAction:
        return "task_action";
    case EventGroup::Parent:
        return "parent";
    case EventGroup::Host:
        return "host";
    default:
        return "rule";
    }
}

QString groupLink(EventGroup group, const QString &value) {
    QUrl url;
    url.setScheme(QStringLiteral("tb"));
    url.setPath(QStringLiteral("group"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("kind"), QLatin1String(groupKey(group)));
    query.addQueryItem(QStringLiteral("value"), value);
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded).toHtmlEscaped();
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
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() != QLatin1String("tb") || url.path() != QLatin1String("group"))
            return;
        const QUrlQuery query(url);
        const QString kind = query.queryItemValue(QStringLiteral("kind"), QUrl::FullyDecoded);
        for (EventGroup group : {EventGroup::TaskName, EventGroup::TaskAction, EventGroup::Parent,
                                 EventGroup::Host, EventGroup::Rule}) {
            if (kind == QLatin1String(groupKey(group)))
                emit groupRequested(
                    {group, query.queryItemValue(QStringLiteral("value"), QUrl::FullyDecoded)});
        }
    });
    showMessage(tr("Select an event to see its explanations."));
}

EventDetailPane::~EventDetailPane() = default;

void EventDetailPane::changeEvent(QEvent *event) {
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_shown)
        setHtml(toHtml(*m_shown, palette()));
}

void EventDetailPane::showMessage(const QString &message) {
    m_shown.reset();
    setHtml(QStringLiteral("<p style='color:gray'>%1</p>").arg(escaped(message)));
}

void EventDetailPane::showDetail(const EventDetail &detail) {
    m_shown = std::make_unique<EventDetail>(detail);
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
    if (d.verdict.verdict) {
        const QString name = verdictName(*d.verdict.verdict);
        html += QStringLiteral("<p><span style='background-color:%1; color:white'>&nbsp;%2&nbsp;</span> "
                               "<span style='color:%3'>%4</span></p>")
                    .arg(VerdictPalette::strong(name).name(), escaped(verdictTitle(*d.verdict.verdict)),
                         colours.muted,
                         escaped(tr("by %1, %2")
                                     .arg(d.verdictAnalyst, d.verdictDecidedAt.left(16).replace(
                                                                QLatin1Char('T'), QLatin1Char(' ')))));
        if (!d.verdict.comment.isEmpty())
            html += QStringLiteral("<p><i>%1</i></p>").arg(escaped(d.verdict.comment));
    } else {
        html += tr("<p style='color:%1'>Unreviewed.</p>").arg(colours.muted);
    }
    // Prevalence: rare is suspicious, everywhere is usually software.
    QString prevalence;
    if (!d.prevalenceLoaded)
        prevalence = tr("Counting the hosts and the events like this one…");
    else if (d.taskNameHosts > 0 && d.taskActionHosts > 0)
        prevalence = tr("This task name is on %n host(s); ", nullptr, int(d.taskNameHosts)) +
                     tr("this action on %n.", nullptr, int(d.taskActionHosts));
    else if (d.taskNameHosts > 0)
        prevalence = tr("This task name is on %n host(s).", nullptr, int(d.taskNameHosts));
    else if (d.taskActionHosts > 0)
        prevalence = tr("This task action is on %n host(s).", nullptr, int(d.taskActionHosts));
    if (!prevalence.isEmpty())
        html +=
            QStringLiteral("<p%1>%2</p>")
                .arg(d.prevalenceLoaded ? QString() : QStringLiteral(" style='color:%1'").arg(colours.muted),
                     escaped(prevalence));
    // Links to the events like this one.
    QStringList links;
    auto link = [&](EventGroup group, EventField field, qint64 count, const QString &label) {
        const QString value = d.value(field);
        if (!value.isEmpty() && count > 0)
            links << QStringLiteral("<a href='%1'>%2</a>")
                         .arg(groupLink(group, value), escaped(label.arg(count)));
    };
    link(EventGroup::TaskName, EventField::TaskName, d.sameTaskName, tr("same task name (%L1)"));
    link(EventGroup::TaskAction, EventField::TaskAction, d.sameTaskAction, tr("same action (%L1)"));
    link(EventGroup::Parent, EventField::ParentName, d.sameParent, tr("same parent (%L1)"));
    link(EventGroup::Host, EventField::Host, d.sameHost, tr("same host (%L1)"));
    if (!links.isEmpty())
        html += tr("<p>Events like this: %1. All three alike: %L2.</p>")
                    .arg(links.join(QStringLiteral(" · ")))
                    .arg(d.likeThis);

    if (!d.notes.isEmpty()) {
        html += tr("<h4>Likely explanations</h4>");
        const int top = std::max(1, d.notes.first().score);
        html += QStringLiteral("<table cellspacing='0' cellpadding='3' width='100%'>");
        int rank = 0;
        for (const EventDetail::RankedNote &n : d.notes) {
            const int width = std::clamp(n.score * 100 / top, 2, 100);
            // A slim score bar (a table cell with a tiny font), then the note and where it comes from.
            html += QStringLiteral("<tr><td valign='top' width='24'><b>%1.</b></td><td>"
                                   "<table cellspacing='0' cellpadding='0' width='%2%'><tr><td bgcolor='%3' "
                                   "style='font-size:3px'>&nbsp;</td></tr></table>"
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
        for (const EventDetail::ScoredSentence &c : d.counterEvidence)
            html += QStringLiteral("<li style='color:%1'>%2</li>").arg(colours.warning, escaped(c.sentence));
        html += QStringLiteral("</ul>");
    }
    if (!d.likelihoodTerms.isEmpty()) {
        // Every point of the likelihood names where it comes from.
        html += tr("<h4>How the likelihood adds up</h4>") +
                QStringLiteral("<table cellspacing='0' cellpadding='1'>");
        int sum = 0;
        for (const EventDetail::ScoredSentence &t : d.likelihoodTerms) {
            sum += t.points;
            html +=
                QStringLiteral("<tr><td align='right' valign='top' style='color:%1'>%2</td><td>%3</td></tr>")
                    .arg(t.points < 0 ? colours.warning : colours.muted,
                         t.points > 0 ? QStringLiteral("+%1").arg(t.points) : QString::number(t.points),
                         escaped(t.sentence));
        }
        if (d.fpLikelihood) {
            const QString note =
                sum == *d.fpLikelihood ? QString() : tr("the sum %1, kept within 0–100").arg(sum);
            html += QStringLiteral("<tr><td align='right'><b>=%1</b></td><td style='color:%2'>%3</td></tr>")
                        .arg(*d.fpLikelihood)
                        .arg(colours.muted, escaped(note));
        }
        html += QStringLiteral("</table>");
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
