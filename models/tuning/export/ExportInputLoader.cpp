#include "ExportInputLoader.h"

#include "ExporterRegistry.h"
#include "store/StoreError.h"
#include "tuning/DecisionImpact.h"
#include "tuning/DecisionStore.h"
#include "workspace/WorkspaceSettings.h"

#include <QBuffer>

#include <algorithm>

namespace tb {

bool ExportInputLoader::load(Database &db, const KnowledgeBase &kb, const QDate &today, bool withImpact,
                             ExportInput &input, QString *error) {
    input.today = today;
    input.knowledge = &kb;
    DecisionStore store(db, kb);
    if (!store.list(input.decisions)) {
        *error = store.errorString();
        return false;
    }
    // Oldest first: artefacts and golden files keep a stable order as decisions are added.
    std::sort(input.decisions.begin(), input.decisions.end(),
              [](const Decision &a, const Decision &b) { return a.id < b.id; });
    try {
        if (withImpact) {
            DecisionImpact impact(db, kb);
            for (const Decision &decision : std::as_const(input.decisions)) {
                const DecisionImpactReport report = impact.compute(decision);
                if (!report.ok) {
                    *error = decisionLabel(decision) + QStringLiteral(": ") + report.error;
                    return false;
                }
                input.impact.insert(decision.id, report.matched);
            }
        }
        input.settings = WorkspaceSettings::load(db);
    } catch (const StoreError &e) {
        *error = e.message();
        return false;
    }
    return true;
}

bool ExportInputLoader::render(Database &db, const KnowledgeBase &kb, const QString &format,
                               const QDate &today, QByteArray &text, QString *error) {
    const auto exporter = ExporterRegistry::create(format);
    if (!exporter) {
        *error = QStringLiteral("unknown export format %1").arg(format);
        return false;
    }
    ExportInput input;
    if (!load(db, kb, today, exporter->usesImpact(), input, error))
        return false;
    QBuffer buffer(&text);
    buffer.open(QIODevice::WriteOnly);
    if (!exporter->write(input, buffer)) {
        *error = exporter->errorString();
        return false;
    }
    return true;
}

} // namespace tb
