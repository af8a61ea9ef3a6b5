#pragma once

#include <QList>
#include <QPair>
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

    // The settings of the demo's organisation (admin accounts, jump hosts, internal networks).
    static QList<QPair<QString, QStringList>> demoSettings();

    // Creates the workspace at `path`, imports the bundled exports unless it already holds them,
    // sets the demo's settings and explains the events. False plus `error` when something failed.
    static bool ensure(const QString &path, QString *error);
};

} // namespace tb
