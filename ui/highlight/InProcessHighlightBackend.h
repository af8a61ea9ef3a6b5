#pragma once

#include "HighlightBackend.h"

#include <QStringList>

#include <memory>

namespace KSyntaxHighlighting {
class Repository;
}

namespace tb {

// KSyntaxHighlighting in process: a KSyntaxHighlighting::SyntaxHighlighter on each document.
// Built where KF6SyntaxHighlighting exists; written to compile against Qt 5 + KF5 too, because
// Debian 12 can only exercise this code that way (tests/kf5).
class InProcessHighlightBackend final : public HighlightBackend {
    Q_OBJECT
public:
    // `searchPaths` are extra roots holding a syntax/ folder of Kate definitions (a directory or a
    // Qt resource path such as ":/tunebench"); KSyntaxHighlighting's own definitions come first.
    explicit InProcessHighlightBackend(const QStringList &searchPaths, QObject *parent = nullptr);
    ~InProcessHighlightBackend() override;

    QString description() const override;
    static QString defaultDescription();
    void highlight(QTextDocument *document, const QString &text, const QString &language, bool dark) override;

    // Whether `language` names a definition the repository has (KSyntaxHighlighting's or ours).
    bool hasDefinition(const QString &language) const;

private:
    std::unique_ptr<KSyntaxHighlighting::Repository> m_repository;
};

} // namespace tb
