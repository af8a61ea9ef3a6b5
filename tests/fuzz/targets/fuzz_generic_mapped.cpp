// GenericMappedReader: the input read through each saved mapping of tests/data/generic (one CSV
// profile, one JSON profile), as `tunebench-cli import --mapping` reads an unknown export.

#include "FuzzSupport.h"

#include "ingest/GenericMappedReader.h"
#include "ingest/MappingProfile.h"

#include <QBuffer>

#include <cstdio>
#include <cstdlib>

namespace {
QList<tb::MappingProfile> g_profiles;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    for (const char *name : {"acme_edr.mapping.json", "acme_cloud.mapping.json"}) {
        tb::MappingProfile profile;
        QString error;
        if (!tb::MappingProfile::load(QStringLiteral(TEST_DATA_DIR "/generic/") + QLatin1String(name),
                                      profile, &error)) {
            std::fprintf(stderr, "fuzz: %s\n", qPrintable(error));
            std::abort();
        }
        g_profiles << profile;
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    QByteArray input = tb::fuzz::bytes(data, size);
    for (const tb::MappingProfile &profile : g_profiles) {
        QBuffer buffer(&input);
        buffer.open(QIODevice::ReadOnly);
        tb::GenericMappedReader reader(&buffer, tb::ReaderContext(QStringLiteral("fuzz")), profile);
        tb::fuzz::drain(reader, profile.formatId());
    }
    return 0;
}
