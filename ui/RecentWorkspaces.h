#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace tb {

// The recently opened workspaces (QSettings "workspaces/recent", newest first) and the File menu that
// lists them.
class RecentWorkspaces final : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxEntries = 8;
    explicit RecentWorkspaces(QMenu *menu, QObject *parent = nullptr);

    QStringList paths() const;
    void add(const QString &path);
    static QString lastOpened();

signals:
    void openRequested(const QString &path);

private:
    void rebuildMenu();
    QMenu *m_menu;
};

} // namespace tb
