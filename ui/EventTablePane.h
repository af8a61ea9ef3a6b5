#pragma once

#include "items/EventColumn.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QMenu;
class QSettings;
class QTableView;
class QToolButton;

namespace tb {

class EventTableModel;
class FilterHeaderView;
class VerdictTintDelegate;

// The event table with its quick-search box (FTS5), filter fields under the column titles, a column
// chooser and rows tinted by verdict. It drives the EventTableModel's query; it owns no data.
class EventTablePane final : public QWidget {
    Q_OBJECT
public:
    explicit EventTablePane(QWidget *parent = nullptr);

    void setModel(EventTableModel *model);
    EventTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    FilterHeaderView *filterHeader() const { return m_header; }
    QMenu *columnMenu() const { return m_columnMenu; }

    void setColumnShown(const EventColumn &column, bool shown);
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

private:
    void columnsChanged();
    void updateCount();
    void fillColumnMenu();

    EventTableModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QToolButton *m_columnsButton = nullptr;
    QMenu *m_columnMenu = nullptr;
    QTableView *m_view = nullptr;
    FilterHeaderView *m_header = nullptr;
    VerdictTintDelegate *m_delegate = nullptr;
    QTimer *m_searchPause = nullptr;
};

} // namespace tb
