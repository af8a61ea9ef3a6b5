#include "MappedReadVfs.h"

#include <QUrl>

#include <sqlite3.h>

#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

namespace tb {

namespace {

constexpr const char *VfsName = "tunebench-mapped-read";

// SQLite's file object for this VFS: the wrapped VFS's file follows it in the same allocation.
struct MappedFile {
    sqlite3_file base; // first: SQLite sees this
    sqlite3_file *real;
    const char *map;
    sqlite3_int64 mapped; // bytes mapped; 0: nothing (not the main database, or an empty one)
};

sqlite3_vfs *wrapped = nullptr;
sqlite3_vfs vfs;
sqlite3_io_methods methods;

MappedFile *mappedFile(sqlite3_file *file) {
    return reinterpret_cast<MappedFile *>(file);
}
sqlite3_file *realFile(sqlite3_file *file) {
    return mappedFile(file)->real;
}

// The whole file, read-only and shared with the page cache; nullptr when it cannot be mapped.
void mapWhole(MappedFile *file, const char *path) {
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    sqlite3_int64 size = 0;
    if (file->real->pMethods->xFileSize(file->real, &size) == SQLITE_OK && size > 0) {
        void *map = ::mmap(nullptr, size_t(size), PROT_READ, MAP_SHARED, fd, 0);
        if (map != MAP_FAILED) {
            file->map = static_cast<const char *>(map);
            file->mapped = size;
        }
    }
    ::close(fd); // the map keeps the file
}

int closeFile(sqlite3_file *file) {
    MappedFile *m = mappedFile(file);
    if (m->map)
        ::munmap(const_cast<char *>(m->map), size_t(m->mapped));
    m->map = nullptr;
    m->mapped = 0;
    return m->real->pMethods ? m->real->pMethods->xClose(m->real) : SQLITE_OK;
}

// A page inside the map is handed out in place; past it, SQLite reads it with xRead.
int fetchPage(sqlite3_file *file, sqlite3_int64 offset, int amount, void **page) {
    const MappedFile *m = mappedFile(file);
    *page =
        m->map && offset >= 0 && offset + amount <= m->mapped ? const_cast<char *>(m->map + offset) : nullptr;
    return SQLITE_OK;
}
int unfetchPage(sqlite3_file *, sqlite3_int64, void *) {
    return SQLITE_OK; // the map lives as long as the file is open
}

// Everything else is the wrapped file's.
int readFile(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset) {
    return realFile(f)->pMethods->xRead(realFile(f), buffer, amount, offset);
}
int writeFile(sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset) {
    return realFile(f)->pMethods->xWrite(realFile(f), buffer, amount, offset);
}
int truncateFile(sqlite3_file *f, sqlite3_int64 size) {
    return realFile(f)->pMethods->xTruncate(realFile(f), size);
}
int syncFile(sqlite3_file *f, int flags) {
    return realFile(f)->pMethods->xSync(realFile(f), flags);
}
int fileSize(sqlite3_file *f, sqlite3_int64 *size) {
    return realFile(f)->pMethods->xFileSize(realFile(f), size);
}
int lock(sqlite3_file *f, int level) {
    return realFile(f)->pMethods->xLock(realFile(f), level);
}
int unlock(sqlite3_file *f, int level) {
    return realFile(f)->pMethods->xUnlock(realFile(f), level);
}
int checkReservedLock(sqlite3_file *f, int *reserved) {
    return realFile(f)->pMethods->xCheckReservedLock(realFile(f), reserved);
}
int fileControl(sqlite3_file *f, int op, void *arg) {
    return realFile(f)->pMethods->xFileControl(realFile(f), op, arg);
}
int sectorSize(sqlite3_file *f) {
    return realFile(f)->pMethods->xSectorSize(realFile(f));
}
int deviceCharacteristics(sqlite3_file *f) {
    return realFile(f)->pMethods->xDeviceCharacteristics(realFile(f));
}
int shmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out) {
    return realFile(f)->pMethods->xShmMap(realFile(f), region, size, extend, out);
}
int shmLock(sqlite3_file *f, int offset, int n, int flags) {
    return realFile(f)->pMethods->xShmLock(realFile(f), offset, n, flags);
}
void shmBarrier(sqlite3_file *f) {
    realFile(f)->pMethods->xShmBarrier(realFile(f));
}
int shmUnmap(sqlite3_file *f, int deleteFlag) {
    return realFile(f)->pMethods->xShmUnmap(realFile(f), deleteFlag);
}

int openFile(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
    MappedFile *m = mappedFile(file);
    m->real = reinterpret_cast<sqlite3_file *>(m + 1);
    m->real->pMethods = nullptr;
    m->map = nullptr;
    m->mapped = 0;
    file->pMethods = nullptr;
    const int rc = wrapped->xOpen(wrapped, name, m->real, flags, outFlags);
    if (m->real->pMethods) {
        // Set even when the open failed: SQLite then still calls xClose, which must reach the real one.
        file->pMethods = &methods;
    }
    if (rc != SQLITE_OK || !m->real->pMethods)
        return rc;
    if (m->real->pMethods->iVersion < 3) { // no shared memory or fetch to wrap: plain reads only
        m->real->pMethods->xClose(m->real);
        file->pMethods = nullptr;
        return SQLITE_CANTOPEN;
    }
    if ((flags & SQLITE_OPEN_MAIN_DB) && (flags & SQLITE_OPEN_READONLY) && name)
        mapWhole(m, name);
    return SQLITE_OK;
}

void registerVfs() {
    wrapped = sqlite3_vfs_find(nullptr);
    if (!wrapped)
        return;
    methods = sqlite3_io_methods{3,
                                 closeFile,
                                 readFile,
                                 writeFile,
                                 truncateFile,
                                 syncFile,
                                 fileSize,
                                 lock,
                                 unlock,
                                 checkReservedLock,
                                 fileControl,
                                 sectorSize,
                                 deviceCharacteristics,
                                 shmMap,
                                 shmLock,
                                 shmBarrier,
                                 shmUnmap,
                                 fetchPage,
                                 unfetchPage};
    vfs = *wrapped; // the other methods are the wrapped VFS's (they read only its own fields)
    vfs.zName = VfsName;
    vfs.szOsFile = int(sizeof(MappedFile)) + wrapped->szOsFile;
    vfs.pNext = nullptr;
    vfs.xOpen = openFile;
    sqlite3_vfs_register(&vfs, 0);
}

} // namespace

QString mappedReadOnlyUri(const QString &path) {
    static std::once_flag registered;
    std::call_once(registered, registerVfs);
    if (!wrapped)
        return path;
    return QStringLiteral("file:") + QString::fromLatin1(QUrl::toPercentEncoding(path, "/")) +
           QStringLiteral("?mode=ro&vfs=") + QLatin1String(VfsName);
}

} // namespace tb
