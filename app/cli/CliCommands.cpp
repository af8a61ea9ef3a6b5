#include "CliCommands.h"

#include "ingest/EventField.h"
#include "ingest/FormatRegistry.h"
#include "ingest/Importer.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Workspace.h"
#include "workspace/WorkspaceStats.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimeZone>

#include <cstdio>
#include <unistd.h>

namespace tb::cli {

namespace {

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

// Parses the command's options; prints usage problems. Returns false on a usage error.
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

// A one-line progress bar on stderr, only when stderr is a terminal.
class ProgressBar {
public:
    explicit ProgressBar(QString label)
        : m_label(std::move(label))
        , m_enabled(isatty(fileno(stderr))) {}
    bool update(const ImportProgress &p) {
        if (!m_enabled)
            return true;
        const int percent = p.bytesTotal > 0 ? int(100 * p.bytesDone / p.bytesTotal) : 0;
        const int filled = percent * 30 / 100;
        std::fprintf(stderr, "\r%s [%s%s] %3d%% %lld records", qPrintable(m_label),
                     QByteArray(filled, '#').constData(), QByteArray(30 - filled, '.').constData(), percent,
                     static_cast<long long>(p.records));
        std::fflush(stderr);
        return true;
    }
    void finish() {
        if (m_enabled)
            std::fprintf(stderr, "\n");
    }

private:
    QString m_label;
    bool m_enabled;
};

} // namespace

int runImport(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Import alert exports into a workspace, one batch per file."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Read as this format instead of detecting it: %1.")
                                        .arg(FormatRegistry::instance().ids().join(QStringLiteral(", "))),
                                    QStringLiteral("id"));
    const QCommandLineOption tz(
        QStringLiteral("tz"),
        QStringLiteral("IANA time zone assumed for times without an offset (default UTC)."),
        QStringLiteral("zone"), QStringLiteral("UTC"));
    const QCommandLineOption rule(
        QStringLiteral("rule"),
        QStringLiteral("Rule name for exports that do not carry one (raw ESCU results)."),
        QStringLiteral("name"));
    const QCommandLineOption maxErrors(
        QStringLiteral("max-errors"),
        QStringLiteral("Bad records to skip before abandoning a batch (default 10)."), QStringLiteral("n"),
        QStringLiteral("10"));
    const QCommandLineOption analyst(QStringLiteral("analyst"),
                                     QStringLiteral("Analyst recorded in the audit log."),
                                     QStringLiteral("name"));
    const QCommandLineOption mapping(QStringLiteral("mapping"),
                                     QStringLiteral("Read generic CSV/JSON through this saved column mapping (JSON)."),
                                     QStringLiteral("file"));
    parser.addOptions({dbOption, jsonOption, format, tz, rule, maxErrors, analyst, mapping});
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Export files to import."),
                                 QStringLiteral("FILE..."));
    if (!parse(parser, arguments))
        return Usage;
    if (parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("import: name at least one FILE"));
        return Usage;
    }
    ImportOptions options;
    options.formatId = parser.value(format);
    options.ruleName = parser.value(rule);
    options.analyst = parser.value(analyst);
    options.mappingPath = parser.value(mapping);
    options.assumedZone = QTimeZone(parser.value(tz).toUtf8());
    if (!options.assumedZone.isValid()) {
        printError(QStringLiteral("--tz %1: not a time zone (use an IANA name such as Europe/Berlin, or UTC)")
                       .arg(parser.value(tz)));
        return Usage;
    }
    bool ok = false;
    options.maxErrors = parser.value(maxErrors).toInt(&ok);
    if (!ok || options.maxErrors < 0) {
        printError(QStringLiteral("--max-errors takes a whole number"));
        return Usage;
    }
    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;

    int exitCode = Ok;
    Importer importer(workspace.database());
    for (const QString &file : parser.positionalArguments()) {
        ProgressBar bar(QFileInfo(file).fileName());
        const ImportSummary summary =
            importer.importFile(file, options, [&bar](const ImportProgress &p) { return bar.update(p); });
        bar.finish();
        if (parser.isSet(jsonOption))
            out() << summary.toJson() << '\n';
        else if (summary.ok())
            out() << summary.describe() << '\n';
        out().flush();
        for (const ImportIssue &issue : summary.issues)
            printError(issue.toString());
        if (!summary.ok()) {
            printError(summary.describe());
            exitCode = Failed;
        }
    }
    return exitCode;
}

int runStats(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Summarise a workspace."));
    parser.addOptions({dbOption, jsonOption});
    if (!parse(parser, arguments))
        return Usage;
    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;
    try {
        const WorkspaceStats stats = WorkspaceStats::compute(workspace.database());
        out() << (parser.isSet(jsonOption) ? stats.toJson() + QLatin1Char('\n') : stats.toText());
    } catch (const StoreError &error) {
        printError(error.message());
        return Failed;
    }
    return Ok;
}

int runEvents(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List events, oldest first."));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("At most this many events (default 50)."),
                                   QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption offset(QStringLiteral("offset"), QStringLiteral("Skip this many events first."),
                                    QStringLiteral("n"), QStringLiteral("0"));
    parser.addOptions({dbOption, jsonOption, limit, offset});
    if (!parse(parser, arguments))
        return Usage;
    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;
    try {
        QString columns = QStringLiteral("id, source_file, record_no");
        for (const EventFieldInfo &info : eventFields())
            columns += QStringLiteral(", ") + QLatin1String(info.column);
        Statement query = workspace.database().prepare(
            QStringLiteral("SELECT %1 FROM events ORDER BY time_utc, id LIMIT ?1 OFFSET ?2").arg(columns));
        query.bind(1, parser.value(limit).toLongLong());
        query.bind(2, parser.value(offset).toLongLong());
        while (query.step()) {
            if (parser.isSet(jsonOption)) {
                QJsonObject object;
                for (int c = 0; c < query.columnCount(); ++c) {
                    if (!query.isNull(c))
                        object.insert(query.columnName(c), QJsonValue::fromVariant(query.columnValue(c)));
                }
                out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
            } else {
                auto text = [&query](const char *name) {
                    for (int c = 0; c < query.columnCount(); ++c) {
                        if (query.columnName(c) == QLatin1String(name))
                            return query.columnText(c);
                    }
                    return QString();
                };
                out() << text("id") << "  " << text("time_utc") << "  " << text("host") << "  "
                      << text("user") << "  " << text("rule_name") << "  " << text("task_name") << "  "
                      << text("command_line").replace(QLatin1Char('\n'), QLatin1String(" | ")) << '\n';
            }
        }
    } catch (const StoreError &error) {
        printError(error.message());
        return Failed;
    }
    return Ok;
}

} // namespace tb::cli
