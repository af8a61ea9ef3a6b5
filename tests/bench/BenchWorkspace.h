#pragma once

#include <QString>

namespace tb {

// A large workspace for the benchmarks: the demo workspace (imported and explained for real), its
// events copied until `events` are there, each copy on other hosts, at other times, some with task
// names of their own (rare ones for the stacking view), with the copies' explanations. Built once;
// a file that already holds enough events is reused.
class BenchWorkspace final {
public:
    static bool ensure(const QString &path, qint64 events, QString *error);
};

} // namespace tb
