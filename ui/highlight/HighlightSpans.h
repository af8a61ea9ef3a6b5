#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <QTextCharFormat>

#include <optional>

class QTextDocument;

namespace tb {

// Highlighting as runs of formats over a text: what kate-syntax-highlighter's HTML says, parsed once
// (on any thread) and laid over a plain-text document as layout formats, as a QSyntaxHighlighter does.
// That costs a fraction of QTextDocument::setHtml() on the UI thread and never touches the text.
class HighlightSpans final {
public:
    struct Span {
        int start = 0;
        int length = 0;
        int format = 0; // index into formats()
    };

    // The spans of the tool's HTML output, if its text is `text` (the tool may end it with a newline);
    // nullopt when `html` is not the tool's HTML for that text.
    static std::optional<HighlightSpans> fromToolHtml(QStringView html, QStringView text);

    // Colours `document`, which holds the highlighted text, block by block.
    void applyTo(QTextDocument *document) const;

    const QList<Span> &spans() const { return m_spans; }
    const QList<QTextCharFormat> &formats() const { return m_formats; }
    // Characters covered: what a cache counts it as.
    qsizetype textLength() const { return m_textLength; }

private:
    int formatIndex(QStringView style);

    QList<Span> m_spans;
    QList<QTextCharFormat> m_formats; // the few distinct styles of one theme
    QList<QString> m_styles;          // the style attribute each format came from
    qsizetype m_textLength = 0;
};

} // namespace tb
