// tunebench-cli: the headless entry. `tunebench-cli <command> --db WORKSPACE ...`
#include "CliCommands.h"
#include "DecisionCommands.h"

#include <QCoreApplication>

#include <cstdio>
#include <functional>
#include <map>

namespace {

void printUsage() {
    std::fputs(
        "usage: tunebench-cli <command> --db WORKSPACE [options]\n"
        "commands:\n"
        "  import   import alert exports (one all-or-nothing batch per file)\n"
        "  stats    summarise a workspace\n"
        "  events   list events\n"
        "  explain  rank each event's likely false-positive explanations, with evidence\n"
        "  evaluate measure the explanations against a ground-truth file\n"
        "  audit    print the append-only audit log\n"
        "  decide   propose a tuning decision (--where 'field|modifier=value' ...) and show its impact\n"
        "  impact   preview what a condition would suppress, by rule, host and verdict\n"
        "  decisions list tuning decisions\n"
        "  decision show one decision, or --approve, --reject, --retire it\n"
        "  export   write approved decisions for Splunk, Sigma, Elastic, KQL, or all as a report\n"
        "Every command takes --json for machine output and --help for its options.\n",
        stderr);
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tunebench"));
    QCoreApplication::setOrganizationName(QStringLiteral("Tunebench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUNEBENCH_VERSION));

    const std::map<QString, std::function<int(const QStringList &)>> commands{
        {QStringLiteral("import"), &tb::cli::runImport},
        {QStringLiteral("stats"), &tb::cli::runStats},
        {QStringLiteral("events"), &tb::cli::runEvents},
        {QStringLiteral("explain"), &tb::cli::runExplain},
        {QStringLiteral("evaluate"), &tb::cli::runEvaluate},
        {QStringLiteral("audit"), &tb::cli::runAudit},
        {QStringLiteral("export"), &tb::cli::runExport},
        {QStringLiteral("decide"), &tb::cli::runDecide},
        {QStringLiteral("impact"), &tb::cli::runImpact},
        {QStringLiteral("decisions"), &tb::cli::runDecisions},
        {QStringLiteral("decision"), &tb::cli::runDecision},
    };
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2 || arguments[1] == QLatin1String("--help") ||
        arguments[1] == QLatin1String("-h")) {
        printUsage();
        return arguments.size() < 2 ? tb::cli::Usage : tb::cli::Ok;
    }
    if (arguments[1] == QLatin1String("--version")) {
        std::printf("tunebench-cli %s\n", TUNEBENCH_VERSION);
        return tb::cli::Ok;
    }
    const auto command = commands.find(arguments[1]);
    if (command == commands.end()) {
        std::fprintf(stderr, "tunebench-cli: unknown command \"%s\"\n", qPrintable(arguments[1]));
        printUsage();
        return tb::cli::Usage;
    }
    // QCommandLineParser expects the program name first: "tunebench-cli import ..." → "import ...".
    arguments.removeFirst();
    return command->second(arguments);
}
