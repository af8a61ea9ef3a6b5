#include "FilePath.h"

namespace tb {

QString joinFilePath(const QString &folder, const QString &file) {
    if (folder.isEmpty())
        return file;
    if (file.isEmpty() || folder.endsWith(file, Qt::CaseInsensitive))
        return folder;
    const QChar separator = folder.contains(QLatin1Char('/')) ? QLatin1Char('/') : QLatin1Char('\\');
    if (folder.endsWith(separator))
        return folder + file;
    return folder + separator + file;
}

} // namespace tb
