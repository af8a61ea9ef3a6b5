#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Rendered Windows events in any of the four containers (FORMATS.md §7.1, §9.2): wevtutil /
// Event Viewer XML under an <Events> root, <Event> elements concatenated without a root,
// `evtxexport -f xml` output (banner line first) and python-evtx `evtx_dump.py` output (an XML
// 1.1 declaration). Streamed one <Event> at a time (XmlEventScanner), each mapped by
// WindowsEventXml; a DOCTYPE or ENTITY declaration refuses the file, naming its line.
class WindowsEventXmlReader final : public EventReader {
public:
    enum class Variant { Wevtutil, LibevtxExport, PythonEvtxDump };

    WindowsEventXmlReader(QIODevice *device, ReaderContext context);
    ~WindowsEventXmlReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId(Variant variant);
    static QString title(Variant variant);
    static bool matches(const FileHead &head, Variant variant);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
