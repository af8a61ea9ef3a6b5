#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Windows .evtx logs (magic "ElfFile\0", FORMATS.md §9.1), read with libevtx. libevtx needs random
// access to a file, so the reader opens ReaderContext::sourcePath (an .evtx inside an archive is
// refused with a message saying so). Every record is rendered to XML by libevtx (the same XML as
// `evtxexport -f xml`) and mapped by WindowsEventXml; then the records libevtx recovers from
// free space in the file follow, marked "evtx.recovered" in raw_fields. A record that cannot be
// read (a damaged chunk) is a skipped record with libevtx's reason; recovered fragments that
// cannot be read, or that render as malformed XML (libevtx applies whatever template it finds),
// are left out silently, as evtxexport does: they are not records of the log. libevtx runs in a
// child process (EvtxRecordProcess): a record on which it crashes, hangs or runs out of memory is a
// skipped record too, and a new process reads on after it.
class EvtxFileReader final : public EventReader {
public:
    EvtxFileReader(QIODevice *device, ReaderContext context);
    ~EvtxFileReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("evtx.binary"); }
    static bool matches(const FileHead &head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
