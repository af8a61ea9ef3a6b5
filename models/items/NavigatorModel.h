#pragma once

#include "EventQuery.h"

#include <QAbstractItemModel>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace tb {

class Database;

// The navigator: one branch per way of grouping events (rule, host, user, task name, parent,
// explanation theme, verdict, import batch), each group with its count, most frequent first.
// A branch is counted in the background when it is first expanded (fetchMore), so opening a
// workspace of a million events costs nothing here.
class NavigatorModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    static constexpr int MaxGroups = 1000; // per branch; the stacking view lists the rarest
    enum Column { NameColumn, CountColumn, ColumnCount };

    explicit NavigatorModel(Database &db, QObject *parent = nullptr);

    static const std::array<EventGroup, 8> &branches();
    static QString branchTitle(EventGroup group);

    // The filter a group row stands for; nullopt for a branch row.
    std::optional<GroupFilter> filterAt(const QModelIndex &index) const;
    QModelIndex branchIndex(EventGroup group) const;
    // The row of `value` under its branch, once the branch is loaded.
    QModelIndex groupIndex(const GroupFilter &filter) const;
    bool isLoaded(EventGroup group) const;
    // Counts the branch again (after verdicts changed, or an import).
    void refresh(EventGroup group);
    void refreshAll();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    struct Group {
        QVariant value; // null: the events without one
        QString title;
        qint64 count = 0;
    };
    // Counts one branch over `db`; used by the model's background loads and by tests.
    static QList<Group> countGroups(Database &db, EventGroup group);

signals:
    void branchLoaded(tb::EventGroup group);

private:
    struct Branch {
        EventGroup group;
        QList<Group> groups;
        bool loaded = false;
        bool loading = false;
        quint64 generation = 0;
    };
    void load(int branch);

    QString m_path;
    QList<Branch> m_branches;
};

} // namespace tb
