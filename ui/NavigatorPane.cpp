#include "NavigatorPane.h"

#include "items/NavigatorModel.h"
#include "items/StackingModel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace tb {

NavigatorPane::NavigatorPane(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("navigatorPane"));
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);

    m_tree = new QTreeView(m_tabs);
    m_tree->setObjectName(QStringLiteral("navigatorTree"));
    m_tree->setAccessibleName(tr("Groups"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tabs->addTab(m_tree, tr("Groups"));

    auto *stackingPage = new QWidget(m_tabs);
    m_stackingKind = new QComboBox(stackingPage);
    m_stackingKind->setAccessibleName(tr("Stack by"));
    m_stackingKind->addItem(tr("Task names, rarest first"), int(EventGroup::TaskName));
    m_stackingKind->addItem(tr("Task actions, rarest first"), int(EventGroup::TaskAction));
    m_stacking = new QTableView(stackingPage);
    m_stacking->setObjectName(QStringLiteral("stackingView"));
    m_stacking->setAccessibleName(tr("Stacking"));
    m_stacking->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stacking->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stacking->verticalHeader()->hide();
    m_stacking->setWordWrap(false);
    m_stacking->setAlternatingRowColors(true);
    m_stacking->horizontalHeader()->setStretchLastSection(false);
    auto *stackingLayout = new QVBoxLayout(stackingPage);
    stackingLayout->setContentsMargins(0, 4, 0, 0);
    stackingLayout->addWidget(m_stackingKind);
    stackingLayout->addWidget(m_stacking, 1);
    m_tabs->addTab(stackingPage, tr("Stacking"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

void NavigatorPane::setModels(NavigatorModel *groups, StackingModel *stacking) {
    m_groups = groups;
    m_stackingModel = stacking;
    m_tree->setModel(groups);
    m_stacking->setModel(stacking);
    if (groups) {
        m_tree->header()->setSectionResizeMode(NavigatorModel::NameColumn, QHeaderView::Stretch);
        m_tree->header()->setSectionResizeMode(NavigatorModel::CountColumn, QHeaderView::ResizeToContents);
        connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &NavigatorPane::treeCurrentChanged);
    }
    if (stacking) {
        m_stacking->horizontalHeader()->setSectionResizeMode(StackingModel::ValueColumn,
                                                             QHeaderView::Stretch);
        m_stacking->horizontalHeader()->setSectionResizeMode(StackingModel::EventsColumn,
                                                             QHeaderView::ResizeToContents);
        m_stacking->horizontalHeader()->setSectionResizeMode(StackingModel::HostsColumn,
                                                             QHeaderView::ResizeToContents);
        connect(m_stacking->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &NavigatorPane::stackingCurrentChanged);
        connect(m_stackingKind, &QComboBox::currentIndexChanged, this,
                [this] { m_stackingModel->setGroup(EventGroup(m_stackingKind->currentData().toInt())); });
    }
}

void NavigatorPane::treeCurrentChanged(const QModelIndex &current) {
    const auto filter = m_groups->filterAt(current);
    emit groupsChosen(filter ? QList<GroupFilter>{*filter} : QList<GroupFilter>{});
}

void NavigatorPane::stackingCurrentChanged(const QModelIndex &current) {
    const auto filter = m_stackingModel->filterAt(current.row());
    emit groupsChosen(filter ? QList<GroupFilter>{*filter} : QList<GroupFilter>{});
}

void NavigatorPane::select(const GroupFilter &filter) {
    m_tabs->setCurrentWidget(m_tree);
    const QModelIndex branch = m_groups->branchIndex(filter.group);
    auto choose = [this, filter] {
        const QModelIndex group = m_groups->groupIndex(filter);
        if (group.isValid()) {
            m_tree->setCurrentIndex(group);
            m_tree->scrollTo(group);
        } else {
            emit groupsChosen({filter}); // not among the listed groups: filter all the same
        }
    };
    if (!branch.isValid()) {
        emit groupsChosen({filter});
        return;
    }
    m_tree->expand(branch);
    if (m_groups->isLoaded(filter.group)) {
        choose();
        return;
    }
    // Counted in the background: choose once the branch is in.
    auto *connection = new QMetaObject::Connection;
    *connection = connect(m_groups, &NavigatorModel::branchLoaded, this,
                          [this, filter, choose, connection](EventGroup g) {
                              if (g != filter.group)
                                  return;
                              disconnect(*connection);
                              delete connection;
                              choose();
                          });
    if (m_groups->canFetchMore(branch))
        m_groups->fetchMore(branch);
}

} // namespace tb
