#pragma once

#include <QIODevice>
#include <QString>

struct archive;

namespace tb {

// Reads the export inside a .gz or .zip as a plain sequential device, streaming through
// libarchive: nothing is unpacked to disk. The compressed bytes are pulled from `source`, so a
// HashingReader underneath still hashes and counts the file as it is on disk.
class ArchiveDevice final : public QIODevice {
public:
    enum class Kind { None, Gzip, Zip };
    // From the first bytes of a file.
    static Kind sniff(const QByteArray &head);

    ArchiveDevice(QIODevice *source, Kind kind, QString fileName);
    ~ArchiveDevice() override;

    // Opens the stream (for a zip: its only file); false plus errorString() otherwise.
    bool openArchive();
    QString entryName() const { return m_entryName; }
    // After the entry has been read: the name of a further file in the zip, if there is one.
    // Tunebench imports one file per batch, so the importer refuses such a zip rather than skip it.
    QString nextEntryName();
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    friend struct ArchiveCallbacks;
    qint64 pullCompressed(const void **buffer);

    QIODevice *m_source;
    Kind m_kind;
    QString m_fileName;
    QString m_entryName;
    struct archive *m_archive = nullptr;
    QByteArray m_chunk;
};

} // namespace tb
