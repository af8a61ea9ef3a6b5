#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QTableView;

namespace tb {

class EventDetailPane;
class HighlightedTextView;
class EventTableModel;
class Workspace;

// The workbench shell: builds menus, docks and the status bar, and hands work to models/.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace file; false plus errorString() when it cannot be opened.
    bool openWorkspace(const QString &path);
    QString errorString() const { return m_error; }

    QTableView *eventView() const { return m_eventView; }
    EventTableModel *eventModel() const { return m_eventModel.get(); }
    EventDetailPane *detailPane() const { return m_detailPane; }
    HighlightedTextView *commandLineView() const { return m_commandLineView; }
    HighlightedTextView *rawView() const { return m_rawView; }

private:
    void buildMenus();
    void openWorkspaceDialog();
    void updateStatus();
    void showSelectedEvent();

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<EventTableModel> m_eventModel;
    QTableView *m_eventView = nullptr;
    QLabel *m_countsLabel = nullptr;
    EventDetailPane *m_detailPane = nullptr;
    HighlightedTextView *m_commandLineView = nullptr;
    HighlightedTextView *m_rawView = nullptr;
    QString m_error;
};

} // namespace tb
