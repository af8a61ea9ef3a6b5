// MappingProfile::load on the input as a profile file, and, when it loads, that profile reading the
// generic samples (tests/data/generic) with GenericMappedReader, then saved and loaded again.

#include "FuzzSupport.h"

#include "ingest/GenericMappedReader.h"
#include "ingest/MappingProfile.h"

#include <QBuffer>
#include <QFile>

#include <cstdlib>

namespace {
QList<QByteArray> g_samples;

void readWith(const tb::MappingProfile &profile) {
    for (QByteArray sample : g_samples) {
        QBuffer buffer(&sample);
        buffer.open(QIODevice::ReadOnly);
        tb::GenericMappedReader reader(&buffer, tb::ReaderContext(QStringLiteral("fuzz")), profile);
        tb::fuzz::drain(reader, profile.formatId());
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    for (const char *name : {"acme_edr.csv", "acme_cloud.ndjson"}) {
        QFile file(QStringLiteral(TEST_DATA_DIR "/generic/") + QLatin1String(name));
        if (!file.open(QIODevice::ReadOnly))
            std::abort();
        g_samples << file.readAll();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QString path = tb::fuzz::scratchFile(tb::fuzz::bytes(data, size), ".mapping.json");
    tb::MappingProfile profile;
    QString error;
    if (!tb::MappingProfile::load(path, profile, &error)) {
        (void)error.toUtf8();
        return 0;
    }
    readWith(profile);
    const QString saved = path + QStringLiteral(".saved");
    tb::MappingProfile again;
    if (!profile.save(saved, &error) || !tb::MappingProfile::load(saved, again, &error))
        std::abort(); // a profile that loaded must survive a save and a load
    return 0;
}
