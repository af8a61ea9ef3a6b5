#pragma once

#include "EventField.h"

#include <QString>

#include <array>

namespace tb {

// One event as a reader hands it to the importer: normalized fields plus the verbatim record.
struct NormalizedEvent {
    qint64 recordNo = -1; // 0-based ordinal of the record in its file
    QString identity;     // format-specific identity; empty means "hash the raw record"
    QString raw;          // verbatim record (CSV rows as a JSON object of header → cell)
    QString rawFields;    // JSON object of every parsed source field, dotted keys
    QString sourceFile;   // the file it came from, when a batch reads several (a folder); else empty
    std::array<QString, eventFieldCount> fields;

    const QString &value(EventField field) const { return fields[static_cast<int>(field)]; }
    void set(EventField field, const QString &value) { fields[static_cast<int>(field)] = value; }
    // Sets only when the field is still empty, so a more specific source can win.
    void setIfEmpty(EventField field, const QString &value) {
        QString &slot = fields[static_cast<int>(field)];
        if (slot.isEmpty())
            slot = value;
    }
    void clear() {
        recordNo = -1;
        identity.clear();
        raw.clear();
        rawFields.clear();
        sourceFile.clear();
        for (QString &f : fields)
            f.clear();
    }
};

} // namespace tb
