#pragma once

// The explained demo workspace, built once per test executable, and fresh copies of it: tests that
// change a workspace each start from the same one without importing and explaining it again.

#include "workspace/DemoWorkspace.h"

#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace tb::testing {

class DemoWorkspaceCopy final {
public:
    // Builds demo.tunebench in the copy's temporary folder; false with `error` when that fails.
    bool build(QString *error) {
        m_demo = m_dir.filePath(QStringLiteral("demo.tunebench"));
        return DemoWorkspace::ensure(m_demo, error);
    }
    QString demoPath() const { return m_demo; }
    QString pathOf(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".tunebench")); }

    // `<name>.tunebench`, a copy of the demo replacing any earlier one with its WAL and verdict journal;
    // empty when it cannot be written.
    QString freshCopy(const QString &name) const {
        const QString path = pathOf(name);
        for (const QString &suffix :
             {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-verdicts.journal")})
            QFile::remove(path + suffix);
        return QFile::copy(m_demo, path) ? path : QString();
    }

private:
    QTemporaryDir m_dir;
    QString m_demo;
};

} // namespace tb::testing
