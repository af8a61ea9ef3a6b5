#pragma once

#include "ImportIssue.h"
#include "TimeNormalizer.h"

#include <QString>

class QIODevice;

namespace tb {

struct NormalizedEvent;

// What a reader is told about the file it reads.
struct ReaderContext {
    // A constructor rather than an aggregate, so that callers may leave out the later members.
    ReaderContext(QString file = {}, TimeNormalizer timeNormalizer = TimeNormalizer(), QString rule = {},
                  QString source = {})
        : fileName(std::move(file))
        , times(std::move(timeNormalizer))
        , ruleName(std::move(rule))
        , sourcePath(std::move(source)) {}

    QString fileName;     // for messages
    TimeNormalizer times; // with the import's assumed time zone
    QString ruleName;     // for exports that carry no rule name (raw ESCU results)
    // The file on disk, for readers whose library needs random access to a path (libevtx);
    // empty when the data comes from inside an archive.
    QString sourcePath;
};

// One export format. A reader pulls records from its device and hands out normalized events.
class EventReader {
public:
    enum class Status {
        Event,   // `event` holds the next record
        Skipped, // the record is bad; `issue` says why; reading can go on
        End,     // no more records
        Failed,  // the file cannot be read further; `issue` says why
    };

    virtual ~EventReader() = default;
    virtual Status next(NormalizedEvent &event, ImportIssue &issue) = 0;
};

} // namespace tb
