#include "Exporter.h"

#include <QIODevice>

namespace tb {

bool Exporter::writeAll(QIODevice &device, const QString &text) {
    return writeAll(device, text.toUtf8());
}

bool Exporter::writeAll(QIODevice &device, const QByteArray &bytes) {
    m_error.clear();
    if (device.write(bytes) != bytes.size())
        return fail(QStringLiteral("cannot write the export: %1").arg(device.errorString()));
    return true;
}

} // namespace tb
