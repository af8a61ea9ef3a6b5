#pragma once

#include "ExportInput.h"

#include <QList>
#include <QString>

#include <optional>

namespace tb {

// The approved decisions of each ESCU detection, rendered as the body of its filter macro. Shared
// by the macros.conf and the `| search NOT (...)` exporters.
struct SplunkDetectionFilter {
    QString macro;  // windows_schtasks_create_run_as_system_filter
    QString ruleId; // splunk:41a0e58e-…
    QString title;  // the detection's name
    QList<const Decision *> decisions;
    QString definition; // search NOT (...) [| where NOT (...)]
};

class SplunkFilters final {
public:
    // Sorted by macro name; nullopt + error when a decision cannot be said in SPL or names a rule
    // the catalog does not know as an ESCU detection.
    static std::optional<QList<SplunkDetectionFilter>> build(const ExportInput &input, QString *error);
    // One line of a .conf file: control characters become spaces and a final backslash, which would
    // continue the line, is followed by " (end)".
    static QString confText(const QString &text);
};

} // namespace tb
