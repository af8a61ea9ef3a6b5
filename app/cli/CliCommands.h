#pragma once

#include <QStringList>

namespace tb::cli {

// Exit codes: 0 success, 1 the work failed (bad input, workspace error), 2 the command line is wrong.
enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

// `arguments` start with the command name ("import", "stats", ...).
int runImport(const QStringList &arguments);
int runStats(const QStringList &arguments);
int runEvents(const QStringList &arguments);
int runExplain(const QStringList &arguments);
int runEvaluate(const QStringList &arguments);
int runAudit(const QStringList &arguments);
int runExport(const QStringList &arguments);

} // namespace tb::cli
