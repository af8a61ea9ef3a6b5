#include "DemoWorkspace.h"

#include "ingest/Importer.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

void tunebenchInitDemoResources();

namespace tb {

QString DemoWorkspace::defaultPath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("demo.") + Workspace::fileSuffix());
}

QStringList DemoWorkspace::bundledExports() {
    tunebenchInitDemoResources();
    return {QStringLiteral(":/demo/splunk_notables.csv")};
}

QString DemoWorkspace::groundTruthPath() {
    tunebenchInitDemoResources();
    return QStringLiteral(":/demo/ground_truth.csv");
}

bool DemoWorkspace::ensure(const QString &path, QString *error) {
    Workspace workspace;
    if (!workspace.open(path)) {
        if (error)
            *error = workspace.errorString();
        return false;
    }
    Importer importer(workspace.database());
    try {
        Statement alreadyImported = workspace.database().prepare(
            QStringLiteral("SELECT count(*) FROM imports WHERE status = 'completed' AND file_path = ?1"));
        for (const QString &file : bundledExports()) {
            alreadyImported.bind(1, QFileInfo(file).absoluteFilePath());
            const bool done = alreadyImported.step() && alreadyImported.columnInt64(0) > 0;
            alreadyImported.reset();
            if (done)
                continue;
            ImportOptions options;
            options.analyst = QStringLiteral("tunebench-demo");
            const ImportSummary summary = importer.importFile(file, options);
            if (!summary.ok()) {
                if (error)
                    *error = summary.describe();
                return false;
            }
        }
    } catch (const StoreError &storeError) {
        if (error)
            *error = storeError.message();
        return false;
    }
    return true;
}

} // namespace tb
