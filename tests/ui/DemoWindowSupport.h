#pragma once

// Shared by the GUI tests that drive the real main window on the demo workspace.

#include "items/EventTableModel.h"
#include "MainWindow.h"
#include "TriageController.h"
#include "workspace/DemoWorkspace.h"

#include <QAction>
#include <QString>
#include <QTest>

namespace tb::testing {

// The table has its first page (or nothing to show).
inline bool firstPageLoaded(MainWindow &window) {
    EventTableModel *model = window.eventModel();
    return !model->isLoading() &&
           (model->rowCount() == 0 || model->index(0, 0).data(EventTableModel::LoadedRole).toBool());
}

// Makes the demo workspace at `path` and opens it in `window`: shown, active, first page loaded, and
// verdicts not moving the selection on (the tests choose each event). Empty, or what went wrong.
inline QString openDemoWindow(MainWindow &window, const QString &path) {
    QString error;
    if (!DemoWorkspace::ensure(path, &error))
        return error;
    if (!window.openWorkspace(path))
        return window.errorString();
    window.triage()->advanceAction()->setChecked(false);
    window.show();
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        return QStringLiteral("the window did not become active");
    if (!QTest::qWaitFor([&window] { return firstPageLoaded(window); }, 20000))
        return QStringLiteral("the table's first page did not load within 20 s");
    return {};
}

} // namespace tb::testing
