#include "HashingReader.h"

#include <openssl/evp.h>
#include <xxhash.h>

namespace tb {

HashingReader::HashingReader(QIODevice *source)
    : m_source(source)
    , m_sha256(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(m_sha256, EVP_sha256(), nullptr);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

HashingReader::~HashingReader() {
    EVP_MD_CTX_free(m_sha256);
}

qint64 HashingReader::readData(char *data, qint64 maxSize) {
    const qint64 got = m_source->read(data, maxSize);
    if (got > 0) {
        EVP_DigestUpdate(m_sha256, data, size_t(got));
        m_consumed += got;
    } else if (got < 0) {
        setErrorString(m_source->errorString());
    }
    return got;
}

QByteArray HashingReader::finishSha256() {
    char buffer[64 * 1024];
    while (readData(buffer, sizeof buffer) > 0) {
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_sha256, digest, &length);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

QString contentHash(QStringView formatId, QStringView identity) {
    XXH3_state_t *state = XXH3_createState();
    XXH3_128bits_reset(state);
    XXH3_128bits_update(state, formatId.data(), size_t(formatId.size()) * sizeof(QChar));
    const char16_t separator = 0;
    XXH3_128bits_update(state, &separator, sizeof separator);
    XXH3_128bits_update(state, identity.data(), size_t(identity.size()) * sizeof(QChar));
    const XXH128_hash_t hash = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, hash);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(canonical.digest), 16).toHex());
}

} // namespace tb
