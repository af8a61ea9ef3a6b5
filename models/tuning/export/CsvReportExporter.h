#pragma once

#include "Exporter.h"

namespace tb {

// Every decision as one CSV record (RFC 4180: CRLF records, fields with a comma, quote or line
// break quoted, quotes doubled), UTF-8 with a byte-order mark so spreadsheets read it as UTF-8.
// A cell that starts with '=', '+', '-', '@', a tab or a carriage return gets a leading apostrophe,
// so a spreadsheet shows it as text instead of running it as a formula.
class CsvReportExporter final : public Exporter {
public:
    QString id() const override { return QStringLiteral("csv"); }
    QString title() const override { return QStringLiteral("Decision report (CSV)"); }
    QString fileSuffix() const override { return QStringLiteral("csv"); }
    QString syntaxName() const override { return QStringLiteral("CSV"); }
    bool usesImpact() const override { return true; }
    bool write(const ExportInput &input, QIODevice &device) override;

    static QString cell(const QString &text);
};

} // namespace tb
