#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QTextDocument;

namespace tb {

// A text to highlight ahead of time: what a later highlight() of it will ask for.
struct HighlightRequest {
    QString text;
    QString language;
    bool dark = false;
};

// One way of running KSyntaxHighlighting over a QTextDocument. Two implementations, one chosen at
// build time: InProcessHighlightBackend (KF6SyntaxHighlighting linked in) and ToolHighlightBackend
// (the kate-syntax-highlighter tool out of process, for Debian 12 which ships KF5 only).
// This header must compile against Qt 5 as well: tests/kf5 builds the in-process backend with KF5.
class HighlightBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Which engine this is, for `tunebench --version` and notices.
    virtual QString description() const = 0;

    // Puts `text` into `document` at once as plain text, then highlights it as `language` (a
    // KSyntaxHighlighting definition name such as "PowerShell") with a light or dark theme, now or
    // later. Emits finished() once the document shows its final form. A newer request for the same
    // document supersedes an older one. An empty `language` means plain text, with no notice.
    virtual void highlight(QTextDocument *document, const QString &text, const QString &language,
                           bool dark) = 0;

    // Highlights `requests` in the background at low priority, so that a later highlight() of one
    // of them is served at once; replaces the requests of an earlier call not started yet. Backends
    // that highlight in process need no head start: the default does nothing.
    virtual void prefetch(const QList<HighlightRequest> &requests) { Q_UNUSED(requests) }

    // The themes used for light and dark palettes; both exist in KF5 and KF6.
    static QString themeName(bool dark) {
        return dark ? QStringLiteral("Breeze Dark") : QStringLiteral("Breeze Light");
    }

Q_SIGNALS:
    // `notice` is empty when the text is highlighted, else one line saying why it is plain.
    void finished(QTextDocument *document, const QString &notice);
};

} // namespace tb
