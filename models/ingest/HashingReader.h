#pragma once

#include <QCryptographicHash>
#include <QIODevice>

namespace tb {

// Passes reads through from a source device while hashing them (SHA-256 of the whole file)
// and counting bytes for progress, so the importer reads the file once.
class HashingReader final : public QIODevice {
public:
    explicit HashingReader(QIODevice *source);

    bool isSequential() const override { return true; }
    qint64 bytesConsumed() const { return m_consumed; }
    // Reads what the parser left unread so the hash covers the whole file.
    QByteArray finishSha256();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QIODevice *m_source;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_consumed = 0;
};

// A stable 128-bit hash (XXH3) as 32 hex characters, for de-duplication.
QString contentHash(QStringView formatId, QStringView identity);

} // namespace tb
