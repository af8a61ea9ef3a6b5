#pragma once

#include <QString>

namespace tb {

// A file path from a folder and a file name as alert sources give them apart (Defender's
// FolderPath/FileName, MDE evidence filePath/fileName, Sentinel file entities): the separator the
// folder uses, no doubled separator, and a folder that already ends with the file (Defender's
// FolderPath usually holds the whole image path) left as it is.
QString joinFilePath(const QString &folder, const QString &file);

} // namespace tb
