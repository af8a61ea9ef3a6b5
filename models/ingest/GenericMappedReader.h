#pragma once

#include "CsvRowReader.h"
#include "EventReader.h"
#include "JsonFlattener.h"
#include "JsonRecordSplitter.h"
#include "MappingProfile.h"

#include <QHash>
#include <QStringList>

#include <memory>

namespace tb {

// Reads a CSV or JSON export that no dedicated reader knows, through the analyst's saved
// MappingProfile (source column → normalized field).
class GenericMappedReader final : public EventReader {
public:
    GenericMappedReader(QIODevice *device, ReaderContext context, MappingProfile profile);
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

private:
    // The source record as column → value, whatever the framing.
    Status readRecord(ImportIssue &issue);
    QString source(const QString &column) const;

    ReaderContext m_context;
    MappingProfile m_profile;
    std::unique_ptr<CsvRowReader> m_csv;
    std::unique_ptr<JsonRecordSplitter> m_json;
    JsonFlattener m_flattener;
    QStringList m_header;
    QHash<QString, qsizetype> m_columns;
    QStringList m_row;
    FlatJson m_flat;
    QByteArray m_unit;
    qint64 m_recordNo = -1;
};

} // namespace tb
