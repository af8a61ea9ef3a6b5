#pragma once

// Shared by the fuzz targets: the bytes go through a reader the way Importer::importFile sends a
// file through it (a device under a HashingReader, every record read to the end, each event
// hashed and encoded as the importer stores it).

#include "ingest/EventReader.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

namespace tb {
struct ImportFormat;
struct NormalizedEvent;
} // namespace tb

namespace tb::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size) {
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// What the importer does with each event before it stores it: hash, encode every text to UTF-8.
void consume(const NormalizedEvent &event, const QString &formatId);

// Reads every record until End or Failed; returns the issues' texts. A reader that keeps returning
// records without ever reaching the end is a hang, which libFuzzer's -timeout reports.
QStringList drain(EventReader &reader, const QString &formatId);

// Reads `input` as `format` from a QBuffer under a HashingReader. Readers that need a path on disk
// (libevtx) get the bytes written to a scratch file first, as the importer passes the file's path.
QStringList readAs(const ImportFormat &format, const QByteArray &input);

// A file of this process holding `input` (rewritten on every call), for APIs that take a path.
QString scratchFile(const QByteArray &input, const char *suffix);

// The FormatRegistry formats named in a comma-separated list; aborts on an unknown id so that a
// renamed format cannot silently drop out of the fuzzing.
QList<const ImportFormat *> formatsNamed(const char *commaSeparatedIds);

// The lines of the input as text (LF or CRLF), for the targets that parse one value at a time.
QStringList lines(const QByteArray &input);

} // namespace tb::fuzz
