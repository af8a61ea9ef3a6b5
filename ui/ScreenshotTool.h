#pragma once

#include <QString>

class QPalette;

namespace tb {

class MainWindow;

// For docs/screenshots (tunebench --screenshot FILE --screenshot-of WHAT [--dark]): waits until the
// window shows its first rows, selects an event so that the detail pane is full, then grabs the main
// window, the detail dock, the overview, the import dialog, the decision builder on the selected event
// or the export dialog, and quits.
class ScreenshotTool final {
public:
    static QStringList kinds(); // main, detail, overview, import, tune, export
    // Starts the wait; the application exits with 0 once the file is saved.
    static void schedule(MainWindow &window, const QString &file, const QString &kind,
                         const QString &importFile);
    // A dark palette (Fusion), as a dark desktop would give: for the dark screenshot.
    static QPalette darkPalette();
};

} // namespace tb
