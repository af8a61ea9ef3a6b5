#include "SplunkSearchExporter.h"

#include "SplunkFilters.h"

namespace tb {

namespace {

// Inside an SPL comment only a run of three backticks matters: it would end the comment.
QString commentText(const QString &text) {
    QString out = SplunkFilters::confText(text);
    while (out.contains(QLatin1String("```")))
        out.replace(QLatin1String("```"), QLatin1String("``"));
    return out;
}

} // namespace

bool SplunkSearchExporter::write(const ExportInput &input, QIODevice &device) {
    QString error;
    const auto filters = SplunkFilters::build(input, &error);
    if (!filters)
        return fail(error);
    QString text;
    for (const SplunkDetectionFilter &filter : *filters) {
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        QStringList decisions;
        for (const Decision *d : filter.decisions)
            decisions << QStringLiteral("%1 %2").arg(QString::number(d->id), d->title);
        text += QStringLiteral("``` %1: append to the search of %2 (%3). Decisions: %4 ```\n")
                    .arg(commentText(filter.title), commentText(filter.macro), commentText(filter.ruleId),
                         commentText(decisions.join(QStringLiteral("; "))));
        text += QStringLiteral("| ") + filter.definition + QLatin1Char('\n');
    }
    if (text.isEmpty())
        text = QStringLiteral("``` No approved decision applies to an ESCU detection. ```\n");
    return writeAll(device, text);
}

} // namespace tb
