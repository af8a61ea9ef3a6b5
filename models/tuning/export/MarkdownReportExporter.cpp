#include "MarkdownReportExporter.h"

#include "ReportFields.h"

namespace tb {

QString MarkdownReportExporter::inlineText(const QString &text) {
    static const QString special = QStringLiteral("\\`*_[]<>|#!~{}");
    QString out;
    for (const QChar c : text) {
        if (c == QLatin1Char('\n'))
            out += QStringLiteral("<br>");
        else if (c == QLatin1Char('&'))
            out += QStringLiteral("&amp;");
        else if (c.unicode() < 0x20)
            out += QLatin1Char(' ');
        else if (special.contains(c))
            out += QLatin1Char('\\') + c;
        else
            out += c;
    }
    return out;
}

QString MarkdownReportExporter::codeBlock(const QString &text) {
    int longest = 0, run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(std::max(3, longest + 1), QLatin1Char('`'));
    QString body = text;
    body.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return fence + QStringLiteral("text\n") + body + QLatin1Char('\n') + fence + QLatin1Char('\n');
}

namespace {

QString quoteBlock(const QString &text) {
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n')))
        lines << QStringLiteral("> ") + MarkdownReportExporter::inlineText(line);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString orDash(const QString &text) {
    return text.isEmpty() ? QStringLiteral("—") : text;
}

} // namespace

bool MarkdownReportExporter::write(const ExportInput &input, QIODevice &device) {
    QList<ReportFields> all;
    int exported = 0;
    for (const Decision &d : input.decisions) {
        all << ReportFields::of(d, input);
        exported += all.last().exported ? 1 : 0;
    }
    QString md = QStringLiteral("# Tuning decisions\n\n");
    md += QStringLiteral("Written by Tunebench%1. %2 decision(s); %3 exported to the SIEM artefacts "
                         "(approved suppressions that have not expired).\n\n")
              .arg(input.today.isValid() ? QStringLiteral(" on ") + input.today.toString(Qt::ISODate)
                                         : QString())
              .arg(all.size())
              .arg(exported);
    md += QStringLiteral("| # | Decision | Status | Exported | Impact | Rules | Author | Expires |\n"
                         "|---:|---|---|---|---:|---:|---|---|\n");
    for (const ReportFields &f : all)
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |\n")
                  .arg(f.id, inlineText(f.title), f.status,
                       f.exported ? QStringLiteral("yes") : QStringLiteral("no"), orDash(f.impact),
                       f.rules.isEmpty() ? QStringLiteral("all") : QString::number(f.rules.size()),
                       inlineText(f.author), orDash(f.expiresAt));
    for (const ReportFields &f : all) {
        md += QStringLiteral("\n## Decision %1: %2\n\n").arg(f.id, inlineText(f.title));
        md += QStringLiteral("- **Status:** %1, %2\n").arg(f.status, inlineText(f.exportState));
        md += QStringLiteral("- **Action:** %1\n").arg(f.action);
        if (!f.noteId.isEmpty())
            md += QStringLiteral("- **False-positive note:** %1%2\n")
                      .arg(inlineText(f.noteId),
                           f.noteText.isEmpty()
                               ? QString()
                               : QStringLiteral(": \"") + inlineText(f.noteText) + QLatin1Char('"'));
        md += QStringLiteral("- **Impact:** %1\n")
                  .arg(f.impact.isEmpty() ? QStringLiteral("not counted")
                                          : f.impact + QStringLiteral(" event(s)"));
        if (f.rules.isEmpty()) {
            md += QStringLiteral("- **Rules:** every rule\n");
        } else {
            md += QStringLiteral("- **Rules:**\n");
            for (qsizetype i = 0; i < f.rules.size(); ++i)
                md += QStringLiteral("  - %1 (`%2`)\n")
                          .arg(inlineText(f.ruleTitles[i]), QString(f.rules[i]).remove(QLatin1Char('`')));
        }
        md += QStringLiteral("- **Hosts:** %1\n")
                  .arg(f.hosts.isEmpty() ? QStringLiteral("every host")
                                         : inlineText(f.hosts.join(QStringLiteral(", "))));
        md += QStringLiteral("- **Author:** %1; created %2, updated %3; expires %4; review %5\n")
                  .arg(inlineText(f.author), orDash(f.createdAt), orDash(f.updatedAt), orDash(f.expiresAt),
                       orDash(f.reviewAt));
        md += QStringLiteral(
            "\nCondition (Tunebench's condition language, values quoted as in its YAML files):\n\n");
        md += codeBlock(f.condition);
        if (!f.rationale.isEmpty())
            md += QStringLiteral("\nRationale:\n\n") + quoteBlock(f.rationale);
    }
    return writeAll(device, md);
}

} // namespace tb
