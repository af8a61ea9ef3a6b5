#pragma once

#include <QWidget>

class QLabel;
class QTextDocument;
class QPlainTextEdit;

namespace tb {

class HighlightBackend;

// Read-only text highlighted by KSyntaxHighlighting: give it text and a language (a definition name,
// see SyntaxLanguage.h), get coloured monospace text in the light or dark theme that matches the
// palette. The backend was chosen at build time (backendDescription()); when it cannot highlight,
// the text shows plain with a one-line notice under it, never an error dialog.
class HighlightedTextView final : public QWidget {
    Q_OBJECT
public:
    // Uses the application's backend, shared by every view (one cache, one definition repository).
    explicit HighlightedTextView(QWidget *parent = nullptr);
    // Uses `backend` (not owned; must outlive the view), e.g. a tool backend set up by a test.
    explicit HighlightedTextView(HighlightBackend *backend, QWidget *parent = nullptr);
    ~HighlightedTextView() override;

    void setText(const QString &text, const QString &language);
    // The text as setText() shows it (line ends as "\n"): what HighlightBackend::prefetch() is given.
    static QString shownText(const QString &text);
    QString text() const { return m_text; }
    QString language() const { return m_language; }

    // True from setText() until the view shows its final form (then highlighted() is emitted).
    bool isPending() const { return m_pending; }
    // Why the text is plain; empty when it is highlighted (or still pending).
    QString notice() const { return m_notice; }
    bool usesDarkTheme() const { return m_dark; }
    QTextDocument *document() const;
    HighlightBackend *backend() const { return m_backend; }

    // The backend of this build, e.g. "KSyntaxHighlighting via kate-syntax-highlighter (out of process)".
    static QString backendDescription();
    static HighlightBackend *applicationBackend();

signals:
    void highlighted();

protected:
    void changeEvent(QEvent *event) override;

private:
    void requestHighlight();
    void backendFinished(QTextDocument *document, const QString &notice);
    bool paletteIsDark() const;

    HighlightBackend *m_backend = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    QLabel *m_noticeLabel = nullptr;
    QString m_text;
    QString m_language;
    QString m_notice;
    bool m_pending = false;
    bool m_dark = false;
};

} // namespace tb
