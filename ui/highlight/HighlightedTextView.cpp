#include "HighlightedTextView.h"

#include "HighlightBackend.h"
#include "SyntaxDefinitions.h"
#include "SyntaxLanguage.h"
#include "ToolHighlightBackend.h"
#ifdef TUNEBENCH_HIGHLIGHT_IN_PROCESS
#include "InProcessHighlightBackend.h"
#endif

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QVBoxLayout>

namespace tb {

namespace {

HighlightBackend *createApplicationBackend(QObject *parent) {
#ifdef TUNEBENCH_HIGHLIGHT_IN_PROCESS
    return new InProcessHighlightBackend({SyntaxDefinitions::resourceSearchPath()}, parent);
#else
    auto *backend = new ToolHighlightBackend(parent);
    QString error; // no folder: the tool still highlights its own languages
    backend->setDefinitionDataDir(SyntaxDefinitions::dataDirectory(&error));
    if (!error.isEmpty())
        qWarning("syntax definitions unavailable to the highlighter: %s", qPrintable(error));
    backend->startServer(SyntaxLanguage::detailPaneLanguages());
    return backend;
#endif
}

} // namespace

HighlightedTextView::HighlightedTextView(QWidget *parent)
    : HighlightedTextView(applicationBackend(), parent) {}

HighlightedTextView::HighlightedTextView(HighlightBackend *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_edit(new QPlainTextEdit(this))
    , m_noticeLabel(new QLabel(this)) {
    // A plain-text edit lays out only what it shows: a long raw record appears in about a millisecond,
    // where a QTextEdit lays out all of it first. The colours are layout formats (HighlightSpans,
    // KSyntaxHighlighting's QSyntaxHighlighter), which it shows as well.
    m_edit->setReadOnly(true);
    m_edit->setObjectName(QStringLiteral("highlightedText"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // long command lines wrap
    m_noticeLabel->setObjectName(QStringLiteral("highlightNotice"));
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setEnabled(false); // greyed: a remark, not an error
    m_noticeLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_noticeLabel);

    connect(m_backend, &HighlightBackend::finished, this, &HighlightedTextView::backendFinished);
    m_dark = paletteIsDark();
}

HighlightedTextView::~HighlightedTextView() = default;

QTextDocument *HighlightedTextView::document() const {
    return m_edit->document();
}

QString HighlightedTextView::backendDescription() {
#ifdef TUNEBENCH_HIGHLIGHT_IN_PROCESS
    return InProcessHighlightBackend::defaultDescription();
#else
    return ToolHighlightBackend::defaultDescription();
#endif
}

HighlightBackend *HighlightedTextView::applicationBackend() {
    static QPointer<HighlightBackend> backend;
    if (!backend)
        backend = createApplicationBackend(qApp);
    return backend;
}

QString HighlightedTextView::shownText(const QString &text) {
    QString shown = text;
    shown.replace(QLatin1String("\r\n"), QLatin1String("\n")); // records from Windows keep CRs
    return shown;
}

void HighlightedTextView::setText(const QString &text, const QString &language) {
    m_text = shownText(text);
    m_language = language;
    requestHighlight();
}

void HighlightedTextView::requestHighlight() {
    m_pending = true;
    m_notice.clear();
    m_noticeLabel->hide();
    m_dark = paletteIsDark();
    m_backend->highlight(m_edit->document(), m_text, m_language, m_dark); // may finish right here
}

void HighlightedTextView::backendFinished(QTextDocument *document, const QString &notice) {
    if (document != m_edit->document())
        return;
    m_pending = false;
    m_notice = notice;
    m_noticeLabel->setText(notice);
    m_noticeLabel->setVisible(!notice.isEmpty());
    emit highlighted();
}

bool HighlightedTextView::paletteIsDark() const {
    return palette().color(QPalette::Base).lightness() < 128;
}

void HighlightedTextView::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    // Follow a switch between light and dark palettes with the matching theme.
    if (event->type() == QEvent::PaletteChange && paletteIsDark() != m_dark && !m_language.isEmpty())
        requestHighlight();
}

} // namespace tb
