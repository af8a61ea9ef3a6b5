// One fuzz target per reader of the FormatRegistry: FUZZ_FORMATS (set by CMake) names the format
// ids this executable reads every input as, each through the registry's own factory.

#include "FuzzSupport.h"

#include "ingest/FormatRegistry.h"

namespace {
QList<const tb::ImportFormat *> g_formats;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    g_formats = tb::fuzz::formatsNamed(FUZZ_FORMATS);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray input = tb::fuzz::bytes(data, size);
    for (const tb::ImportFormat *format : g_formats)
        tb::fuzz::readAs(*format, input);
    return 0;
}
