#pragma once

#include "Exporter.h"

namespace tb {

// The same filters as SplunkMacrosExporter as `| search NOT (...)` lines to append to each
// detection's search, each under an SPL comment (```…```) naming the detection.
class SplunkSearchExporter final : public Exporter {
public:
    QString id() const override { return QStringLiteral("splunk-search"); }
    QString title() const override { return QStringLiteral("Splunk search snippets (SPL)"); }
    QString fileSuffix() const override { return QStringLiteral("spl"); }
    QString syntaxName() const override { return QStringLiteral("Splunk SPL"); }
    bool write(const ExportInput &input, QIODevice &device) override;
};

} // namespace tb
