#pragma once

#include "ingest/EventField.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QVariant>

#include <vector>

namespace tb {

class Database;

// The events of a workspace as a table, read in pages of rows ordered by time.
// data() only reads the page cache; a miss loads one page. The triage window issue moves page
// loading to a worker connection; the model's interface stays.
class EventTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int PageSize = 256;
    enum Role { EventIdRole = Qt::UserRole + 1 };

    explicit EventTableModel(Database &db, QObject *parent = nullptr);

    void setColumns(const std::vector<EventField> &columns);
    const std::vector<EventField> &columns() const { return m_columns; }
    static std::vector<EventField> defaultColumns();
    // The view shows the false-positive likelihood first, then the fields, then the top explanation.
    static constexpr int LikelihoodColumn = 0;
    int topExplanationColumn() const { return int(m_columns.size()) + 1; }
    int columnOf(EventField field) const;

    // Re-reads the row count and drops the cache (after an import).
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString columnTitle(EventField field);

private:
    struct Row {
        qint64 id = 0;
        QList<QVariant> values;
    };
    const Row *rowAt(int row) const;

    Database &m_db;
    std::vector<EventField> m_columns;
    int m_rowCount = 0;
    mutable QHash<int, std::vector<Row>> m_pages;
};

} // namespace tb
