#pragma once

#include "items/EventQuery.h"

#include <QWidget>

class QComboBox;
class QTableView;
class QTabWidget;
class QTreeView;

namespace tb {

class NavigatorModel;
class StackingModel;

// The navigator dock: the groups tree (rule, host, user, task name, parent, theme, verdict, import
// batch, each with its count) and the stacking view (rarest task names or actions first). Choosing a
// group filters the event table; choosing a branch title shows everything again.
class NavigatorPane final : public QWidget {
    Q_OBJECT
public:
    explicit NavigatorPane(QWidget *parent = nullptr);

    void setModels(NavigatorModel *groups, StackingModel *stacking);
    QTreeView *groupsView() const { return m_tree; }
    QTableView *stackingView() const { return m_stacking; }
    QTabWidget *tabs() const { return m_tabs; }
    // Selects the group's row (expanding and counting its branch first if need be) and emits groupsChosen.
    void select(const GroupFilter &filter);

signals:
    void groupsChosen(const QList<tb::GroupFilter> &groups);

private:
    void treeCurrentChanged(const QModelIndex &current);
    void stackingCurrentChanged(const QModelIndex &current);

    QTabWidget *m_tabs = nullptr;
    QTreeView *m_tree = nullptr;
    QComboBox *m_stackingKind = nullptr;
    QTableView *m_stacking = nullptr;
    NavigatorModel *m_groups = nullptr;
    StackingModel *m_stackingModel = nullptr;
};

} // namespace tb
