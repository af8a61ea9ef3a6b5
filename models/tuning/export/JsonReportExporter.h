#pragma once

#include "Exporter.h"

namespace tb {

// Every decision as JSON, the condition as structured predicates (field, modifiers, values) that
// ConditionParser::addPredicate reads back, so a report can be checked or re-imported by tools.
class JsonReportExporter final : public Exporter {
public:
    QString id() const override { return QStringLiteral("json"); }
    QString title() const override { return QStringLiteral("Decision report (JSON)"); }
    QString fileSuffix() const override { return QStringLiteral("json"); }
    QString syntaxName() const override { return QStringLiteral("JSON"); }
    bool usesImpact() const override { return true; }
    bool write(const ExportInput &input, QIODevice &device) override;
};

} // namespace tb
