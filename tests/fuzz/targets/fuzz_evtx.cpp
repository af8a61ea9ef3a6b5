// The .evtx reader: libevtx needs a file on disk, so the input is written to a scratch file and read
// as the importer reads one log (EvtxFileReader through the registry) and as it reads a folder of
// logs (EvtxFolderReader, which names each event's file). libevtx runs in a child process
// (EvtxRecordProcess), so its own crashes are skipped records here; with
// FUZZ_EVTX_LIBEVTX_CRASH_IS_CRASH=1 such an input aborts instead, to collect inputs that crash
// libevtx (tests/fuzz/regressions/).

#include "FuzzSupport.h"

#include "ingest/EvtxFileReader.h"
#include "ingest/EvtxFolderReader.h"
#include "ingest/FormatRegistry.h"

#include <cstdio>
#include <cstdlib>

namespace {
const tb::ImportFormat *g_evtx = nullptr;
bool g_libevtxCrashIsCrash = false;
} // namespace

// In production the libevtx child's address space is capped (RLIMIT_AS), so a huge calloc fails at
// once; ASan cannot run under that cap, so its allocator refuses any one allocation over 4 GiB
// instead, rather than spend seconds mapping and poisoning 8 GiB before the heap hook stops it.
extern "C" const char *__asan_default_options() {
    return "max_allocation_size_mb=4096:allocator_may_return_null=1";
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    g_evtx = tb::fuzz::formatsNamed("evtx.binary").first();
    g_libevtxCrashIsCrash = qEnvironmentVariableIntValue("FUZZ_EVTX_LIBEVTX_CRASH_IS_CRASH") == 1;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray input = tb::fuzz::bytes(data, size);
    const QStringList issues = tb::fuzz::readAs(*g_evtx, input);
    if (g_libevtxCrashIsCrash) {
        for (const QString &issue : issues) {
            if (issue.contains(QLatin1String("libevtx crashed"))) {
                std::fprintf(stderr, "fuzz: %s\n", qPrintable(issue));
                std::abort();
            }
        }
    }

    tb::EvtxFolderReader folder({tb::fuzz::scratchFile(input, ".evtx")},
                                tb::ReaderContext(QStringLiteral("fuzz")));
    tb::fuzz::drain(folder, tb::EvtxFileReader::formatId());
    return 0;
}
