#pragma once

#include "EventReader.h"
#include "JsonFlattener.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QIODevice;

namespace tb {

// The head of a file as the detector sees it: BOM removed, first line and CSV header split out.
struct FileHead {
    QByteArray bytes;      // up to 64 KiB, BOM stripped, UTF-16 decoded to UTF-8
    QString firstLine;     // decoded, without the line break
    QStringList csvHeader; // the first line split on the sniffed delimiter
    char delimiter = ',';
    bool hadUtf8Bom = false;
    // The file is UTF-16 with a BOM (FORMATS.md §2): its readers must read it through a
    // Utf16ToUtf8Device, which FormatRegistry::textDevice gives.
    bool utf16 = false;
    QString firstNonBlank; // the first non-blank line, trimmed (XML roots, banners)
    // The first JSON object in the head (the first line of NDJSON, the first item of an array,
    // or a whole wrapper object if it fits in 64 KiB), flattened; empty when the head is not JSON.
    FlatJson firstJson;
    bool jsonTopLevelArray = false;
    bool isJson() const { return !firstJson.items().isEmpty(); }

    static FileHead fromBytes(const QByteArray &head);
};

// One export format: how to recognise it from content, and how to read it.
struct ImportFormat {
    QString id;    // e.g. "splunk.notable.csv"
    QString title; // for people
    std::function<bool(const FileHead &)> matches;
    std::function<std::unique_ptr<EventReader>(QIODevice *, ReaderContext)> createReader;
};

// Every format Tunebench reads, in detection order (FORMATS.md §2: first match wins).
class FormatRegistry final {
public:
    static const FormatRegistry &instance();

    const ImportFormat *detect(const FileHead &head) const;
    const ImportFormat *byId(const QString &id) const;
    QStringList ids() const;
    const std::vector<ImportFormat> &formats() const { return m_formats; }

    // The device a reader must read a file through: `device` itself for UTF-8 files, a
    // Utf16ToUtf8Device over it (kept in `holder`) when the file starts with a UTF-16 BOM.
    static QIODevice *textDevice(QIODevice *device, const QByteArray &head,
                                 std::unique_ptr<QIODevice> &holder);

private:
    FormatRegistry();
    std::vector<ImportFormat> m_formats;
};

} // namespace tb
