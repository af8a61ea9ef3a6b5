#pragma once

#include <QStyledItemDelegate>

namespace tb {

// Paints each event row tinted by its verdict (EventTableModel::VerdictRole), so reviewed rows read at
// a glance; the FP column gets a thin bar of its likelihood.
class VerdictTintDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit VerdictTintDelegate(int likelihoodColumn, QObject *parent = nullptr);
    void setLikelihoodColumn(int column) { m_likelihoodColumn = column; }
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    int m_likelihoodColumn;
};

} // namespace tb
