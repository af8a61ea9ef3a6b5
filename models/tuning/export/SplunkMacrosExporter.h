#pragma once

#include "Exporter.h"

namespace tb {

// macros.conf with one `[<detection>_filter]` stanza per ESCU detection that has approved
// decisions: `definition = search NOT (...)`, a description, `iseval = 0` (macros.conf.spec:
// definition, iseval, description), and a comment line per decision above the stanza.
class SplunkMacrosExporter final : public Exporter {
public:
    QString id() const override { return QStringLiteral("splunk"); }
    QString title() const override { return QStringLiteral("Splunk filter macros (macros.conf)"); }
    QString fileSuffix() const override { return QStringLiteral("conf"); }
    QString syntaxName() const override { return QStringLiteral("Splunk Macros"); }
    bool write(const ExportInput &input, QIODevice &device) override;
};

} // namespace tb
