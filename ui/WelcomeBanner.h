#pragma once

#include <QFrame>

namespace tb {

// A short welcome above the table on the first run (the demo workspace): what it is, the keys that
// matter, how to bring one's own alerts. Closed for good with its button.
class WelcomeBanner final : public QFrame {
    Q_OBJECT
public:
    explicit WelcomeBanner(QWidget *parent = nullptr);
    static bool wasDismissed();

signals:
    void importRequested();
};

} // namespace tb
