#include "CliCommands.h"
#include "CliSupport.h"

#include "audit/AuditLog.h"
#include "explain/Evaluation.h"
#include "explain/StoredEvidence.h"
#include "explain/WorkspaceExplainer.h"
#include "ingest/EventField.h"
#include "ingest/FormatRegistry.h"
#include "ingest/Importer.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "tuning/DecisionImpact.h"
#include "tuning/DecisionStore.h"
#include "tuning/export/ExporterRegistry.h"
#include "tuning/export/ExportInputLoader.h"
#include "workspace/WorkspaceSettings.h"
#include "workspace/WorkspaceStats.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace tb::cli {

namespace {

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
    const QCommandLineOption mapping(
        QStringLiteral("mapping"),
        QStringLiteral("Read generic CSV/JSON through this saved column mapping (JSON)."),
        QStringLiteral("file"));
    parser.addOptions({dbOption, jsonOption, format, tz, rule, maxErrors, analyst, mapping});
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QStringLiteral("Export files to import; a folder imports its .evtx logs as one batch."),
        QStringLiteral("FILE|DIR..."));
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
        const auto update = [&bar](const ImportProgress &p) { return bar.update(p); };
        // A folder is one batch of the .evtx logs in it.
        const ImportSummary summary = QFileInfo(file).isDir() ? importer.importFolder(file, options, update)
                                                              : importer.importFile(file, options, update);
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

namespace {

// One event's stored explanation as the JSON object `explain --json` prints.
QJsonObject explanationObject(Database &db, qint64 eventId) {
    const KnowledgeBase &kb = KnowledgeBase::builtIn();
    QString columns;
    for (const EventFieldInfo &info : eventFields())
        columns += QStringLiteral(", e.") + QLatin1String(info.column);
    Statement event = db.prepare(
        QStringLiteral("SELECT e.id, e.source_file, e.record_no, a.fp_likelihood, "
                       "x.counter_evidence, x.likelihood_terms%1 FROM events e LEFT JOIN event_assessments a "
                       "ON a.event_id = e.id LEFT JOIN explanation_sets x ON x.id = a.set_id "
                       "WHERE e.id = ?1")
            .arg(columns));
    event.bind(1, eventId);
    if (!event.step())
        return {};
    NormalizedEvent fields; // the evidence sentences quote the event's values
    for (int f = 0; f < eventFieldCount; ++f)
        fields.fields[size_t(f)] = event.columnText(6 + f);
    auto evidenceArray = [&](int column) {
        QJsonArray array;
        for (const StoredEvidence &hit : StoredEvidence::read(event.columnText(column), kb, fields))
            array.append(QJsonObject{{QStringLiteral("id"), hit.id},
                                     {QStringLiteral("sentence"), hit.sentence},
                                     {QStringLiteral("points"), hit.points}});
        return array;
    };
    const QJsonArray counter = evidenceArray(4);
    QJsonObject object{{QStringLiteral("id"), event.columnInt64(0)},
                       {QStringLiteral("source_file"), event.columnText(1)},
                       {QStringLiteral("record_no"), event.columnInt64(2)},
                       {QStringLiteral("rule_name"), fields.value(EventField::RuleName)},
                       {QStringLiteral("host"), fields.value(EventField::Host)},
                       {QStringLiteral("task_name"), fields.value(EventField::TaskName)},
                       {QStringLiteral("fp_likelihood"), event.columnInt64(3)},
                       {QStringLiteral("counter_evidence"), counter},
                       // the base and every piece of evidence with its points: they sum to fp_likelihood
                       // (before it is clamped to 0..100)
                       {QStringLiteral("likelihood_terms"), evidenceArray(5)}};
    Statement notes = db.prepare(QStringLiteral(
        "SELECT note_id, rank, score, evidence FROM event_explanations WHERE event_id = ?1 ORDER BY rank"));
    notes.bind(1, eventId);
    QJsonArray explanations;
    while (notes.step()) {
        const Note *note = kb.note(notes.columnText(0));
        QJsonArray evidence;
        for (const StoredEvidence &hit : StoredEvidence::read(notes.columnText(3), kb, fields))
            evidence.append(hit.sentence);
        explanations.append(QJsonObject{
            {QStringLiteral("note_id"), notes.columnText(0)},
            {QStringLiteral("text"), note ? note->text : QString()},
            {QStringLiteral("theme"), note ? note->theme : QString()},
            {QStringLiteral("rank"), notes.columnInt64(1)},
            {QStringLiteral("score"), notes.columnInt64(2)},
            {QStringLiteral("evidence"), evidence},
            {QStringLiteral("rules"), QJsonArray::fromStringList(note ? note->rules : QStringList())}});
    }
    object.insert(QStringLiteral("explanations"), explanations);
    return object;
}

void printExplanationText(const QJsonObject &o) {
    out() << "event " << o.value(QStringLiteral("id")).toInteger() << "  "
          << o.value(QStringLiteral("source_file")).toString() << ":"
          << o.value(QStringLiteral("record_no")).toInteger() << "  "
          << o.value(QStringLiteral("host")).toString() << "  "
          << o.value(QStringLiteral("task_name")).toString()
          << "\n  rule: " << o.value(QStringLiteral("rule_name")).toString()
          << "\n  false-positive likelihood: " << o.value(QStringLiteral("fp_likelihood")).toInteger()
          << "\n";
    for (const QJsonValue &v : o.value(QStringLiteral("explanations")).toArray()) {
        const QJsonObject e = v.toObject();
        out() << "  " << e.value(QStringLiteral("rank")).toInteger() << ". ["
              << e.value(QStringLiteral("score")).toInteger() << "] "
              << e.value(QStringLiteral("text")).toString() << "\n";
        for (const QJsonValue &s : e.value(QStringLiteral("evidence")).toArray())
            out() << "       + " << s.toString() << "\n";
    }
    for (const QJsonValue &v : o.value(QStringLiteral("counter_evidence")).toArray())
        out() << "  ! " << v.toObject().value(QStringLiteral("sentence")).toString() << "\n";
    const QJsonArray terms = o.value(QStringLiteral("likelihood_terms")).toArray();
    if (!terms.isEmpty())
        out() << "  likelihood " << o.value(QStringLiteral("fp_likelihood")).toInteger() << " =\n";
    for (const QJsonValue &v : terms) {
        const int points = v.toObject().value(QStringLiteral("points")).toInt();
        out() << "    " << (points > 0 ? "+" : "") << points << "  "
              << v.toObject().value(QStringLiteral("sentence")).toString() << "\n";
    }
}

} // namespace

int runExplain(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Explain events with the LoFP knowledge base (computed when the workspace, the knowledge "
        "base or the settings changed) and print the ranked explanations."));
    const QCommandLineOption event(QStringLiteral("event"), QStringLiteral("Only this event id."),
                                   QStringLiteral("id"));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("At most this many events (default all)."),
                                   QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption set(
        QStringLiteral("set"),
        QStringLiteral("Set a workspace list first, e.g. admin_accounts=adm_*,svc_backup "
                       "(names: %1). Repeatable.")
            .arg(WorkspaceSettings::names().join(QStringLiteral(", "))),
        QStringLiteral("name=values"));
    const QCommandLineOption recompute(QStringLiteral("recompute"),
                                       QStringLiteral("Explain again even if up to date."));
    const QCommandLineOption timings(QStringLiteral("timings"),
                                     QStringLiteral("Print where explaining spent its time (stderr)."));
    parser.addOptions({dbOption, jsonOption, event, limit, set, recompute, timings});
    if (!parse(parser, arguments))
        return Usage;
    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;
    Database &db = workspace.database();
    try {
        if (parser.isSet(set)) {
            Transaction transaction(db);
            for (const QString &assignment : parser.values(set)) {
                const QString name = assignment.section(QLatin1Char('='), 0, 0);
                if (!WorkspaceSettings::names().contains(name)) {
                    printError(QStringLiteral("--set %1: unknown setting \"%2\"").arg(assignment, name));
                    return Usage;
                }
                WorkspaceSettings::set(
                    db, name,
                    assignment.section(QLatin1Char('='), 1).split(QLatin1Char(','), Qt::SkipEmptyParts),
                    AuditLog::currentActor());
            }
            transaction.commit();
        }
        WorkspaceExplainer explainer(db, KnowledgeBase::builtIn());
        const auto result = parser.isSet(recompute) ? explainer.run() : explainer.runIfStale();
        if (!result.ok) {
            printError(result.error);
            return Failed;
        }
        if (parser.isSet(timings))
            std::fprintf(stderr,
                         "explained %lld events (%lld distinct explanations): clear %lld ms, read and find "
                         "%lld ms, merge %lld ms, score and write %lld ms, indexes %lld ms, commit %lld ms; "
                         "CPU: %lld, %lld, %lld, %lld, %lld, %lld ms\n",
                         result.events, result.distinct, result.clearMs, result.readMs, result.scoreMs,
                         result.writeMs, result.indexMs, result.commitMs, result.clearCpuMs, result.readCpuMs,
                         result.scoreCpuMs, result.writeCpuMs, result.indexCpuMs, result.commitCpuMs);
        QList<qint64> ids;
        if (parser.isSet(event)) {
            ids << parser.value(event).toLongLong();
        } else {
            const qint64 n = parser.value(limit).toLongLong();
            Statement all =
                db.prepare(QStringLiteral("SELECT id FROM events ORDER BY time_utc, id LIMIT ?1"));
            all.bind(1, n > 0 ? n : -1);
            while (all.step())
                ids << all.columnInt64(0);
        }
        for (const qint64 id : ids) {
            const QJsonObject object = explanationObject(db, id);
            if (object.isEmpty()) {
                printError(QStringLiteral("--event %1: no such event in %2").arg(id).arg(db.path()));
                return Failed;
            }
            if (parser.isSet(jsonOption))
                out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
            else
                printExplanationText(object);
        }
    } catch (const StoreError &error) {
        printError(error.message());
        return Failed;
    }
    return Ok;
}

int runEvaluate(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare the explanations with a ground-truth file (source_file,record_no,verdict,notes) beside the "
        "rule-only baseline."));
    const QCommandLineOption labels(QStringLiteral("labels"), QStringLiteral("Ground-truth CSV."),
                                    QStringLiteral("file"));
    parser.addOptions({dbOption, jsonOption, labels});
    if (!parse(parser, arguments))
        return Usage;
    if (!parser.isSet(labels)) {
        printError(QStringLiteral("evaluate: --labels FILE is required"));
        return Usage;
    }
    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;
    const auto explained = WorkspaceExplainer(workspace.database(), KnowledgeBase::builtIn()).runIfStale();
    if (!explained.ok) {
        printError(explained.error);
        return Failed;
    }
    const EvaluationReport report =
        Evaluation::run(workspace.database(), KnowledgeBase::builtIn(), parser.value(labels));
    if (!report.ok) {
        printError(report.error);
        return Failed;
    }
    out() << (parser.isSet(jsonOption) ? report.toJson() + QLatin1Char('\n') : report.toText());
    return Ok;
}

int runAudit(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the append-only audit log, newest first."));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("At most this many entries (default 100)."),
                                   QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption type(QStringLiteral("type"),
                                  QStringLiteral("Only entries about this kind of object "
                                                 "(import, event, setting, decision)."),
                                  QStringLiteral("kind"));
    parser.addOptions({dbOption, jsonOption, limit, type});
    if (!parse(parser, arguments))
        return Usage;
    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;
    try {
        const auto entries =
            AuditLog(workspace.database()).entries(parser.value(type), parser.value(limit).toInt());
        for (const AuditEntry &e : entries) {
            if (parser.isSet(jsonOption)) {
                const QJsonObject object{{QStringLiteral("id"), e.id},
                                         {QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs)},
                                         {QStringLiteral("actor"), e.actor},
                                         {QStringLiteral("action"), e.action},
                                         {QStringLiteral("object_type"), e.objectType},
                                         {QStringLiteral("object_id"), e.objectId},
                                         {QStringLiteral("before"), e.before},
                                         {QStringLiteral("after"), e.after},
                                         {QStringLiteral("why"), e.why}};
                out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
            } else {
                out() << e.at.toString(Qt::ISODate) << "  " << e.actor << "  " << e.action << "  "
                      << e.objectType << " " << e.objectId
                      << (e.why.isEmpty() ? QString() : QStringLiteral("  (") + e.why + QLatin1Char(')'))
                      << '\n';
            }
        }
    } catch (const StoreError &error) {
        printError(error.message());
        return Failed;
    }
    return Ok;
}

int runExport(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write the workspace's tuning decisions as a SIEM "
                                                    "artefact (approved, unexpired suppressions) or as a "
                                                    "report (every decision)."));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("One of: %1.").arg(ExporterRegistry::ids().join(QStringLiteral(", "))),
        QStringLiteral("format"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to this file (default: standard output)."),
                                    QStringLiteral("file"));
    const QCommandLineOption date(
        QStringLiteral("date"), QStringLiteral("Judge expiry on this day, YYYY-MM-DD (default: today, UTC)."),
        QStringLiteral("day"));
    parser.addOptions({dbOption, format, output, date});
    if (!parse(parser, arguments))
        return Usage;
    auto exporter = ExporterRegistry::create(parser.value(format));
    if (!exporter) {
        printError(QStringLiteral("export: --format must be one of %1")
                       .arg(ExporterRegistry::ids().join(QStringLiteral(", "))));
        return Usage;
    }
    ExportInput input;
    input.today = parser.isSet(date) ? QDate::fromString(parser.value(date), Qt::ISODate)
                                     : QDateTime::currentDateTimeUtc().date();
    if (!input.today.isValid()) {
        printError(QStringLiteral("--date %1: not a YYYY-MM-DD day").arg(parser.value(date)));
        return Usage;
    }
    Workspace workspace;
    if (!openWorkspace(workspace, parser))
        return Failed;
    QString error;
    if (!ExportInputLoader::load(workspace.database(), KnowledgeBase::builtIn(), input.today,
                                 exporter->usesImpact(), input, &error)) {
        printError(QStringLiteral("export: ") + error);
        return Failed;
    }
    if (!parser.isSet(output)) {
        QFile standardOutput;
        if (!standardOutput.open(stdout, QIODevice::WriteOnly) || !exporter->write(input, standardOutput)) {
            printError(exporter->errorString());
            return Failed;
        }
        return Ok;
    }
    QSaveFile file(parser.value(output));
    if (!file.open(QIODevice::WriteOnly)) {
        printError(QStringLiteral("%1: %2").arg(parser.value(output), file.errorString()));
        return Failed;
    }
    if (!exporter->write(input, file)) {
        file.cancelWriting();
        printError(exporter->errorString());
        return Failed;
    }
    if (!file.commit()) {
        printError(QStringLiteral("%1: %2").arg(parser.value(output), file.errorString()));
        return Failed;
    }
    return Ok;
}

} // namespace tb::cli
