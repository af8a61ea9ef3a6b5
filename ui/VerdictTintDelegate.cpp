#include "VerdictTintDelegate.h"

#include "items/EventTableModel.h"
#include "VerdictPalette.h"

#include <QPainter>

namespace tb {

VerdictTintDelegate::VerdictTintDelegate(int likelihoodColumn, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_likelihoodColumn(likelihoodColumn) {}

void VerdictTintDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const {
    const bool selected = option.state & QStyle::State_Selected;
    if (!selected) {
        const QColor tint =
            VerdictPalette::tint(index.data(EventTableModel::VerdictRole).toString(), option.palette);
        if (tint.isValid())
            painter->fillRect(option.rect, tint);
    }
    if (index.column() == m_likelihoodColumn) {
        const int likelihood =
            index.data().toString().chopped(index.data().toString().isEmpty() ? 0 : 1).toInt();
        if (likelihood > 0) {
            QRect bar = option.rect.adjusted(2, option.rect.height() - 4, -2, -1);
            bar.setWidth(std::max(1, bar.width() * likelihood / 100));
            QColor colour = option.palette.color(QPalette::Highlight);
            colour.setAlphaF(selected ? 0.9 : 0.55);
            painter->fillRect(bar, selected ? option.palette.color(QPalette::HighlightedText) : colour);
        }
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace tb
