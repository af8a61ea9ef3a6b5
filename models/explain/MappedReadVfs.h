#pragma once

#include <QString>

namespace tb {

// The name to open a workspace read-only through a SQLite VFS that memory-maps the whole database
// file (SQLite maps at most its compile-time 2 GiB, Debian's ceiling too, and reads every page past
// that with a system call and a copy: more than half the pages of a million-event workspace).
// Only for read-only connections beside a writer that holds the write lock for as long as they
// read: the file then cannot shrink under the map. Pages past the end mapped at open are read
// as SQLite reads them. The connection must set `PRAGMA mmap_size` above 0 for SQLite to use it.
QString mappedReadOnlyUri(const QString &path);

} // namespace tb
