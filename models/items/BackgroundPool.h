#pragma once

class QThreadPool;

namespace tb {

// The threads the workspace's background work runs on (counts, prevalence, the knowledge base, export
// and import previews), never Qt's global pool: Qt 6.4's raster engine splits a large fill or line
// drawing over QThreadPool::globalInstance() and waits for it on the UI thread, so a count of a
// million events running there held a paint of the window for as long as it took (200-300 ms when the
// workspace opened). Qt 6.6 gives painting a pool of its own; this keeps 6.4 safe.
QThreadPool *backgroundPool();

} // namespace tb
