#include "InProcessHighlightBackend.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <ksyntaxhighlighting_version.h>

#include <QTextDocument>

namespace tb {

namespace {

KSyntaxHighlighting::Theme themeFor(const KSyntaxHighlighting::Repository &repository, bool dark) {
    const KSyntaxHighlighting::Theme named = repository.theme(HighlightBackend::themeName(dark));
    if (named.isValid())
        return named;
    return repository.defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                        : KSyntaxHighlighting::Repository::LightTheme);
}

} // namespace

InProcessHighlightBackend::InProcessHighlightBackend(const QStringList &searchPaths, QObject *parent)
    : HighlightBackend(parent)
    , m_repository(std::make_unique<KSyntaxHighlighting::Repository>()) {
    for (const QString &path : searchPaths)
        m_repository->addCustomSearchPath(path);
}

InProcessHighlightBackend::~InProcessHighlightBackend() = default;

QString InProcessHighlightBackend::description() const {
    return defaultDescription();
}

QString InProcessHighlightBackend::defaultDescription() {
    return QStringLiteral("KSyntaxHighlighting %1, in process")
        .arg(QStringLiteral(SyntaxHighlighting_VERSION_STRING));
}

bool InProcessHighlightBackend::hasDefinition(const QString &language) const {
    return m_repository->definitionForName(language).isValid();
}

void InProcessHighlightBackend::highlight(QTextDocument *document, const QString &text,
                                          const QString &language, bool dark) {
    // One highlighter per document, a child of it, reused across requests.
    auto *highlighter =
        document->findChild<KSyntaxHighlighting::SyntaxHighlighter *>(QString(), Qt::FindDirectChildrenOnly);
    if (highlighter)
        highlighter->setDocument(nullptr); // detached, so the new text is highlighted once, below
    document->setPlainText(text);

    const KSyntaxHighlighting::Definition definition = m_repository->definitionForName(language);
    if (!definition.isValid()) {
        delete highlighter;
        // No language (say, a command line of unknown shell) is plain text by intent, not a failure.
        Q_EMIT finished(document, language.isEmpty()
                                      ? QString()
                                      : tr("Plain text: no syntax definition named \"%1\".").arg(language));
        return;
    }
    if (!highlighter)
        highlighter = new KSyntaxHighlighting::SyntaxHighlighter(static_cast<QObject *>(document));
    // The theme goes first: with KF5, a definition set before the theme is highlighted once with
    // an invalid theme, which paints the text invisible.
    highlighter->setTheme(themeFor(*m_repository, dark));
    highlighter->setDefinition(definition);
    highlighter->setDocument(document);
    highlighter->rehighlight(); // now, not on the next event-loop turn as setDocument() would
    Q_EMIT finished(document, QString());
}

} // namespace tb
