#pragma once

#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"

#include <QTemporaryDir>

// The explained demo workspace, made in `dir` and opened into `workspace`; an empty string, or why not.
inline QString openDemoWorkspace(const QTemporaryDir &dir, tb::Workspace &workspace) {
    const QString path = dir.filePath(QStringLiteral("demo.tunebench"));
    QString error;
    if (!tb::DemoWorkspace::ensure(path, &error))
        return error;
    return workspace.open(path) ? QString() : workspace.errorString();
}

// Verdicts for every `every`-th event, cycling through the four verdicts by id.
inline void giveVerdicts(tb::Database &db, int every) {
    db.exec(QStringLiteral(
                "INSERT INTO verdicts (event_id, verdict, analyst, decided_at) SELECT id, CASE id % 4 "
                "WHEN 0 THEN 'false_positive' WHEN 1 THEN 'true_positive' WHEN 2 THEN "
                "'benign_true_positive' ELSE 'needs_escalation' END, 'test', '2025-01-01T00:00:00Z' FROM "
                "events WHERE id % %1 = 0")
                .arg(every));
}
