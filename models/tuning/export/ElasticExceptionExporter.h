#pragma once

#include "Exporter.h"

namespace tb {

// Kibana exception lists as NDJSON for POST /api/exception_lists/_import: a list object (list_id,
// name, description, type "detection", namespace_type "single") followed by its items (item_id,
// list_id, name, description, type "simple", entries, comments, tags, expire_time). Entries in an
// item are AND-ed and items are OR-ed, so one decision is one item unless an OR inside a field needs
// several wildcard entries. A list applies to every rule it is attached to, so decisions are
// grouped into one list per set of Elastic rules; the rule ids to attach it to are in the list's
// description and meta.
class ElasticExceptionExporter final : public Exporter {
public:
    QString id() const override { return QStringLiteral("elastic"); }
    QString title() const override { return QStringLiteral("Elastic exception lists (NDJSON)"); }
    QString fileSuffix() const override { return QStringLiteral("ndjson"); }
    QString syntaxName() const override { return QStringLiteral("JSON"); }
    bool write(const ExportInput &input, QIODevice &device) override;

    // A value for a `wildcard` entry: '*' and '?' are wildcards, so literal ones and backslashes
    // are escaped with a backslash (Elastic's rule-exception syntax).
    static QString wildcardValue(const class ValuePattern &pattern);
};

} // namespace tb
