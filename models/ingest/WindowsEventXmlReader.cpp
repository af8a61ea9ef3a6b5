#include "WindowsEventXmlReader.h"

#include "FormatRegistry.h"
#include "NormalizedEvent.h"
#include "WindowsEventRecord.h"
#include "XmlEventScanner.h"

namespace tb {

namespace {

// The first markup of the head after any XML declarations and comments: "<Events>", "<Event xmlns=…".
QByteArray firstMarkup(const QByteArray &bytes) {
    qsizetype i = 0;
    for (;;) {
        while (i < bytes.size() && QChar::isSpace(uchar(bytes[i])))
            ++i;
        if (bytes.mid(i, 2) == "<?" || bytes.mid(i, 4) == "<!--") {
            const qsizetype end = bytes.indexOf(bytes[i + 1] == '?' ? "?>" : "-->", i);
            if (end < 0)
                return {};
            i = end + (bytes[i + 1] == '?' ? 2 : 3);
            continue;
        }
        return bytes.mid(i, 64);
    }
}

bool startsEventMarkup(const QByteArray &markup) {
    return markup.startsWith("<Events>") || markup.startsWith("<Events ") || markup.startsWith("<Event>") ||
           markup.startsWith("<Event xmlns=") || markup.startsWith("<Event xmlns='") ||
           markup.startsWith("<Event\n") || markup.startsWith("<Event\r\n");
}

} // namespace

struct WindowsEventXmlReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : scanner(device)
        , context(std::move(ctx)) {}

    XmlEventScanner scanner;
    ReaderContext context;
    WindowsEventRecord record;
};

WindowsEventXmlReader::WindowsEventXmlReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

WindowsEventXmlReader::~WindowsEventXmlReader() = default;

QString WindowsEventXmlReader::formatId(Variant variant) {
    switch (variant) {
    case Variant::LibevtxExport:
        return QStringLiteral("evtx.libevtx_export");
    case Variant::PythonEvtxDump:
        return QStringLiteral("evtx.python_evtx_dump");
    case Variant::Wevtutil:
        break;
    }
    return QStringLiteral("windows.event.xml");
}

QString WindowsEventXmlReader::title(Variant variant) {
    switch (variant) {
    case Variant::LibevtxExport:
        return QStringLiteral("Windows events exported by evtxexport (XML)");
    case Variant::PythonEvtxDump:
        return QStringLiteral("Windows events dumped by python-evtx (XML 1.1)");
    case Variant::Wevtutil:
        break;
    }
    return QStringLiteral("Windows event XML (wevtutil, Event Viewer)");
}

bool WindowsEventXmlReader::matches(const FileHead &head, Variant variant) {
    switch (variant) {
    case Variant::LibevtxExport:
        return head.firstLine.startsWith(QLatin1String("evtxexport "));
    case Variant::PythonEvtxDump: {
        const QByteArray start = head.bytes.trimmed().left(256);
        return (start.startsWith("<?xml version=\"1.1\"") || start.startsWith("<?xml version='1.1'")) &&
               head.bytes.contains("<Events>");
    }
    case Variant::Wevtutil:
        break;
    }
    const QByteArray markup = firstMarkup(head.bytes);
    // A DOCTYPE in front of the events is still this format: the reader refuses it by name.
    if (markup.startsWith("<!DOCTYPE")) {
        const QByteArray name = markup.mid(9).trimmed();
        return name.startsWith("Events") || name.startsWith("Event ") || name.startsWith("Event[");
    }
    return startsEventMarkup(markup);
}

EventReader::Status WindowsEventXmlReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->context.fileName;
    QByteArray element;
    if (!d->scanner.next(element)) {
        if (d->scanner.errorString().isEmpty())
            return Status::End;
        issue.record = d->scanner.elementIndex() + 1;
        issue.problem = d->scanner.errorString();
        return Status::Failed;
    }
    event.clear();
    event.recordNo = d->scanner.elementIndex();
    issue.record = event.recordNo;
    issue.line = d->scanner.elementLine();
    return d->record.map(element, event, d->context.times, issue);
}

} // namespace tb
