#pragma once

#include "Exporter.h"

#include <QStringList>

#include <memory>

namespace tb {

// Every export format by its --format name, in the order the CLI's help and the GUI's export
// dialog list them.
class ExporterRegistry final {
public:
    static QStringList ids();
    static std::unique_ptr<Exporter> create(const QString &id); // null for an unknown id
};

} // namespace tb
