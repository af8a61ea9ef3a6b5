#include "CliSupport.h"

#include "CliCommands.h"

#include "store/Workspace.h"

#include <cstdio>
#include <cstdlib>

namespace tb::cli {

QTextStream &out() {
    static QTextStream stream(stdout);
    return stream;
}

void printError(const QString &message) {
    std::fprintf(stderr, "tunebench-cli: %s\n", qPrintable(message));
}

const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Workspace file (*.tunebench)."),
                                  QStringLiteral("workspace"));
const QCommandLineOption jsonOption(QStringLiteral("json"),
                                    QStringLiteral("Machine output: one JSON object per line."));

bool parse(QCommandLineParser &parser, const QStringList &arguments) {
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        std::exit(Ok);
    }
    return true;
}

bool openWorkspace(Workspace &workspace, const QCommandLineParser &parser) {
    const QString path = parser.value(dbOption);
    if (path.isEmpty()) {
        printError(QStringLiteral("--db WORKSPACE is required"));
        return false;
    }
    if (!workspace.open(path)) {
        printError(workspace.errorString());
        return false;
    }
    return true;
}

} // namespace tb::cli
