#pragma once

#include <QStringView>

namespace tb {

// The shell language a command line is written in, for highlighting it.
enum class CommandLanguage { Unknown, PowerShell, Batch, Bash };

// Guesses the language of `commandLine` from `processImage`, the executable that ran it (a path or a
// bare name): powershell/pwsh -> PowerShell, cmd -> Batch, bash/sh/dash/zsh/... -> Bash. When the
// image names no shell, the command line's own first word is tried, then the path style: another
// Windows program's command line reads best as Batch, a Unix one as Bash. Unknown when nothing hints.
CommandLanguage guessCommandLanguage(QStringView processImage, QStringView commandLine);

} // namespace tb
