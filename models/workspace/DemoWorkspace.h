#pragma once

#include <QString>
#include <QStringList>

namespace tb {

// The bundled demo dataset (resources/demo/) as a ready workspace: the first run's data,
// the training set, and a test fixture.
class DemoWorkspace final {
public:
    static QString defaultPath();        // AppDataLocation/demo.tunebench
    static QStringList bundledExports(); // Qt resource paths of the exports, in import order
    static QString groundTruthPath();

    // Creates the workspace at `path` and imports the bundled exports, unless it already holds
    // them. False plus `error` when something could not be imported.
    static bool ensure(const QString &path, QString *error);
};

} // namespace tb
