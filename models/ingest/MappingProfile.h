#pragma once

#include "EventField.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace tb {

// A saved column mapping that lets an analyst import a CSV or JSON export no reader knows:
// source column (or dotted JSON key) → normalized field. Stored as a small JSON file:
//   {"name": "...", "framing": "csv"|"json", "delimiter": ";", "rule_name": "...",
//    "identity": ["col", ...], "columns": {"EventTime": "time_utc", "Computer": "host", ...}}
struct MappingProfile {
    QString name;
    QString framing = QStringLiteral("csv"); // csv | json
    char delimiter = ',';
    QString ruleName;     // constant rule name when the export has none
    QStringList identity; // source columns that identify a record; empty: the whole record
    QList<QPair<QString, EventField>> columns;

    // False plus `error` naming the file and the bad entry.
    static bool load(const QString &path, MappingProfile &profile, QString *error);
    bool save(const QString &path, QString *error) const;
    QString formatId() const {
        return framing == QLatin1String("json") ? QStringLiteral("generic.json")
                                                : QStringLiteral("generic.csv");
    }
};

} // namespace tb
