#pragma once

#include "Exporter.h"

namespace tb {

// Sigma filters (Sigma Filters specification v2: title, id, description, date, modified, logsource,
// filter{rules, selection, condition}), one YAML document per decision and log source, written with
// yaml-cpp. pySigma applies a filter as "(rule condition) and (filter condition)", so the condition
// is `not selection`. Sigma field names come from FieldNameMap by the rules' log source.
class SigmaFilterExporter final : public Exporter {
public:
    QString id() const override { return QStringLiteral("sigma"); }
    QString title() const override { return QStringLiteral("Sigma filters (YAML)"); }
    QString fileSuffix() const override { return QStringLiteral("yml"); }
    QString syntaxName() const override { return QStringLiteral("YAML"); }
    bool write(const ExportInput &input, QIODevice &device) override;

    // A Sigma string for this pattern without its open ends, escaped per the specification:
    // '\*' and '\?' are literal wildcards, and a literal backslash is doubled when a wildcard or
    // another backslash follows it.
    static QString sigmaValue(const class ValuePattern &pattern, bool withOpenEnds);
    // Deterministic id of a decision's filter document (UUID v5).
    static QString filterId(qint64 decisionId, const QString &logsource);
};

} // namespace tb
