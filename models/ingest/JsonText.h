#pragma once

#include <QString>
#include <QStringList>

namespace tb {

// Writes JSON text directly: raw records are built for every imported row, and QJsonObject
// costs several allocations per key.
void appendJsonString(QString &out, QStringView value);

// {"header1":"cell1",...}; cells past the header get "column_N" keys; missing cells are omitted.
QString csvRowToJsonObject(const QStringList &header, const QStringList &row);

} // namespace tb
