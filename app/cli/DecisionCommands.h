#pragma once

#include <QStringList>

// The tuning-decision commands of tunebench-cli; exit codes as in CliCommands.h.
namespace tb::cli {

int runDecide(const QStringList &arguments);    // create a decision (and approve it)
int runImpact(const QStringList &arguments);    // what a condition would suppress
int runDecisions(const QStringList &arguments); // list decisions
int runDecision(const QStringList &arguments);  // show, approve, reject or retire one

} // namespace tb::cli
