#pragma once

#include <QHeaderView>
#include <QList>
#include <QSet>

class QLineEdit;
class QTimer;

namespace tb {

// A horizontal header with a filter field under each column title, as in Timeline Explorer. Typing
// waits for a short pause before filterChanged() (each keystroke would be a new query).
class FilterHeaderView final : public QHeaderView {
    Q_OBJECT
public:
    explicit FilterHeaderView(QWidget *parent = nullptr);

    QLineEdit *editor(int logicalIndex) const;
    void setFilterText(int logicalIndex, const QString &text); // without filterChanged()
    // Creates one field per column of the model (after the model's columns changed).
    void rebuildEditors();

    QSize sizeHint() const override;
    // Lines the fields up with the sections (after a horizontal scroll, say).
    void placeEditors();

signals:
    void filterChanged(int logicalIndex, const QString &text);

protected:
    void updateGeometries() override;

private:
    void emitPending();

    QList<QLineEdit *> m_editors;
    QTimer *m_pause = nullptr;
    QSet<int> m_pending;
};

} // namespace tb
