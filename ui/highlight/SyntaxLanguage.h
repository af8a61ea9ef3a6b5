#pragma once

#include "highlight/CommandLanguage.h"

#include <QLatin1String>
#include <QString>
#include <QStringList>

namespace tb {

// The KSyntaxHighlighting definition names the workbench highlights with (pass them to
// HighlightedTextView::setText). The last three are Tunebench's own, in resources/syntax.
namespace SyntaxLanguage {
inline constexpr QLatin1String PowerShell("PowerShell");
inline constexpr QLatin1String Batch("MS-DOS Batch");
inline constexpr QLatin1String Bash("Bash");
inline constexpr QLatin1String Json("JSON");
inline constexpr QLatin1String Xml("XML");
inline constexpr QLatin1String Yaml("YAML");     // Sigma rules
inline constexpr QLatin1String Ini("INI Files"); // generic .conf files
inline constexpr QLatin1String Spl("Splunk SPL");
inline constexpr QLatin1String SplunkMacros("Splunk Macros"); // macros.conf, definitions as SPL
inline constexpr QLatin1String Kql("KQL");

// The definition for a command line's shell; empty (plain text) when it is unknown.
inline QString forCommand(CommandLanguage language) {
    switch (language) {
    case CommandLanguage::PowerShell:
        return PowerShell;
    case CommandLanguage::Batch:
        return Batch;
    case CommandLanguage::Bash:
        return Bash;
    case CommandLanguage::Unknown:
        break;
    }
    return {};
}

// What the detail pane shows an event's command line and raw record in: the definitions worth loading
// before the first click.
inline QStringList detailPaneLanguages() {
    return {PowerShell, Batch, Bash, Json, Xml};
}
} // namespace SyntaxLanguage

} // namespace tb
