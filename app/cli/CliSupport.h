#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace tb {
class Workspace;
}

// What every tunebench-cli command shares: output streams, the --db and --json options, parsing
// with usage errors, opening the workspace.
namespace tb::cli {

QTextStream &out();
void printError(const QString &message); // "tunebench-cli: message" on stderr

extern const QCommandLineOption dbOption;
extern const QCommandLineOption jsonOption;

// Parses the command's options; prints usage problems. Returns false on a usage error; --help
// prints the help and exits.
bool parse(QCommandLineParser &parser, const QStringList &arguments);
// Opens --db; prints the problem and returns false when it cannot.
bool openWorkspace(Workspace &workspace, const QCommandLineParser &parser);

} // namespace tb::cli
