#include "ToolHighlightBackend.h"

#include <QCryptographicHash>
#include <QPointer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>

namespace tb {

namespace {

constexpr qsizetype kCacheCharacters = 8 * 1024 * 1024;

QString defaultProgram() {
    return QStringLiteral("kate-syntax-highlighter");
}

QByteArray cacheKey(const QString &language, const QString &theme, const QString &text) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(language.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(theme.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(text.toUtf8());
    return hash.result();
}

// The tool's first line of complaint, e.g. "Unknown syntax.", for the notice.
QString firstLine(const QByteArray &bytes) {
    const QString text = QString::fromUtf8(bytes).trimmed();
    return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

} // namespace

ToolHighlightBackend::ToolHighlightBackend(QObject *parent)
    : HighlightBackend(parent)
    , m_program(defaultProgram())
    , m_cache(kCacheCharacters) {}

// Pending QProcess children are killed by their destructors (QProcess waits up to 30 s for a killed
// child; kate-syntax-highlighter dies at once).
ToolHighlightBackend::~ToolHighlightBackend() = default;

QString ToolHighlightBackend::description() const {
    return QStringLiteral("KSyntaxHighlighting via %1 (out of process)").arg(m_program);
}

bool ToolHighlightBackend::isLatest(QTextDocument *document, quint64 generation) const {
    return m_latest.value(document) == generation;
}

void ToolHighlightBackend::highlight(QTextDocument *document, const QString &text, const QString &language,
                                     bool dark) {
    if (!m_latest.contains(document)) {
        connect(document, &QObject::destroyed, this, [this, document] { m_latest.remove(document); });
    }
    const quint64 generation = ++m_nextGeneration;
    m_latest.insert(document, generation);
    document->setPlainText(text); // shown at once; colours follow when the tool answers
    if (language.isEmpty()) {
        Q_EMIT finished(document, QString()); // plain text by intent, e.g. a command line of unknown shell
        return;
    }

    const QByteArray key = cacheKey(language, themeName(dark), text);
    if (const QString *html = m_cache.object(key)) {
        if (applyToolHtml(document, *html))
            Q_EMIT finished(document, QString());
        else
            Q_EMIT finished(document, tr("Plain text: the highlighter's output did not match the text."));
        return;
    }
    runTool(document, text, language, dark, key, generation);
}

void ToolHighlightBackend::runTool(QTextDocument *document, const QString &text, const QString &language,
                                   bool dark, const QByteArray &key, quint64 generation) {
    auto *process = new QProcess(this);
    process->setProgram(m_program);
    process->setArguments({QStringLiteral("--stdin"), QStringLiteral("-s"), language, QStringLiteral("-f"),
                           QStringLiteral("html"), QStringLiteral("-t"), themeName(dark)});
    if (!m_definitionDataDir.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // The XDG default applies when the variable is unset; keep it behind our folder.
        const QString system =
            env.value(QStringLiteral("XDG_DATA_DIRS"), QStringLiteral("/usr/local/share:/usr/share"));
        env.insert(QStringLiteral("XDG_DATA_DIRS"), m_definitionDataDir + QLatin1Char(':') + system);
        process->setProcessEnvironment(env);
    }

    QPointer<QTextDocument> target(document);
    // errorOccurred alone reports FailedToStart; a crash or kill also ends in finished().
    connect(process, &QProcess::errorOccurred, this,
            [this, process, target, key, generation](QProcess::ProcessError error) {
                if (error == QProcess::FailedToStart)
                    toolFinished(process, target.data(), key, generation, false);
            });
    connect(process, &QProcess::finished, this,
            [this, process, target, key, generation](int exitCode, QProcess::ExitStatus status) {
                toolFinished(process, target.data(), key, generation,
                             status == QProcess::NormalExit && exitCode == 0);
            });
    QTimer::singleShot(m_timeoutMs, process, [process] { process->kill(); });

    ++m_runsStarted;
    process->start(QIODevice::ReadWrite);
    if (process->state() == QProcess::NotRunning)
        return;                    // failed at once; errorOccurred has reported it
    process->write(text.toUtf8()); // buffered until the tool has started; never waited for
    process->closeWriteChannel();
}

void ToolHighlightBackend::toolFinished(QProcess *process, QTextDocument *document, const QByteArray &key,
                                        quint64 generation, bool ok) {
    process->deleteLater();
    const QString html = ok ? QString::fromUtf8(process->readAllStandardOutput()) : QString();
    if (ok && html.contains(QLatin1String("<pre>"))) // even a stale answer is worth keeping
        m_cache.insert(key, new QString(html), html.size());
    if (!document || !isLatest(document, generation))
        return;

    if (ok && applyToolHtml(document, html)) {
        Q_EMIT finished(document, QString());
        return;
    }
    QString notice;
    if (process->error() == QProcess::FailedToStart) {
        notice = tr("Plain text: %1 was not found (package libkf5syntaxhighlighting-tools).").arg(m_program);
    } else if (process->exitStatus() == QProcess::CrashExit) {
        notice = tr("Plain text: %1 did not finish.").arg(m_program);
    } else if (!ok) {
        const QString reason = firstLine(process->readAllStandardError());
        notice = reason.isEmpty()
                     ? tr("Plain text: %1 failed with exit code %2.").arg(m_program).arg(process->exitCode())
                     : tr("Plain text: %1 failed: %2").arg(m_program, reason);
    } else {
        notice = tr("Plain text: the highlighter's output did not match the text.");
    }
    Q_EMIT finished(document, notice);
}

bool ToolHighlightBackend::applyToolHtml(QTextDocument *document, const QString &html) {
    const qsizetype open = html.indexOf(QLatin1String("<pre>"));
    const qsizetype close = html.lastIndexOf(QLatin1String("</pre>"));
    if (open < 0 || close < open)
        return false;
    const QString expected = document->toPlainText();
    // The body's spans inside a pre-wrap block rather than <pre>: Qt gives <pre> a fixed font family,
    // margins and unbreakable lines, and long command lines must wrap like the in-process view.
    QString body = html.mid(open + 5, close - open - 5);
    if (body.startsWith(QLatin1Char('\n')))
        body.remove(0, 1);
    if (body.endsWith(QLatin1Char('\n')) && !expected.endsWith(QLatin1Char('\n')))
        body.chop(1); // the tool ends every line, the last one too
    document->setHtml(QStringLiteral("<div style=\"white-space:pre-wrap\">") + body +
                      QStringLiteral("</div>"));
    QString shown = document->toPlainText();
    if (shown != expected && shown + QLatin1Char('\n') == expected) {
        QTextCursor end(document); // HTML drops a final empty line
        end.movePosition(QTextCursor::End);
        end.insertBlock();
        shown = document->toPlainText();
    }
    if (shown == expected)
        return true;
    document->setPlainText(expected); // never show text other than what was asked for
    return false;
}

} // namespace tb
