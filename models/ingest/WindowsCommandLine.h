#pragma once

#include <QString>
#include <QStringList>

namespace tb {

// Splits a Windows command line the way CommandLineToArgvW does: 2n backslashes before a quote
// give n backslashes and a quote toggle, 2n+1 give n backslashes and a literal quote, and a
// doubled quote inside quotes is a literal quote.
QStringList splitWindowsCommandLine(QStringView commandLine);

// The file name of an image path without the directory, for Windows or POSIX paths.
QString imageBaseName(QStringView path);

} // namespace tb
