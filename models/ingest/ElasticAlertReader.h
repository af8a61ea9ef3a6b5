#pragma once

#include "EventReader.h"

#include <memory>

namespace tb {

struct FileHead;
class FlatJson;

// Elastic Security alerts (FORMATS.md §4.1): NDJSON of `_source` documents, NDJSON of hits
// (`{"_index","_id","_source"}`), an Elasticsearch `_search` / `_async_search` response
// (`hits.hits[]`, read whole and walked), or a JSON array of any of these. Documents mix literal
// dotted keys (`"kibana.alert.rule.name"`) with nested ECS objects; both are read as `a.b`.
class ElasticAlertReader final : public EventReader {
public:
    ElasticAlertReader(QIODevice *device, ReaderContext context);
    ~ElasticAlertReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId();
    static bool matches(const FileHead &head);

    // Maps one alert document (dotted keys, arrays as JSON text) onto the normalized fields; the
    // Kibana Discover CSV reader shares it. False with issue.field/problem when a time is unreadable.
    static bool mapDocument(const FlatJson &doc, NormalizedEvent &event, const TimeNormalizer &times,
                            ImportIssue &issue);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
