#pragma once

#include <QString>

namespace tb {

// A problem with one record (or the whole file when record < 0), printed as
// "file:record: field: problem" so an analyst can go straight to it.
struct ImportIssue {
    QString file;
    qint64 record = -1; // 0-based record ordinal; -1 for the file as a whole
    qint64 line = 0;    // 1-based line in the file when known
    QString field;
    QString problem;

    QString toString() const {
        QString where = file;
        if (record >= 0)
            where += QStringLiteral(":record %1").arg(record);
        if (line > 0)
            where += QStringLiteral(" (line %1)").arg(line);
        return field.isEmpty() ? QStringLiteral("%1: %2").arg(where, problem)
                               : QStringLiteral("%1: %2: %3").arg(where, field, problem);
    }
};

} // namespace tb
