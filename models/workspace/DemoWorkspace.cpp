#include "DemoWorkspace.h"

#include "explain/WorkspaceExplainer.h"
#include "ingest/Importer.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "workspace/WorkspaceSettings.h"

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
    return {QStringLiteral(":/demo/splunk_notables.csv"), QStringLiteral(":/demo/elastic_alerts.ndjson")};
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
        // The demo's organisation: its admin accounts, jump hosts and networks (resources/demo/README.md).
        if (WorkspaceSettings::load(workspace.database()).isEmpty()) {
            Transaction transaction(workspace.database());
            for (const auto &[name, values] : demoSettings())
                WorkspaceSettings::set(workspace.database(), name, values, QStringLiteral("tunebench-demo"));
            transaction.commit();
        }
    } catch (const StoreError &storeError) {
        if (error)
            *error = storeError.message();
        return false;
    }
    const auto explained = WorkspaceExplainer(workspace.database(), KnowledgeBase::builtIn()).runIfStale();
    if (!explained.ok && error)
        *error = explained.error;
    return explained.ok;
}

QList<QPair<QString, QStringList>> DemoWorkspace::demoSettings() {
    return {
        {QStringLiteral("admin_accounts"), {QStringLiteral("adm_*")}},
        {QStringLiteral("management_servers"), {QStringLiteral("jmp-01"), QStringLiteral("srv-sccm-01")}},
        {QStringLiteral("internal_networks"),
         {QStringLiteral("10.0.0.0/8"), QStringLiteral("172.16.0.0/12"), QStringLiteral("192.168.0.0/16")}}};
}

} // namespace tb
