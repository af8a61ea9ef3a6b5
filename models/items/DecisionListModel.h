#pragma once

#include "tuning/Decision.h"

#include <QAbstractTableModel>
#include <QList>

namespace tb {

class DecisionStore;

// The workspace's tuning decisions as a table (newest first) for the decisions dialog: id, status,
// title, rules, note, author, created, expiry. It reads DecisionStore, which keeps them few (tens to
// hundreds), so a reload reads them all on the calling thread.
class DecisionListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Status, Title, Rules, Note, Author, Created, Expires, ColumnCount };
    enum Role { DecisionIdRole = Qt::UserRole + 1, StatusNameRole };

    explicit DecisionListModel(DecisionStore &store, QObject *parent = nullptr);

    // Reads the decisions again; false + errorString() when the store fails (the rows then stay).
    bool reload();
    QString errorString() const { return m_error; }
    const Decision *decisionAt(int row) const;
    int rowOf(qint64 decisionId) const; // -1 when absent

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusTitle(DecisionStatus status);

private:
    DecisionStore &m_store;
    QList<Decision> m_decisions;
    QString m_error;
};

} // namespace tb
