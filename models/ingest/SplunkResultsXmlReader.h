#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;

// Splunk results as XML (`output_mode=xml`, Splunk Web "Export → XML", FORMATS.md §3.3), including
// the realtime export's several `<results>` documents one after another. The file is cut into
// `<result>` elements by a small scanner and each element parsed on its own, so memory stays
// bounded by the largest result. A DOCTYPE is refused: entities are never expanded.
class SplunkResultsXmlReader final : public EventReader {
public:
    SplunkResultsXmlReader(QIODevice *device, ReaderContext context);
    ~SplunkResultsXmlReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("splunk.results.xml"); }
    static bool matches(const FileHead &head);

    static constexpr qsizetype maxResultBytes = 64 * 1024 * 1024;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
