// impact_bench WORKSPACE [CLI]: times the impact preview (DecisionImpact::compute) on a generated
// workspace for indexed and unindexed conditions, beside the sqlite3 shell counting the same events
// (`.timer on`: the wall-clock "real" time) and, when CLI is given, the `tunebench-cli impact` command end to
// end. Built with the tests, not run by ctest: tests/bench/impact_bench.sh prepares the workspace.
#include "condition/ConditionSql.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "tuning/DecisionImpact.h"
#include "tuning/DecisionQuery.h"
#include "tuning/EventKeyIndex.h"
#include "workspace/WorkspaceSettings.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace tb;

namespace {

struct Case {
    const char *name;
    QStringList where;
    QStringList rules; // titles or aliases, resolved through the catalog
    QString reference; // the same events counted by plain SQL in the sqlite3 shell
    bool indexed;
};

double referenceMs(const QString &path, const QString &sql, qint64 *count) {
    QProcess shell; // the shell times statements read from stdin, not those on its command line
    shell.start(QStringLiteral("sqlite3"), {path});
    shell.write((QStringLiteral(".timer on\n") + sql + QStringLiteral(";\n")).toUtf8());
    shell.closeWriteChannel();
    if (!shell.waitForFinished(600000))
        return -1;
    const QString out = QString::fromUtf8(shell.readAllStandardOutput());
    *count = out.section(QLatin1Char('\n'), 0, 0).toLongLong();
    const auto m = QRegularExpression(QStringLiteral("Run Time: real ([0-9.]+)")).match(out);
    return m.hasMatch() ? m.captured(1).toDouble() * 1000 : -1;
}

double cliMs(const QString &cli, const QString &path, const Case &c) {
    QStringList arguments{QStringLiteral("impact"), QStringLiteral("--db"), path, QStringLiteral("--json")};
    for (const QString &w : c.where)
        arguments << QStringLiteral("--where") << w;
    for (const QString &r : c.rules)
        arguments << QStringLiteral("--rule") << r;
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.start(cli, arguments);
    process.waitForFinished(600000);
    return process.exitCode() == 0 ? double(timer.nsecsElapsed()) / 1e6 : -1;
}

// CPU time of this process: the figure that does not depend on what else the machine runs.
double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1000 + double(t.tv_nsec) / 1e6;
}

QString plan(Database &db, const Condition &condition, const DecisionScope &scope) {
    QVariantList parameters;
    const QString where = DecisionQuery::where(condition, scope, WorkspaceSettings::load(db), parameters);
    Statement explain =
        db.prepare(QStringLiteral("EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE ") + where);
    for (int i = 0; i < parameters.size(); ++i)
        explain.bind(i + 1, parameters[i]);
    QStringList steps;
    while (explain.step())
        steps << explain.columnText(3);
    return steps.join(QStringLiteral("; "));
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: impact_bench WORKSPACE [TUNEBENCH_CLI]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const QString cli = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    Workspace workspace;
    if (!workspace.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(workspace.errorString()));
        return 1;
    }
    Database &db = workspace.database();
    const KnowledgeBase &kb = KnowledgeBase::builtIn();
    ConditionSql::registerFunctions(db);
    const qint64 events = db.queryInt(QStringLiteral("SELECT count(*) FROM events"));

    QElapsedTimer timer;
    timer.start();
    EventKeyIndex(db, kb).updateIfStale();
    std::printf("%lld events; resolving every event's catalog rule (once after an import): %.0f ms\n\n",
                static_cast<long long>(events), double(timer.nsecsElapsed()) / 1e6);

    const QString schtasks = QStringLiteral("Windows Schtasks Create Run As System");
    const QList<Case> cases{
        {"host = (one of 5,000)",
         {QStringLiteral("host=wks-0042")},
         {},
         QStringLiteral("SELECT count(*) FROM events WHERE host = 'wks-0042' COLLATE NOCASE"),
         true},
        {"host startswith (1 %)",
         {QStringLiteral("host|startswith=wks-004")},
         {},
         QStringLiteral("SELECT count(*) FROM events WHERE host LIKE 'wks-004%'"),
         true},
        {"task_name = + rule scope",
         {QStringLiteral("task_name=\\Corp\\NightlyBackup")},
         {schtasks},
         QStringLiteral(
             "SELECT count(*) FROM events WHERE task_name = '\\Corp\\NightlyBackup' COLLATE NOCASE AND "
             "rule_name = '%1'")
             .arg(schtasks),
         true},
        {"task_name startswith (1/8)",
         {QStringLiteral("task_name|startswith=\\GoogleUpdateTaskMachineUA")},
         {},
         QStringLiteral("SELECT count(*) FROM events WHERE task_name LIKE '\\GoogleUpdateTaskMachineUA%'"),
         true},
        {"task_name wildcard + host",
         {QStringLiteral("task_name=\\GoogleUpdateTaskMachineUA{*}"), QStringLiteral("host=wks-0042")},
         {},
         QStringLiteral(
             "SELECT count(*) FROM events WHERE task_name LIKE '\\GoogleUpdateTaskMachineUA{%}' AND host = "
             "'wks-0042' COLLATE NOCASE"),
         true},
        {"command_line contains (scan)",
         {QStringLiteral("command_line|contains=-enc ")},
         {},
         QStringLiteral("SELECT count(*) FROM events WHERE command_line LIKE '%-enc %'"),
         false},
        {"task_action |re (scan)",
         {QStringLiteral("task_action|re=agentupd\\.exe --sched")},
         {},
         QStringLiteral("SELECT count(*) FROM events WHERE task_action LIKE '%agentupd.exe --sched%'"),
         false},
    };

    std::printf("%-30s %9s %9s %9s %9s %11s %9s %7s\n", "condition", "matched", "cold ms", "warm ms",
                "warm cpu", "sqlite3 ms", "cli ms", "target");
    for (const Case &c : cases) {
        Condition condition;
        QString error;
        ConditionParser::fromExpressions(c.where, condition, &error);
        DecisionScope scope;
        for (const QString &r : c.rules)
            scope.ruleIds << kb.resolveRule(r, r, r)->id;
        DecisionImpact impact(db, kb); // a new preview: workspace totals are computed once, then kept
        timer.restart();
        DecisionImpactReport report = impact.compute(condition, scope);
        const double cold = double(timer.nsecsElapsed()) / 1e6;
        std::vector<double> runs, cpu;
        for (int i = 0; i < 5; ++i) {
            const double cpuBefore = cpuMs();
            timer.restart();
            report = impact.compute(condition, scope);
            runs.push_back(double(timer.nsecsElapsed()) / 1e6);
            cpu.push_back(cpuMs() - cpuBefore);
        }
        std::sort(runs.begin(), runs.end());
        std::sort(cpu.begin(), cpu.end());
        qint64 referenceCount = 0;
        const double reference = referenceMs(path, c.reference, &referenceCount);
        const double cliTime = cli.isEmpty() ? -1 : cliMs(cli, path, c);
        std::printf("%-30s %9lld %9.1f %9.1f %9.1f %11.1f %9.1f %7s%s\n", c.name,
                    static_cast<long long>(report.matched), cold, runs[2], cpu[2], reference, cliTime,
                    c.indexed ? (runs[2] <= 500 ? "met" : "MISSED") : "-",
                    referenceCount == report.matched ? "" : "  (reference counted differently!)");
        std::printf("    plan: %s\n", qPrintable(plan(db, condition, scope)));
    }
    std::printf("\ncold: first preview of a new DecisionImpact (workspace totals counted); warm: median of 5 "
                "later previews (the live preview while the condition is edited), wall clock and CPU time; "
                "target: warm <= 500 ms for indexed predicates\n");
    return 0;
}
