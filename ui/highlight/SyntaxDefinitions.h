#pragma once

#include <QString>
#include <QStringList>

namespace tb {

// Tunebench's own Kate syntax definitions (resources/syntax: Splunk SPL, Splunk Macros, KQL),
// compiled into the binary and installed to share/org.kde.syntax-highlighting/syntax/.
class SyntaxDefinitions final {
public:
    // The file names, e.g. "splunk-spl.xml".
    static QStringList fileNames();

    // The Qt resource root for KSyntaxHighlighting::Repository::addCustomSearchPath(): it holds
    // syntax/*.xml.
    static QString resourceSearchPath();

    // A folder holding org.kde.syntax-highlighting/syntax/ with current copies of the definitions,
    // for the tool's XDG_DATA_DIRS: the build or install tree's share/ next to bin/ when its copies
    // match the compiled-in ones, else the copies extracted from the Qt resources into the cache
    // folder. Empty, with `error` set, when neither exists nor can be written.
    static QString dataDirectory(QString *error = nullptr);
};

} // namespace tb
