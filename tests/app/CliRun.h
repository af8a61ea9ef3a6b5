#pragma once

// Runs the real tunebench-cli binary for the CLI tests: its exit code, stdout and stderr are the
// contract they check.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace tb::testing {

struct CliRun {
    int exitCode = -1;
    QByteArray bytes; // stdout as written (exports are compared byte for byte)
    QString out;      // stdout as UTF-8 text
    QString err;
};

inline CliRun runCli(const QStringList &arguments, int timeoutMs = 120000) {
    QProcess process;
    process.start(QStringLiteral(TUNEBENCH_BIN_DIR "/tunebench-cli"), arguments);
    process.waitForFinished(timeoutMs);
    CliRun run;
    run.exitCode = process.exitCode();
    run.bytes = process.readAllStandardOutput();
    run.out = QString::fromUtf8(run.bytes);
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace tb::testing
