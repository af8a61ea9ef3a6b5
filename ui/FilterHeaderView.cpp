#include "FilterHeaderView.h"

#include <QAbstractItemModel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTimer>

namespace tb {

FilterHeaderView::FilterHeaderView(QWidget *parent)
    : QHeaderView(Qt::Horizontal, parent) {
    setSectionsClickable(true);
    setSectionsMovable(true);
    setSortIndicatorShown(true);
    setHighlightSections(false);
    m_pause = new QTimer(this);
    m_pause->setSingleShot(true);
    m_pause->setInterval(350);
    connect(m_pause, &QTimer::timeout, this, &FilterHeaderView::emitPending);
    connect(this, &QHeaderView::sectionResized, this, &FilterHeaderView::placeEditors);
    connect(this, &QHeaderView::sectionMoved, this, &FilterHeaderView::placeEditors);
    connect(this, &QHeaderView::sectionCountChanged, this, &FilterHeaderView::rebuildEditors);
}

QLineEdit *FilterHeaderView::editor(int logicalIndex) const {
    return logicalIndex >= 0 && logicalIndex < m_editors.size() ? m_editors[logicalIndex] : nullptr;
}

void FilterHeaderView::setFilterText(int logicalIndex, const QString &text) {
    if (QLineEdit *line = editor(logicalIndex)) {
        const QSignalBlocker blocker(line);
        line->setText(text);
    }
}

void FilterHeaderView::rebuildEditors() {
    qDeleteAll(m_editors);
    m_editors.clear();
    m_pending.clear();
    const int columns = model() ? model()->columnCount() : 0;
    for (int logical = 0; logical < columns; ++logical) {
        auto *line = new QLineEdit(this);
        const QString title = model()->headerData(logical, Qt::Horizontal).toString();
        line->setPlaceholderText(tr("Filter"));
        line->setAccessibleName(tr("Filter %1").arg(title));
        line->setToolTip(
            tr("Filter %1: a word (contains), !word, =value, != value, >x, <x; = alone: empty").arg(title));
        line->setClearButtonEnabled(true);
        line->setFrame(false);
        connect(line, &QLineEdit::textEdited, this, [this, logical] {
            m_pending.insert(logical);
            m_pause->start();
        });
        connect(line, &QLineEdit::returnPressed, this, [this, logical] {
            m_pending.insert(logical);
            emitPending();
        });
        // The clear button does not "edit" the text: listen for an emptied field too.
        connect(line, &QLineEdit::textChanged, this, [this, logical](const QString &text) {
            if (text.isEmpty()) {
                m_pending.insert(logical);
                m_pause->start();
            }
        });
        m_editors << line;
        line->show();
    }
    updateGeometries();
}

void FilterHeaderView::emitPending() {
    m_pause->stop();
    const QSet<int> pending = std::exchange(m_pending, {});
    for (int logical : pending) {
        if (QLineEdit *line = editor(logical))
            emit filterChanged(logical, line->text());
    }
}

QSize FilterHeaderView::sizeHint() const {
    QSize size = QHeaderView::sizeHint();
    if (!m_editors.isEmpty())
        size.setHeight(size.height() + m_editors.first()->sizeHint().height());
    return size;
}

void FilterHeaderView::updateGeometries() {
    if (!m_editors.isEmpty())
        setViewportMargins(0, 0, 0, m_editors.first()->sizeHint().height());
    else
        setViewportMargins(0, 0, 0, 0);
    QHeaderView::updateGeometries();
    placeEditors();
}

void FilterHeaderView::placeEditors() {
    const int top = QHeaderView::sizeHint().height();
    for (int logical = 0; logical < m_editors.size(); ++logical) {
        QLineEdit *line = m_editors[logical];
        if (isSectionHidden(logical)) {
            line->hide();
            continue;
        }
        line->setGeometry(sectionViewportPosition(logical), top, sectionSize(logical),
                          line->sizeHint().height());
        line->show();
    }
}

} // namespace tb
