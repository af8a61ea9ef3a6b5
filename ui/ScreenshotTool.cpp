#include "ScreenshotTool.h"

#include "DecisionBuilderDialog.h"
#include "EventDetailView.h"
#include "ExportDialog.h"
#include "highlight/HighlightedTextView.h"
#include "ImportDialog.h"
#include "items/EventTableModel.h"
#include "items/NavigatorModel.h"
#include "knowledge/KnowledgeBase.h"
#include "MainWindow.h"
#include "NavigatorPane.h"
#include "OverviewPane.h"
#include "tuning/DecisionDraft.h"
#include "tuning/DecisionImpact.h"
#include "TuningController.h"
#include "workspace/EventDetail.h"
#include "workspace/WorkspaceSession.h"

#include <QApplication>
#include <QDockWidget>
#include <QPalette>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <functional>

namespace tb {

QStringList ScreenshotTool::kinds() {
    return {QStringLiteral("main"),   QStringLiteral("detail"), QStringLiteral("overview"),
            QStringLiteral("import"), QStringLiteral("tune"),   QStringLiteral("export")};
}

QPalette ScreenshotTool::darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb2, 0xff));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8a, 0x8a));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

namespace {
void save(QWidget *widget, const QString &file) {
    const bool saved = widget->grab().save(file);
    std::printf("screenshot %s: %s\n", saved ? "saved" : "NOT saved", qPrintable(file));
    QApplication::exit(saved ? 0 : 1);
}

// An event of the first page whose drafted decision would hide a true positive: the builder then
// shows its blocking warning. 0 when none would.
qint64 blockedDraftEvent(MainWindow &window) {
    EventTableModel *model = window.eventModel();
    Database &db = window.session()->database();
    const KnowledgeBase &kb = KnowledgeBase::builtIn();
    DecisionImpact impact(db, kb);
    for (int r = 0; r < std::min(model->rowCount(), EventTableModel::PageSize); ++r) {
        const auto id = model->eventIdAt(r);
        const auto detail = id ? EventDetail::load(db, kb, *id, false) : std::nullopt;
        if (!detail || detail->notes.isEmpty())
            continue;
        const Decision draft = DecisionDraft::draft(DecisionDraft::eventFromFields(detail->fields),
                                                    detail->notes.first().noteId, kb);
        if (!draft.condition.isEmpty() && impact.compute(draft).isBlocked())
            return *id;
    }
    return 0;
}

// Saves `widget` once `ready` holds (polled), for dialogs that count or write in the background.
void saveWhen(QWidget *widget, const QString &file, std::function<bool()> ready) {
    auto *poll = new QTimer(widget);
    QObject::connect(poll, &QTimer::timeout, widget, [widget, file, poll, ready = std::move(ready)] {
        if (!ready())
            return;
        poll->stop();
        QTimer::singleShot(300, widget, [widget, file] { save(widget, file); });
    });
    poll->start(100);
}
} // namespace

void ScreenshotTool::schedule(MainWindow &window, const QString &file, const QString &kind,
                              const QString &importFile) {
    window.resize(1600, 900);
    if (kind == QLatin1String("overview")) {
        window.overviewDock()->show();
        window.resize(1600, 1000);
    }
    auto *poll = new QTimer(&window);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, file, kind, importFile] {
        EventTableModel *model = window.eventModel();
        if (!model || model->isLoading() || !model->index(0, 0).data(EventTableModel::LoadedRole).toBool())
            return;
        poll->stop();
        window.eventView()->setFocus();
        // An event with several explanations and some counter-evidence shows the detail pane best.
        int row = 0;
        for (int r = 0; r < std::min(model->rowCount(), EventTableModel::PageSize); ++r) {
            const auto id = model->eventIdAt(r);
            const auto detail =
                id ? EventDetail::load(window.session()->database(), KnowledgeBase::builtIn(), *id)
                   : std::nullopt;
            if (detail && detail->notes.size() >= 3 && !detail->counterEvidence.isEmpty() &&
                detail->taskActionHosts > 0) {
                row = r;
                break;
            }
        }
        window.eventView()->setCurrentIndex(model->index(row, 1));
        // The navigator with its rules counted.
        auto *groups = qobject_cast<NavigatorModel *>(window.navigator()->groupsView()->model());
        window.navigator()->groupsView()->expand(groups->branchIndex(EventGroup::Rule));
        // Highlighting runs out of process and charts load in the background: give them a moment.
        QTimer::singleShot(2000, &window, [&window, file, kind, importFile] {
            if (kind == QLatin1String("detail")) {
                save(window.detailView(), file);
            } else if (kind == QLatin1String("tune")) {
                const qint64 blocked = blockedDraftEvent(window);
                DecisionBuilderDialog *builder =
                    window.tuning()->tuneEvent(blocked > 0 ? blocked : window.detailView()->eventId());
                if (!builder) {
                    save(&window, file);
                    return;
                }
                builder->rationaleEdit()->setPlainText(
                    QObject::tr("Reviewed with the team that owns these tasks."));
                saveWhen(builder, file, [builder] { return !builder->isPreviewPending(); });
            } else if (kind == QLatin1String("export")) {
                ExportDialog *dialog = window.tuning()->showExport();
                dialog->setFormat(QStringLiteral("splunk"));
                saveWhen(dialog, file, [dialog] {
                    return !dialog->isRunning() && !dialog->text().isEmpty() &&
                           !dialog->preview()->isPending();
                });
            } else if (kind == QLatin1String("import")) {
                auto *dialog = new ImportDialog(importFile, &window);
                dialog->show();
                saveWhen(dialog, file, [dialog] { return !dialog->isPreviewPending(); });
            } else {
                save(&window, file);
            }
        });
    });
    poll->start(50);
}

} // namespace tb
