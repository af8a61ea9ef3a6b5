// tunebench-highlightd: kate-syntax-highlighter's HTML output, served by one long-lived process, so that
// a Qt 6 Tunebench on a system with only KF5 (Debian 12) pays the library load once instead of per text.
//
// Protocol on stdin/stdout, one request at a time, answered in order:
//   request: "<definition>\t<theme>\t<byte length>\n" then that many bytes of UTF-8 text
//   reply:   "<byte length>\n" then that much HTML: the text in a <pre>, each run of one format in a
//            <span style="..."> with the properties `kate-syntax-highlighter -f html` writes for it
//            (colour, background, bold, italic, underline, strike-through), so one parser reads both
//   or:      "!<message>\n" when the definition is unknown; the server keeps serving
// End of input between requests ends the server (exit 0); a malformed header or a short text exits 1.
// Extra definitions: XDG_DATA_DIRS, as for the tool, or --definitions DIR (a folder with syntax/*.xml).
// --preload NAME loads a definition before the first request (KSyntaxHighlighting loads each on first use).

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>

#include <QByteArray>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <cstdio>

namespace {

using namespace KSyntaxHighlighting;

struct Request {
    QString definition;
    QString theme;
    QByteArray text;
};

enum class ReadResult { Request, End, Malformed };

// Longest accepted text: a guard against a corrupt length, far above any record Tunebench shows.
constexpr qint64 MaxTextBytes = qint64(256) * 1024 * 1024;

ReadResult readRequest(std::FILE *in, Request &request) {
    QByteArray header;
    int c = 0;
    while ((c = std::fgetc(in)) != EOF && c != '\n') {
        header.append(char(c));
        if (header.size() > 4096)
            return ReadResult::Malformed;
    }
    if (c == EOF)
        return header.isEmpty() ? ReadResult::End : ReadResult::Malformed;
    const QList<QByteArray> fields = header.split('\t');
    if (fields.size() != 3 || fields.at(0).isEmpty())
        return ReadResult::Malformed;
    bool ok = false;
    const qint64 length = fields.at(2).toLongLong(&ok);
    if (!ok || length < 0 || length > MaxTextBytes)
        return ReadResult::Malformed;
    request.definition = QString::fromUtf8(fields.at(0));
    request.theme = QString::fromUtf8(fields.at(1));
    request.text.resize(length);
    if (length > 0 && std::fread(request.text.data(), 1, size_t(length), in) != size_t(length))
        return ReadResult::Malformed;
    return ReadResult::Request;
}

// As kate-syntax-highlighter looks a syntax up: by name, then MIME type, then file extension.
Definition definitionFor(Repository &repository, const QString &name) {
    Definition definition = repository.definitionForName(name);
    if (!definition.isValid())
        definition = repository.definitionForMimeType(name);
    if (!definition.isValid())
        definition = repository.definitionForFileName(QStringLiteral("f.") + name);
    return definition;
}

// Writes a text as spans of the formats the definition gives it, through the library's public
// AbstractHighlighter: line by line, each run of one format in a <span> with that format's properties.
class SpanHtmlWriter final : public AbstractHighlighter {
public:
    QByteArray toHtml(const QString &text) {
        QString html = QStringLiteral("<pre>\n");
        m_out = &html;
        State state;
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            m_line = line;
            state = highlightLine(m_line, state);
            html += QLatin1Char('\n');
        }
        html += QStringLiteral("</pre>\n");
        m_out = nullptr;
        return html.toUtf8();
    }

protected:
    void applyFormat(int offset, int length, const Format &format) override {
        if (length <= 0)
            return;
        QStringList style;
        if (format.hasTextColor(theme()))
            style << QStringLiteral("color:") + format.textColor(theme()).name();
        if (format.hasBackgroundColor(theme()))
            style << QStringLiteral("background-color:") + format.backgroundColor(theme()).name();
        if (format.isBold(theme()))
            style << QStringLiteral("font-weight:bold");
        if (format.isItalic(theme()))
            style << QStringLiteral("font-style:italic");
        if (format.isUnderline(theme()))
            style << QStringLiteral("text-decoration:underline");
        if (format.isStrikeThrough(theme()))
            style << QStringLiteral("text-decoration:line-through");
        if (!style.isEmpty())
            *m_out +=
                QStringLiteral("<span style=\"") + style.join(QLatin1Char(';')) + QStringLiteral(";\">");
        *m_out += m_line.mid(offset, length).toHtmlEscaped();
        if (!style.isEmpty())
            *m_out += QStringLiteral("</span>");
    }

private:
    QString *m_out = nullptr;
    QString m_line;
};

void reply(const QByteArray &bytes) {
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tunebench-highlightd"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serves kate-syntax-highlighter's HTML over stdin/stdout: "
                       "\"<definition>\\t<theme>\\t<bytes>\\n<text>\" "
                       "in, \"<bytes>\\n<html>\" or \"!<message>\\n\" out."));
    parser.addHelpOption();
    const QCommandLineOption definitions(QStringLiteral("definitions"),
                                         QStringLiteral("A folder with syntax/*.xml to search as well."),
                                         QStringLiteral("dir"));
    parser.addOption(definitions);
    const QCommandLineOption preload(QStringLiteral("preload"),
                                     QStringLiteral("A definition to load before the first request."),
                                     QStringLiteral("name"));
    parser.addOption(preload);
    parser.process(app);

    Repository repository;
    for (const QString &dir : parser.values(definitions))
        repository.addCustomSearchPath(dir);
    SpanHtmlWriter highlighter;
    for (const QString &name : parser.values(preload)) {
        const Definition definition = definitionFor(repository, name);
        if (!definition.isValid())
            continue; // its requests will say so
        highlighter.setDefinition(definition);
        highlighter.toHtml(QStringLiteral("x"));
    }

    Request request;
    for (;;) {
        switch (readRequest(stdin, request)) {
        case ReadResult::End:
            return 0;
        case ReadResult::Malformed:
            std::fputs("tunebench-highlightd: malformed request\n", stderr);
            return 1;
        case ReadResult::Request:
            break;
        }
        const Definition definition = definitionFor(repository, request.definition);
        if (!definition.isValid()) {
            reply(QByteArrayLiteral("!Unknown syntax.\n"));
            continue;
        }
        highlighter.setDefinition(definition);
        highlighter.setTheme(
            repository.theme(request.theme)); // an unknown name: the default theme, as the tool
        const QByteArray html = highlighter.toHtml(QString::fromUtf8(request.text));
        reply(QByteArray::number(html.size()) + '\n' + html);
    }
}
