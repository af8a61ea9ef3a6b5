#pragma once

#include "ExportInput.h"

#include <QByteArray>
#include <QDate>
#include <QString>

namespace tb {

class Database;
class KnowledgeBase;

// Reads what an export needs from a workspace: every decision (by id), the events each one selects
// and the workspace's settings. The CLI's `export` and the GUI's export dialog both start here, so
// the two write the same artefact for the same workspace and day.
class ExportInputLoader final {
public:
    // False + `error` when the workspace cannot be read. `withImpact`: also count each decision's
    // events (ExportInput::impact), which only the reports show (Exporter::usesImpact).
    static bool load(Database &db, const KnowledgeBase &kb, const QDate &today, bool withImpact,
                     ExportInput &input, QString *error);
    // Loads and writes the `format` artefact into `text`; false + `error` (unknown format, a
    // decision the exporter cannot render, a read error).
    static bool render(Database &db, const KnowledgeBase &kb, const QString &format, const QDate &today,
                       QByteArray &text, QString *error);
};

} // namespace tb
