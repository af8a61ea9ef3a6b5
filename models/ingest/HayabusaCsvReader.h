#pragma once

#include "CsvRecords.h"
#include "EventReader.h"
#include "HayabusaDetails.h"

#include <QHash>
#include <QStringList>

namespace tb {

struct FileHead;

// Hayabusa `dfir-timeline -t csv` (formerly csv-timeline) in any output profile (FORMATS.md §5.1):
// the columns come from the header row, Details/ExtraFieldInfo/AllFieldInfo are `Key: value ¦ …`.
class HayabusaCsvReader final : public EventReader {
public:
    HayabusaCsvReader(QIODevice *device, ReaderContext context);
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    static QString formatId() { return QStringLiteral("hayabusa.csv"); }
    static bool matches(const FileHead &head);

private:
    QString cell(const QStringList &row, const char *column) const;

    CsvRecords m_csv;
    ReaderContext m_context;
    HayabusaTimeParser m_times;
    QHash<QString, qsizetype> m_columns;
    QHash<QString, QString> m_previous[3]; // last value per key of Details, ExtraFieldInfo, AllFieldInfo
};

} // namespace tb
