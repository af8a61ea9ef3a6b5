#pragma once

#include "EventQuery.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace tb {

class Database;

// Stacking (frequency analysis): the task names or task actions of a workspace, the rarest first,
// each with its events and hosts, because what is rare is suspicious. Counted in the background.
class StackingModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int MaxRows = 2000;
    enum Column { ValueColumn, EventsColumn, HostsColumn, ColumnCount };

    // `group` is EventGroup::TaskName or EventGroup::TaskAction.
    StackingModel(Database &db, EventGroup group, QObject *parent = nullptr);

    EventGroup group() const { return m_group; }
    void setGroup(EventGroup group);
    void refresh();
    bool isLoading() const { return m_loading; }
    std::optional<GroupFilter> filterAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    struct Stack {
        QString value;
        qint64 events = 0;
        qint64 hosts = 0;
    };
    static QList<Stack> count(Database &db, EventGroup group);

signals:
    void loaded();

private:
    QString m_path;
    EventGroup m_group;
    QList<Stack> m_rows;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace tb
