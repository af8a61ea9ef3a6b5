#pragma once
// KF5 SyntaxHighlighting 5.x builds and exports KSyntaxHighlighting::HtmlHighlighter (the class behind
// `kate-syntax-highlighter -f html`) but installs no header for it. This is its declaration as in the
// library's src/lib/htmlhighlighter.h (5.103, unchanged through KF5), so that the server writes exactly
// the tool's HTML: same class, same engine, same definitions.

#include <KSyntaxHighlighting/AbstractHighlighter>

#include <QString>

#include <cstdio>
#include <memory>

class QIODevice;

namespace KSyntaxHighlighting {

class HtmlHighlighterPrivate;

class KSYNTAXHIGHLIGHTING_EXPORT HtmlHighlighter : public AbstractHighlighter {
public:
    HtmlHighlighter();
    ~HtmlHighlighter() override;

    void highlightFile(const QString &fileName, const QString &title = QString());
    void highlightData(QIODevice *device, const QString &title = QString());

    void setOutputFile(const QString &fileName);
    void setOutputFile(FILE *fileHandle);

protected:
    void applyFormat(int offset, int length, const Format &format) override;

private:
    std::unique_ptr<HtmlHighlighterPrivate> d;
};

} // namespace KSyntaxHighlighting
