#include "ArchiveDevice.h"

#include <archive.h>
#include <archive_entry.h>

namespace tb {

ArchiveDevice::Kind ArchiveDevice::sniff(const QByteArray &head) {
    if (head.startsWith("\x1f\x8b"))
        return Kind::Gzip;
    if (head.startsWith("PK\x03\x04"))
        return Kind::Zip;
    return Kind::None;
}

ArchiveDevice::ArchiveDevice(QIODevice *source, Kind kind, QString fileName)
    : m_source(source)
    , m_kind(kind)
    , m_fileName(std::move(fileName))
    , m_chunk(256 * 1024, Qt::Uninitialized) {}

ArchiveDevice::~ArchiveDevice() {
    if (m_archive)
        archive_read_free(m_archive);
}

// libarchive pulls the compressed bytes through this callback.
struct ArchiveCallbacks {
    static la_ssize_t read(struct archive *, void *self, const void **buffer) {
        return la_ssize_t(static_cast<ArchiveDevice *>(self)->pullCompressed(buffer));
    }
};

qint64 ArchiveDevice::pullCompressed(const void **buffer) {
    const qint64 got = m_source->read(m_chunk.data(), m_chunk.size());
    *buffer = m_chunk.constData();
    return got < 0 ? -1 : got;
}

bool ArchiveDevice::openArchive() {
    m_archive = archive_read_new();
    archive_read_support_filter_all(m_archive);
    if (m_kind == Kind::Zip) {
        archive_read_support_format_zip(m_archive);
    } else {
        // A .gz is one compressed stream, not an archive of entries.
        archive_read_support_format_raw(m_archive);
    }
    if (archive_read_open(m_archive, this, nullptr, &ArchiveCallbacks::read, nullptr) != ARCHIVE_OK) {
        setErrorString(QStringLiteral("%1: cannot read the archive: %2")
                           .arg(m_fileName, QString::fromUtf8(archive_error_string(m_archive))));
        return false;
    }
    struct archive_entry *entry = nullptr;
    for (;;) {
        const int rc = archive_read_next_header(m_archive, &entry);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
            setErrorString(QStringLiteral("%1: cannot read the archive: %2")
                               .arg(m_fileName, QString::fromUtf8(archive_error_string(m_archive))));
            return false;
        }
        if (m_kind == Kind::Gzip || archive_entry_filetype(entry) == AE_IFREG) {
            m_entryName = QString::fromUtf8(archive_entry_pathname(entry));
            break;
        }
    }
    if (m_entryName.isNull()) {
        setErrorString(QStringLiteral("%1: the archive holds no file to import").arg(m_fileName));
        return false;
    }
    return open(QIODevice::ReadOnly);
}

QString ArchiveDevice::nextEntryName() {
    if (m_kind != Kind::Zip)
        return {};
    struct archive_entry *entry = nullptr;
    while (archive_read_next_header(m_archive, &entry) == ARCHIVE_OK) {
        if (archive_entry_filetype(entry) == AE_IFREG)
            return QString::fromUtf8(archive_entry_pathname(entry));
    }
    return {};
}

qint64 ArchiveDevice::readData(char *data, qint64 maxSize) {
    const la_ssize_t got = archive_read_data(m_archive, data, size_t(maxSize));
    if (got < 0) {
        setErrorString(
            QStringLiteral("%1: %2").arg(m_fileName, QString::fromUtf8(archive_error_string(m_archive))));
        return -1;
    }
    return qint64(got);
}

} // namespace tb
