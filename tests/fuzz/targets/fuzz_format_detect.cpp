// The importer's own path from bytes to events: archive sniffing (.gz/.zip through libarchive),
// UTF-16 decoding, FileHead, FormatRegistry::detect, then the detected reader to the end. It also checks,
// once, that every format of the registry has a fuzz target of its own (FUZZ_COVERED_FORMATS, set by CMake).

#include "FuzzSupport.h"

#include "ingest/ArchiveDevice.h"
#include "ingest/EvtxFileReader.h"
#include "ingest/FormatRegistry.h"
#include "ingest/HashingReader.h"

#include <QBuffer>

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    const QStringList covered = QString::fromLatin1(FUZZ_COVERED_FORMATS).split(QLatin1Char(','));
    QStringList missing;
    for (const QString &id : tb::FormatRegistry::instance().ids()) {
        if (!covered.contains(id))
            missing << id;
    }
    if (!missing.isEmpty()) {
        std::fprintf(stderr,
                     "fuzz: no fuzz target reads these formats: %s (add them in tests/fuzz/CMakeLists.txt)\n",
                     qPrintable(missing.join(QStringLiteral(", "))));
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    QByteArray input = tb::fuzz::bytes(data, size);
    QBuffer file(&input);
    file.open(QIODevice::ReadOnly);
    tb::HashingReader hashing(&file);
    QIODevice *device = &hashing;
    std::unique_ptr<tb::ArchiveDevice> archive;
    QByteArray head = file.peek(64 * 1024);
    if (const auto kind = tb::ArchiveDevice::sniff(head); kind != tb::ArchiveDevice::Kind::None) {
        archive = std::make_unique<tb::ArchiveDevice>(&hashing, kind, QStringLiteral("fuzz.input"));
        if (!archive->openArchive())
            return 0;
        device = archive.get();
        head = archive->peek(64 * 1024);
    }
    if (head.isEmpty())
        return 0;
    std::unique_ptr<QIODevice> decoded;
    device = tb::FormatRegistry::textDevice(device, head, decoded);
    const tb::ImportFormat *format = tb::FormatRegistry::instance().detect(tb::FileHead::fromBytes(head));
    if (!format)
        return 0;
    QString sourcePath;
    if (!archive && format->id == tb::EvtxFileReader::formatId())
        sourcePath = tb::fuzz::scratchFile(input, ".evtx");
    const std::unique_ptr<tb::EventReader> reader = format->createReader(
        device, tb::ReaderContext(QStringLiteral("fuzz.input"), tb::TimeNormalizer(), QString(), sourcePath));
    tb::fuzz::drain(*reader, format->id);
    if (archive)
        (void)archive->nextEntryName();
    (void)hashing.finishSha256();
    return 0;
}
