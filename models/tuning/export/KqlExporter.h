#pragma once

#include "Exporter.h"

namespace tb {

// KQL for Microsoft Sentinel and Defender XDR: per rule, a `| where not(...)` clause to append to
// the analytics rule's query, over DeviceProcessEvents names when the decisions fit them, else
// over SecurityEvent names. Strings are KQL literals: verbatim @"..." for values with backslashes,
// else "..." with \\, \", \n, \r, \t escapes.
class KqlExporter final : public Exporter {
public:
    QString id() const override { return QStringLiteral("kql"); }
    QString title() const override { return QStringLiteral("Sentinel / Defender KQL"); }
    QString fileSuffix() const override { return QStringLiteral("kql"); }
    QString syntaxName() const override { return QStringLiteral("KQL"); }
    bool write(const ExportInput &input, QIODevice &device) override;

    static QString stringLiteral(const QString &text);
};

} // namespace tb
