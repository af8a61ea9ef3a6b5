#pragma once

#include <QList>
#include <QWidget>

namespace tb {

class HighlightedTextView;

// Three snippets an analyst reads, highlighted: a PowerShell command that registers a task, the
// task's XML, and an SPL search. For `tunebench --highlight-demo FILE.png` and the screenshot in
// docs/screenshots/highlighting.png.
class HighlightDemo final : public QWidget {
    Q_OBJECT
public:
    explicit HighlightDemo(QWidget *parent = nullptr);

    QList<HighlightedTextView *> views() const { return m_views; }
    bool isHighlighted() const;

    // Shows the demo, lets the event loop run until every snippet is highlighted (or `timeoutMs`
    // passed) and saves a PNG of it to `file`. False plus `message` when it could not be saved.
    static bool saveScreenshot(const QString &file, QString *message, int timeoutMs = 10000);

signals:
    void highlighted();

private:
    void addSnippet(const QString &title, const QString &text, const QString &language);

    QList<HighlightedTextView *> m_views;
};

} // namespace tb
