#pragma once

#include <QIODevice>

#include <atomic>

struct evp_md_ctx_st;

namespace tb {

// Passes reads through from a source device while hashing them (SHA-256 of the whole file)
// and counting bytes for progress, so the importer reads the file once.
// SHA-256 comes from OpenSSL's libcrypto: QCryptographicHash took 12 % of an import's instructions.
class HashingReader final : public QIODevice {
public:
    explicit HashingReader(QIODevice *source);
    ~HashingReader() override;

    bool isSequential() const override { return true; }
    qint64 bytesConsumed() const { return m_consumed; }
    // Reads what the parser left unread so the hash covers the whole file.
    QByteArray finishSha256();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QIODevice *m_source;
    ::evp_md_ctx_st *m_sha256;
    std::atomic<qint64> m_consumed{0}; // read by the importer thread for progress
};

// A stable 128-bit hash (XXH3) as 32 hex characters, for de-duplication.
QString contentHash(QStringView formatId, QStringView identity);

} // namespace tb
