// The .evtx reader: libevtx needs a file on disk, so the input is written to a scratch file and read
// as the importer reads one log (EvtxFileReader through the registry) and as it reads a folder of
// logs (EvtxFolderReader, which names each event's file).

#include "FuzzSupport.h"

#include "ingest/EvtxFileReader.h"
#include "ingest/EvtxFolderReader.h"
#include "ingest/FormatRegistry.h"

namespace {
const tb::ImportFormat *g_evtx = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    g_evtx = tb::fuzz::formatsNamed("evtx.binary").first();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray input = tb::fuzz::bytes(data, size);
    tb::fuzz::readAs(*g_evtx, input);

    tb::EvtxFolderReader folder({tb::fuzz::scratchFile(input, ".evtx")},
                                tb::ReaderContext(QStringLiteral("fuzz")));
    tb::fuzz::drain(folder, tb::EvtxFileReader::formatId());
    return 0;
}
