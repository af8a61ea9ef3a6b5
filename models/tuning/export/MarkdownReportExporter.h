#pragma once

#include "Exporter.h"

namespace tb {

// The decisions as a Markdown document for a detection-as-code pull request: a summary table and
// one section per decision with its condition in a code block and the rationale quoted. User text
// is escaped (CommonMark backslash escapes, '&' as an entity) so that it cannot open links, HTML
// or table cells.
class MarkdownReportExporter final : public Exporter {
public:
    QString id() const override { return QStringLiteral("markdown"); }
    QString title() const override { return QStringLiteral("Decision report (Markdown)"); }
    QString fileSuffix() const override { return QStringLiteral("md"); }
    QString syntaxName() const override { return QStringLiteral("Markdown"); }
    bool usesImpact() const override { return true; }
    bool write(const ExportInput &input, QIODevice &device) override;

    static QString inlineText(const QString &text); // one line of prose or a table cell
    static QString codeBlock(const QString &text);  // fenced, longer than any backtick run inside
};

} // namespace tb
