#pragma once

#include "EventReader.h"

#include <QList>
#include <QPair>

#include <memory>

namespace tb {

struct FileHead;

// One file of Chainsaw's `hunt --csv --output DIR` directory (FORMATS.md §5.2): one CSV per rule
// group (`sigma.csv`, `persistence.csv`, …) with `timestamp,detections,path` and then the group's
// mapped columns. `detections` joins the names of every rule that hit the document with ';' — each
// becomes its own event, as in the JSON output. The Sigma group's `Event Data` cell is a YAML
// document (read with yaml-cpp); the event is rebuilt from the columns and mapped by WindowsEventXml.
class ChainsawCsvReader final : public EventReader {
public:
    ChainsawCsvReader(QIODevice *device, ReaderContext context);
    ~ChainsawCsvReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("chainsaw.csv"); }
    static bool matches(const FileHead &head);

    // The key/value pairs of an `Event Data` cell. serde_yaml writes a mapping of scalars, block
    // literals for multi-line strings; text that is not valid YAML (a multi-line value written
    // unindented) is read line by line as "Key: value" with continuation lines.
    static QList<QPair<QString, QString>> eventData(const QString &yaml);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tb
