#include "highlight/CommandLanguage.h"

#include <QString>

#include <algorithm>

namespace tb {

namespace {

// The file name of a Windows or Unix path, lower-cased, without ".exe".
QString programName(QStringView path) {
    const qsizetype slash = std::max(path.lastIndexOf(QLatin1Char('\\')), path.lastIndexOf(QLatin1Char('/')));
    QString name = path.mid(slash + 1).trimmed().toString().toLower();
    if (name.endsWith(QLatin1String(".exe")))
        name.chop(4);
    return name;
}

CommandLanguage shellNamed(const QString &name) {
    if (name == QLatin1String("powershell") || name == QLatin1String("pwsh") ||
        name == QLatin1String("powershell_ise"))
        return CommandLanguage::PowerShell;
    if (name == QLatin1String("cmd"))
        return CommandLanguage::Batch;
    static const QLatin1String unixShells[] = {
        QLatin1String("bash"), QLatin1String("sh"),  QLatin1String("dash"),   QLatin1String("zsh"),
        QLatin1String("ksh"),  QLatin1String("ash"), QLatin1String("busybox")};
    for (const QLatin1String shell : unixShells) {
        if (name == shell)
            return CommandLanguage::Bash;
    }
    return CommandLanguage::Unknown;
}

// The first word of a command line; a quoted first word ("C:\Program Files\...\x.exe") whole.
QStringView firstWord(QStringView commandLine) {
    commandLine = commandLine.trimmed();
    if (commandLine.startsWith(QLatin1Char('"'))) {
        const qsizetype close = commandLine.indexOf(QLatin1Char('"'), 1);
        return close < 0 ? commandLine.mid(1) : commandLine.mid(1, close - 1);
    }
    qsizetype end = 0;
    while (end < commandLine.size() && !commandLine.at(end).isSpace())
        ++end;
    return commandLine.left(end);
}

bool looksWindows(QStringView path) {
    const bool drive = path.size() >= 3 && path.at(0).isLetter() && path.at(1) == QLatin1Char(':') &&
                       (path.at(2) == QLatin1Char('\\') || path.at(2) == QLatin1Char('/'));
    return drive || path.startsWith(QLatin1String("\\\\")) || path.contains(QLatin1Char('\\')) ||
           path.endsWith(QLatin1String(".exe"), Qt::CaseInsensitive);
}

bool looksUnix(QStringView path) {
    return path.startsWith(QLatin1Char('/')) || path.startsWith(QLatin1String("./")) ||
           path.startsWith(QLatin1String("~/"));
}

} // namespace

CommandLanguage guessCommandLanguage(QStringView processImage, QStringView commandLine) {
    const QStringView first = firstWord(commandLine);
    for (const QStringView program : {processImage, first}) {
        if (const CommandLanguage shell = shellNamed(programName(program)); shell != CommandLanguage::Unknown)
            return shell;
    }
    // No shell named: schtasks.exe, at.exe, cron jobs... the style of the paths decides.
    for (const QStringView path : {processImage.trimmed(), first}) {
        if (looksWindows(path))
            return CommandLanguage::Batch;
        if (looksUnix(path))
            return CommandLanguage::Bash;
    }
    return CommandLanguage::Unknown;
}

} // namespace tb
