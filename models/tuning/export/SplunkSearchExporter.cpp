#include "SplunkSearchExporter.h"

#include "SplunkFilters.h"

namespace tb {

namespace {

// Comment text without backticks: three would end the comment, one could read as a macro call.
QString commentText(const QString &text) {
    return SplunkFilters::confText(text).replace(QLatin1Char('`'), QLatin1Char('\''));
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
        text += QStringLiteral("``` %1 (%2): in place of its filter macro %3. Decisions: %4 ```\n")
                    .arg(commentText(filter.title), commentText(filter.ruleId), commentText(filter.macro),
                         commentText(decisions.join(QStringLiteral("; "))));
        text += QStringLiteral("| ") + filter.definition + QLatin1Char('\n');
    }
    if (text.isEmpty())
        text = QStringLiteral("``` No approved decision applies to an ESCU detection. ```\n");
    return writeAll(device, text);
}

} // namespace tb
