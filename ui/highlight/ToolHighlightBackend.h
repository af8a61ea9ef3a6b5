#pragma once

#include "HighlightBackend.h"

#include <QByteArray>
#include <QCache>
#include <QHash>
#include <QString>

class QProcess;

namespace tb {

// KSyntaxHighlighting out of process, for systems without KF6 (Debian 12 ships only KF5, which a Qt 6
// binary cannot link): `kate-syntax-highlighter --stdin -s LANG -f html -t THEME` runs in a QProcess
// and its HTML replaces the plain text. The UI thread never waits for it; results are cached by a
// hash of (language, theme, text); a missing or failing tool leaves plain text and a one-line notice.
class ToolHighlightBackend final : public HighlightBackend {
    Q_OBJECT
public:
    explicit ToolHighlightBackend(QObject *parent = nullptr);
    ~ToolHighlightBackend() override;

    // The tool to run: a name looked up on PATH or a path. Default: kate-syntax-highlighter.
    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }
    // A folder holding org.kde.syntax-highlighting/syntax/*.xml, put first on the tool's
    // XDG_DATA_DIRS so that it finds Tunebench's own definitions (SPL, KQL, macros.conf).
    void setDefinitionDataDir(const QString &dir) { m_definitionDataDir = dir; }
    QString definitionDataDir() const { return m_definitionDataDir; }
    // A run that takes longer is killed and its text stays plain.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    QString description() const override;
    void highlight(QTextDocument *document, const QString &text, const QString &language, bool dark) override;

    // How many tool runs were started so far: cached results start none.
    int runsStarted() const { return m_runsStarted; }

    // Colours the plain text `document` holds as the tool's HTML output `html` says. False, and the
    // plain text kept, when `html` is not the tool's HTML for that text.
    static bool applyToolHtml(QTextDocument *document, const QString &html);

private:
    void runTool(QTextDocument *document, const QString &text, const QString &language, bool dark,
                 const QByteArray &key, quint64 generation);
    void toolFinished(QProcess *process, QTextDocument *document, const QByteArray &key, quint64 generation,
                      bool ok);
    bool isLatest(QTextDocument *document, quint64 generation) const;

    QString m_program;
    QString m_definitionDataDir;
    int m_timeoutMs = 15000;
    int m_runsStarted = 0;
    quint64 m_nextGeneration = 0;
    QHash<QTextDocument *, quint64> m_latest; // the request each document waits for
    QCache<QByteArray, QString> m_cache;      // hash -> HTML; cost = characters
};

} // namespace tb
