#include "EventTablePane.h"

#include "FilterHeaderView.h"
#include "items/EventTableModel.h"
#include "VerdictTintDelegate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace tb {

namespace {
int defaultWidth(const EventColumn &column) {
    switch (column.kind) {
    case EventColumn::Kind::Likelihood:
        return 52;
    case EventColumn::Kind::TopExplanation:
        return 330;
    case EventColumn::Kind::Verdict:
        return 120;
    case EventColumn::Kind::SuppressedBy:
        return 100;
    case EventColumn::Kind::Field:
        break;
    }
    switch (column.field) {
    case EventField::TimeUtc:
        return 170;
    case EventField::TaskName:
        return 240;
    case EventField::CommandLine:
        return 360;
    case EventField::RuleName:
        return 220;
    default:
        return 110;
    }
}
} // namespace

EventTablePane::EventTablePane(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("eventTablePane"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("quickSearch"));
    m_search->setPlaceholderText(tr("Search command lines, task names, actions and paths (Ctrl+F)"));
    m_search->setAccessibleName(tr("Quick search"));
    m_search->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("tableCount"));
    m_columnsButton = new QToolButton(this);
    m_columnsButton->setText(tr("Columns"));
    m_columnsButton->setAccessibleName(tr("Choose columns"));
    m_columnsButton->setPopupMode(QToolButton::InstantPopup);
    m_columnMenu = new QMenu(tr("Columns"), this);
    m_columnsButton->setMenu(m_columnMenu);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("eventView"));
    m_view->setAccessibleName(tr("Events"));
    m_header = new FilterHeaderView(m_view);
    m_view->setHorizontalHeader(m_header);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_delegate = new VerdictTintDelegate(-1, m_view);
    m_view->setItemDelegate(m_delegate);
    connect(m_view->horizontalScrollBar(), &QScrollBar::valueChanged, m_header,
            &FilterHeaderView::placeEditors);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_search, 1);
    top->addWidget(m_count);
    top->addWidget(m_columnsButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    m_searchPause = new QTimer(this);
    m_searchPause->setSingleShot(true);
    m_searchPause->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchPause, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchPause->stop();
        if (m_model)
            m_model->setSearch(m_search->text());
    });
    connect(m_searchPause, &QTimer::timeout, this, [this] {
        if (m_model)
            m_model->setSearch(m_search->text());
    });
    connect(m_header, &FilterHeaderView::filterChanged, this, [this](int logical, const QString &text) {
        if (m_model && logical < int(m_model->columns().size()))
            m_model->setColumnFilter(m_model->columns()[size_t(logical)], text);
    });
}

void EventTablePane::setModel(EventTableModel *model) {
    m_model = model;
    m_view->setModel(model);
    if (!model)
        return;
    connect(model, &EventTableModel::queryApplied, this, &EventTablePane::updateCount);
    connect(model, &EventTableModel::loadingChanged, this, &EventTablePane::updateCount);
    const int sortColumn = model->columnOf(model->query().sortColumn);
    m_header->setSortIndicator(sortColumn, model->query().sortOrder);
    m_view->setSortingEnabled(true);
    columnsChanged();
}

void EventTablePane::columnsChanged() {
    m_header->rebuildEditors();
    const auto &columns = m_model->columns();
    for (int c = 0; c < int(columns.size()); ++c) {
        m_view->setColumnWidth(c, defaultWidth(columns[size_t(c)]));
        m_header->setFilterText(c, m_model->columnFilter(columns[size_t(c)]));
    }
    m_delegate->setLikelihoodColumn(m_model->likelihoodColumn());
    m_header->setSortIndicator(m_model->columnOf(m_model->query().sortColumn), m_model->query().sortOrder);
    fillColumnMenu();
}

void EventTablePane::fillColumnMenu() {
    m_columnMenu->clear();
    for (const EventColumn &column : EventColumn::all()) {
        QAction *action = m_columnMenu->addAction(column.title());
        action->setCheckable(true);
        action->setChecked(m_model->columnOf(column) >= 0);
        action->setData(column.key());
        connect(action, &QAction::toggled, this,
                [this, column](bool shown) { setColumnShown(column, shown); });
    }
}

void EventTablePane::setColumnShown(const EventColumn &column, bool shown) {
    if (!m_model)
        return;
    std::vector<EventColumn> columns = m_model->columns();
    const auto it = std::find(columns.begin(), columns.end(), column);
    if (shown == (it != columns.end()))
        return;
    if (shown) {
        columns.push_back(column);
    } else {
        if (columns.size() == 1)
            return; // a table needs a column
        columns.erase(it);
        m_model->setColumnFilter(column, QString());
    }
    // Keep the widths the analyst gave the columns that stay.
    QHash<QString, int> widths;
    for (int c = 0; c < m_model->columnCount(); ++c)
        widths.insert(m_model->columns()[size_t(c)].key(), m_view->columnWidth(c));
    m_model->setColumns(columns);
    columnsChanged();
    for (int c = 0; c < m_model->columnCount(); ++c) {
        if (const int width = widths.value(m_model->columns()[size_t(c)].key()); width > 0)
            m_view->setColumnWidth(c, width);
    }
}

void EventTablePane::updateCount() {
    if (!m_model)
        return;
    m_count->setText(m_model->isLoading() ? tr("loading…") : tr("%L1 events").arg(m_model->rowCount()));
}

void EventTablePane::saveSettings(QSettings &settings) const {
    if (!m_model)
        return;
    QStringList keys;
    QVariantMap widths;
    for (int visual = 0; visual < m_model->columnCount(); ++visual) {
        const int logical = m_header->logicalIndex(visual);
        const QString key = m_model->columns()[size_t(logical)].key();
        keys << key;
        widths.insert(key, m_view->columnWidth(logical));
    }
    settings.setValue(QStringLiteral("table/columns"), keys);
    settings.setValue(QStringLiteral("table/widths"), widths);
}

void EventTablePane::restoreSettings(const QSettings &settings) {
    if (!m_model)
        return;
    const QStringList keys = settings.value(QStringLiteral("table/columns")).toStringList();
    std::vector<EventColumn> columns;
    for (const QString &key : keys) {
        if (const auto column = EventColumn::fromKey(key))
            columns.push_back(*column);
    }
    if (!columns.empty() && columns != m_model->columns()) {
        m_model->setColumns(columns);
        columnsChanged();
    }
    const QVariantMap widths = settings.value(QStringLiteral("table/widths")).toMap();
    for (int c = 0; c < m_model->columnCount(); ++c) {
        if (const int width = widths.value(m_model->columns()[size_t(c)].key()).toInt(); width > 0)
            m_view->setColumnWidth(c, width);
    }
}

} // namespace tb
