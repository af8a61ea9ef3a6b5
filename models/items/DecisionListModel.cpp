#include "DecisionListModel.h"

#include "tuning/DecisionStore.h"

namespace tb {

DecisionListModel::DecisionListModel(DecisionStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store) {}

bool DecisionListModel::reload() {
    QList<Decision> decisions;
    if (!m_store.list(decisions)) {
        m_error = m_store.errorString();
        return false;
    }
    m_error.clear();
    beginResetModel();
    m_decisions = std::move(decisions);
    endResetModel();
    return true;
}

const Decision *DecisionListModel::decisionAt(int row) const {
    return row >= 0 && row < m_decisions.size() ? &m_decisions[row] : nullptr;
}

int DecisionListModel::rowOf(qint64 decisionId) const {
    for (int row = 0; row < m_decisions.size(); ++row) {
        if (m_decisions[row].id == decisionId)
            return row;
    }
    return -1;
}

int DecisionListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_decisions.size());
}

int DecisionListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString DecisionListModel::statusTitle(DecisionStatus status) {
    switch (status) {
    case DecisionStatus::Proposed:
        return tr("Proposed");
    case DecisionStatus::Approved:
        return tr("Approved");
    case DecisionStatus::Rejected:
        return tr("Rejected");
    case DecisionStatus::Expired:
        return tr("Expired");
    case DecisionStatus::Retired:
        break;
    }
    return tr("Retired");
}

QVariant DecisionListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Decision &d = m_decisions[index.row()];
    if (role == DecisionIdRole)
        return d.id;
    if (role == StatusNameRole)
        return decisionStatusName(d.status);
    if (role == Qt::ToolTipRole && index.column() == Title)
        return d.condition.toText();
    if (role == Qt::TextAlignmentRole && index.column() == Id)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Id:
        return d.id;
    case Status:
        return statusTitle(d.status);
    case Title:
        return d.title;
    case Rules:
        return d.scope.ruleIds.isEmpty() ? tr("every rule") : d.scope.ruleIds.join(QStringLiteral(", "));
    case Note:
        return d.noteId;
    case Author:
        return d.author;
    case Created:
        return d.createdAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Expires:
        return d.expiresAt ? d.expiresAt->toString(Qt::ISODate) : QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DecisionListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("Id");
    case Status:
        return tr("Status");
    case Title:
        return tr("Title");
    case Rules:
        return tr("Rules");
    case Note:
        return tr("Note");
    case Author:
        return tr("Author");
    case Created:
        return tr("Created (UTC)");
    case Expires:
        return tr("Expires");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace tb
