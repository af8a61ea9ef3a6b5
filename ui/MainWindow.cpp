#include "MainWindow.h"

#include "EventDetailPane.h"
#include "highlight/HighlightedTextView.h"
#include "highlight/SyntaxLanguage.h"
#include "items/EventTableModel.h"
#include "knowledge/KnowledgeBase.h"
#include "store/StoreError.h"
#include "store/Workspace.h"
#include "workspace/EventDetail.h"
#include "workspace/WorkspaceStats.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>

namespace tb {

namespace {
int columnWidth(const EventColumn &column) {
    switch (column.kind) {
    case EventColumn::Kind::Likelihood:
        return 48;
    case EventColumn::Kind::TopExplanation:
        return 330;
    case EventColumn::Kind::Verdict:
        return 110;
    case EventColumn::Kind::Field:
        break;
    }
    switch (column.field) {
    case EventField::TimeUtc:
        return 170;
    case EventField::TaskName:
        return 250;
    case EventField::CommandLine:
        return 360;
    case EventField::RuleName:
        return 230;
    default:
        return 100;
    }
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Tunebench"));
    setObjectName(QStringLiteral("MainWindow"));
    m_eventView = new QTableView(this);
    m_eventView->setObjectName(QStringLiteral("eventView"));
    m_eventView->setAccessibleName(tr("Events"));
    m_eventView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventView->setAlternatingRowColors(true);
    m_eventView->setWordWrap(false);
    m_eventView->verticalHeader()->setDefaultSectionSize(m_eventView->fontMetrics().height() + 6);
    m_eventView->verticalHeader()->hide();
    m_eventView->horizontalHeader()->setStretchLastSection(true);
    setCentralWidget(m_eventView);

    // Details: the explanations, then the command line and the raw record, highlighted.
    auto *details = new QSplitter(Qt::Vertical, this);
    m_detailPane = new EventDetailPane(details);
    m_commandLineView = new HighlightedTextView(details);
    m_commandLineView->setObjectName(QStringLiteral("commandLineView"));
    m_commandLineView->setAccessibleName(tr("Command line"));
    m_rawView = new HighlightedTextView(details);
    m_rawView->setObjectName(QStringLiteral("rawRecordView"));
    m_rawView->setAccessibleName(tr("Raw record"));
    details->addWidget(m_detailPane);
    details->addWidget(m_commandLineView);
    details->addWidget(m_rawView);
    details->setStretchFactor(0, 5);
    details->setStretchFactor(1, 1);
    details->setStretchFactor(2, 2);
    auto *detailDock = new QDockWidget(tr("Details"), this);
    detailDock->setObjectName(QStringLiteral("detailDock"));
    detailDock->setWidget(details);
    addDockWidget(Qt::RightDockWidgetArea, detailDock);
    resizeDocks({detailDock}, {460}, Qt::Horizontal);

    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    statusBar()->addPermanentWidget(m_countsLabel);
    buildMenus();
    resize(1280, 760);
}

MainWindow::~MainWindow() {
    // The view must let go of the model before the model and its database go away.
    m_eventView->setModel(nullptr);
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Workspace…"), this, &MainWindow::openWorkspaceDialog);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
}

void MainWindow::openWorkspaceDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Workspace"), QString(), tr("Tunebench workspaces (*.tunebench);;All files (*)"));
    if (path.isEmpty())
        return;
    if (!openWorkspace(path))
        QMessageBox::warning(this, tr("Cannot open workspace"), m_error);
}

bool MainWindow::openWorkspace(const QString &path) {
    auto workspace = std::make_unique<Workspace>();
    if (!workspace->open(path)) {
        m_error = workspace->errorString();
        return false;
    }
    m_eventView->setModel(nullptr);
    m_eventModel = std::make_unique<EventTableModel>(workspace->database());
    m_workspace = std::move(workspace);
    m_eventView->setModel(m_eventModel.get());
    connect(m_eventView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectedEvent);
    m_detailPane->showMessage(tr("Select an event to see its explanations."));
    for (int c = 0; c < m_eventModel->columnCount(); ++c)
        m_eventView->setColumnWidth(c, columnWidth(m_eventModel->columns()[size_t(c)]));
    m_eventView->horizontalHeader()->setSortIndicator(m_eventModel->columnOf(EventField::TimeUtc),
                                                      Qt::AscendingOrder);
    m_eventView->setSortingEnabled(true);
    setWindowTitle(tr("%1 — Tunebench").arg(QFileInfo(path).fileName()));
    updateStatus();
    return true;
}

void MainWindow::updateStatus() {
    try {
        const WorkspaceStats stats = WorkspaceStats::compute(m_workspace->database());
        m_countsLabel->setText(tr("%L1 events  ·  %L2 hosts  ·  %L3 rules  ·  %L4 reviewed")
                                   .arg(stats.events)
                                   .arg(stats.hosts)
                                   .arg(stats.rules)
                                   .arg(stats.reviewed));
    } catch (const StoreError &error) {
        m_countsLabel->setText(error.message());
    }
}

void MainWindow::showSelectedEvent() {
    const QModelIndex current = m_eventView->currentIndex();
    if (!current.isValid() || !m_workspace)
        return;
    const qint64 id = current.data(EventTableModel::EventIdRole).toLongLong();
    try {
        if (const auto detail = EventDetail::load(m_workspace->database(), KnowledgeBase::builtIn(), id)) {
            m_detailPane->showDetail(*detail);
            const QString commandLine = detail->value(EventField::CommandLine);
            m_commandLineView->setText(commandLine, SyntaxLanguage::forCommand(guessCommandLanguage(
                                                        detail->value(EventField::ProcessImage).isEmpty()
                                                            ? detail->value(EventField::ProcessName)
                                                            : detail->value(EventField::ProcessImage),
                                                        commandLine)));
            m_commandLineView->setVisible(!commandLine.isEmpty());
            QString raw = detail->raw.trimmed();
            const bool xml = raw.startsWith(QLatin1Char('<'));
            if (!xml) {
                // One-line JSON records read better indented; the stored text stays verbatim.
                const QJsonDocument document = QJsonDocument::fromJson(raw.toUtf8());
                if (!document.isNull())
                    raw = QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
            }
            m_rawView->setText(raw, xml ? QString(SyntaxLanguage::Xml) : QString(SyntaxLanguage::Json));
        } else
            m_detailPane->showMessage(tr("Event %1 is no longer in the workspace.").arg(id));
    } catch (const StoreError &error) {
        m_detailPane->showMessage(error.message());
    }
}

} // namespace tb
