#include "SplunkMacrosExporter.h"

#include "SplunkFilters.h"

namespace tb {

namespace {

QString decisionComment(const Decision &d) {
    QString line = QStringLiteral("# decision %1: %2").arg(QString::number(d.id), d.title);
    if (!d.noteId.isEmpty())
        line += QStringLiteral(" (note %1)").arg(d.noteId);
    if (d.expiresAt)
        line += QStringLiteral(", expires %1").arg(d.expiresAt->toString(Qt::ISODate));
    return SplunkFilters::confText(line);
}

} // namespace

bool SplunkMacrosExporter::write(const ExportInput &input, QIODevice &device) {
    QString error;
    const auto filters = SplunkFilters::build(input, &error);
    if (!filters)
        return fail(error);
    QString text = QStringLiteral(
        "# Splunk filter macros written by Tunebench from the approved tuning decisions.\n"
        "# Each stanza replaces the ESCU detection's own filter macro (default: search *), which the\n"
        "# detection calls as its last command. Put them in "
        "$SPLUNK_HOME/etc/apps/<app>/local/macros.conf.\n");
    if (filters->isEmpty())
        text += QStringLiteral("# No approved decision applies to an ESCU detection.\n");
    for (const SplunkDetectionFilter &filter : *filters) {
        text += QLatin1Char('\n');
        for (const Decision *d : filter.decisions)
            text += decisionComment(*d) + QLatin1Char('\n');
        QStringList ids;
        for (const Decision *d : filter.decisions)
            ids << QString::number(d->id);
        text += QLatin1Char('[') + filter.macro + QStringLiteral("]\n");
        text += QStringLiteral("definition = ") + filter.definition + QLatin1Char('\n');
        text +=
            QStringLiteral("description = ") +
            SplunkFilters::confText(QStringLiteral("Tunebench tuning of %1 (%2): decisions %3.")
                                        .arg(filter.title, filter.ruleId, ids.join(QStringLiteral(", ")))) +
            QLatin1Char('\n');
        text += QStringLiteral("iseval = 0\n");
    }
    return writeAll(device, text);
}

} // namespace tb
