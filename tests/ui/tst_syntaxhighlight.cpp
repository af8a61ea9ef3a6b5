// The highlighting component on this build's backend, for real: every language the workbench shows is
// coloured, Tunebench's own definitions (SPL, macros.conf, KQL) load and are valid to the engine, the
// palette picks the theme, and the tool backend degrades to plain text with a notice.
#include "highlight/CommandLanguage.h"
#include "highlight/HighlightDemo.h"
#include "highlight/HighlightedTextView.h"
#include "highlight/SyntaxDefinitions.h"
#include "highlight/SyntaxLanguage.h"
#include "highlight/ToolHighlightBackend.h"
#include "HighlightSamples.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFontInfo>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace tb;
using namespace HighlightSamples;

namespace {

QString toolPath() {
    return QStandardPaths::findExecutable(QStringLiteral("kate-syntax-highlighter"));
}

bool isToolBuild() {
    return qobject_cast<ToolHighlightBackend *>(HighlightedTextView::applicationBackend());
}

bool waitHighlighted(const HighlightedTextView &view) {
    return QTest::qWaitFor([&view] { return !view.isPending(); }, 20000);
}

QByteArray readFile(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QPalette lightPalette() {
    QPalette palette;
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x1f, 0x1c, 0x1b));
    return palette;
}

QPalette darkPalette() {
    QPalette palette;
    palette.setColor(QPalette::Base, QColor(0x23, 0x26, 0x29));
    palette.setColor(QPalette::Text, QColor(0xcf, 0xcf, 0xc2));
    palette.setColor(QPalette::Window, QColor(0x31, 0x36, 0x3b));
    palette.setColor(QPalette::WindowText, QColor(0xcf, 0xcf, 0xc2));
    return palette;
}

} // namespace

class TestSyntaxHighlight : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // A shell script standing in for kate-syntax-highlighter.
    QString script(const QString &name, const QString &body) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(("#!/bin/sh\n" + body + "\n").toUtf8());
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    static void configure(ToolHighlightBackend &backend) {
        backend.setDefinitionDataDir(SyntaxDefinitions::dataDirectory());
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        qInfo("backend of this build: %s", qPrintable(HighlightedTextView::backendDescription()));
        // Describing builds nothing: `tunebench --version` exits from inside the argument parser, and a
        // backend built for its text left a thread and the server running into exit() (crashed 1 in 100).
        QVERIFY(qApp->findChildren<HighlightBackend *>().isEmpty());
        if (isToolBuild())
            QVERIFY2(!toolPath().isEmpty(),
                     "kate-syntax-highlighter is missing: run packaging/install-deps.sh");
    }

    // --- every language, on this build's backend -----------------------------------------------

    void eachLanguageIsColoured_data() {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("highlighted");
        QTest::addColumn<QStringList>("plain");
        QTest::addColumn<QStringList>("distinct");
        for (const Sample &sample : samples()) {
            QTest::newRow(sample.name)
                << sample.language << sample.text << sample.highlighted << sample.plain << sample.distinct;
        }
    }

    void eachLanguageIsColoured() {
        QFETCH(QString, language);
        QFETCH(QString, text);
        QFETCH(QStringList, highlighted);
        QFETCH(QStringList, plain);
        QFETCH(QStringList, distinct);

        HighlightedTextView view;
        view.setPalette(lightPalette());
        view.setText(text, language);
        QVERIFY(waitHighlighted(view));
        QVERIFY2(view.notice().isEmpty(), qPrintable(view.notice()));
        const QTextDocument *doc = view.document();
        QCOMPARE(doc->toPlainText(), text);
        QVERIFY2(colours(doc).size() >= 3, qPrintable(colours(doc).join(QLatin1Char(' '))));
        for (const QString &token : highlighted) {
            const QString style = styleOf(doc, token);
            QVERIFY2(!style.isEmpty() && style != QLatin1String("<missing>"),
                     qPrintable(token + " is not highlighted: " + style));
        }
        for (const QString &token : plain)
            QVERIFY2(styleOf(doc, token).isEmpty(), qPrintable(token + " is styled: " + styleOf(doc, token)));
        QStringList seen;
        for (const QString &token : distinct) {
            const QString style = styleOf(doc, token);
            QVERIFY2(!seen.contains(style), qPrintable(token + " looks like another role: " + style));
            seen << style;
        }
    }

    void followsTheLightOrDarkPalette() {
        const Sample &spl = sampleFor(SyntaxLanguage::Spl);
        const QString token = QStringLiteral("\"WinEventLog:Security\"");
        HighlightedTextView view;
        view.setPalette(lightPalette());
        view.setText(spl.text, spl.language);
        QVERIFY(waitHighlighted(view));
        QVERIFY(!view.usesDarkTheme());
        const QString light = styleOf(view.document(), token);

        view.setPalette(darkPalette()); // re-highlights with the dark theme by itself
        QVERIFY(view.usesDarkTheme());
        QVERIFY(waitHighlighted(view));
        const QString dark = styleOf(view.document(), token);
        QVERIFY(!dark.isEmpty());
        QVERIFY2(dark != light, qPrintable(light + " == " + dark));
        QColor darkColour(dark.section(QLatin1Char(' '), 0, 0));
        QVERIFY2(darkColour.lightness() > 100, qPrintable(dark)); // readable on a dark background

        view.setPalette(lightPalette());
        QVERIFY(waitHighlighted(view));
        QCOMPARE(styleOf(view.document(), token), light);
    }

    void commandLineShowsInItsLanguage_data() {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("token");
        QTest::newRow("powershell.exe") << "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
                                        << "powershell.exe -NoP -W Hidden -Command \"Get-ScheduledTask | "
                                           "Where-Object { $_.State -eq 'Ready' }\""
                                        << QString(SyntaxLanguage::PowerShell) << "Where-Object";
        QTest::newRow("cmd.exe")
            << "C:\\Windows\\System32\\cmd.exe"
            << "cmd.exe /c schtasks /create /tn \"Updater\" /tr \"C:\\ProgramData\\u.exe\" /sc onlogon"
            << QString(SyntaxLanguage::Batch) << "/create";
        QTest::newRow("bash") << "/usr/bin/bash"
                              << "bash -c 'echo \"* * * * * root /tmp/x\" >> /etc/crontab'"
                              << QString(SyntaxLanguage::Bash) << "echo";
    }

    void commandLineShowsInItsLanguage() {
        QFETCH(QString, image);
        QFETCH(QString, commandLine);
        QFETCH(QString, language);
        QFETCH(QString, token);
        QCOMPARE(SyntaxLanguage::forCommand(guessCommandLanguage(image, commandLine)), language);
        HighlightedTextView view;
        view.setText(commandLine, language);
        QVERIFY(waitHighlighted(view));
        QVERIFY2(view.notice().isEmpty(), qPrintable(view.notice()));
        QVERIFY(!styleOf(view.document(), token).isEmpty());
    }

    void unknownLanguageIsPlainWithoutNotice() {
        HighlightedTextView view;
        view.setText(QStringLiteral("/opt/agent/run --now"),
                     SyntaxLanguage::forCommand(CommandLanguage::Unknown));
        QVERIFY(waitHighlighted(view));
        QVERIFY(view.notice().isEmpty());
        QCOMPARE(view.document()->toPlainText(), QStringLiteral("/opt/agent/run --now"));
        QVERIFY(colours(view.document()).isEmpty());
    }

    void windowsLineEndsAreShownAsLines() {
        HighlightedTextView view;
        view.setText(QStringLiteral("{\"a\": 1,\r\n \"b\": true}"), SyntaxLanguage::Json);
        QVERIFY(waitHighlighted(view));
        QCOMPARE(view.document()->toPlainText(), QStringLiteral("{\"a\": 1,\n \"b\": true}"));
        QVERIFY(!styleOf(view.document(), QStringLiteral("true")).isEmpty());
    }

    // --- Tunebench's own definitions ------------------------------------------------------------

    void customDefinitionsAreWellFormed() {
        QStringList names;
        for (const QString &file : SyntaxDefinitions::fileNames()) {
            const QByteArray compiled = readFile(SyntaxDefinitions::resourceSearchPath() + "/syntax/" + file);
            QVERIFY2(!compiled.isEmpty(), qPrintable(file));
            QCOMPARE(compiled, readFile(QStringLiteral(SYNTAX_SOURCE_DIR "/") + file));
            QXmlStreamReader xml(compiled);
            while (!xml.atEnd() && !(xml.isStartElement() && xml.name() == QLatin1String("language")))
                xml.readNext();
            QVERIFY2(!xml.hasError(), qPrintable(file + ": " + xml.errorString()));
            QVERIFY(!xml.attributes().value(QLatin1String("version")).isEmpty());
            QVERIFY(!xml.attributes().value(QLatin1String("kateversion")).isEmpty());
            names << xml.attributes().value(QLatin1String("name")).toString();
            while (!xml.atEnd())
                xml.readNext();
            QVERIFY2(!xml.hasError(), qPrintable(file + ": " + xml.errorString()));
        }
        names.sort();
        QCOMPARE(names, QStringList({QString(SyntaxLanguage::Kql), QString(SyntaxLanguage::SplunkMacros),
                                     QString(SyntaxLanguage::Spl)}));
    }

    void definitionFolderHoldsCurrentCopies() {
        QString error;
        const QString dir = SyntaxDefinitions::dataDirectory(&error);
        QVERIFY2(!dir.isEmpty(), qPrintable(error));
        const QString syntax = dir + "/org.kde.syntax-highlighting/syntax/";
        for (const QString &file : SyntaxDefinitions::fileNames())
            QCOMPARE(readFile(syntax + file), readFile(QStringLiteral(SYNTAX_SOURCE_DIR "/") + file));

        // A stale copy (an older Tunebench extracted it) is replaced.
        QFile stale(syntax + "kql.xml");
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("<language name=\"KQL\" version=\"0\"/>");
        stale.close();
        QCOMPARE(SyntaxDefinitions::dataDirectory(&error), dir);
        QCOMPARE(readFile(syntax + "kql.xml"), readFile(QStringLiteral(SYNTAX_SOURCE_DIR "/kql.xml")));
    }

    // The tool, given our folder on XDG_DATA_DIRS, lists the definitions, loads them without a
    // complaint from the engine (its warnings switched on) and colours a stanza, a search and a query.
    void toolAcceptsCustomDefinitions_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("SPL") << QString(SyntaxLanguage::Spl);
        QTest::newRow("macros.conf") << QString(SyntaxLanguage::SplunkMacros);
        QTest::newRow("KQL") << QString(SyntaxLanguage::Kql);
    }

    void toolAcceptsCustomDefinitions() {
        QFETCH(QString, language);
        if (toolPath().isEmpty())
            QSKIP("kate-syntax-highlighter is not installed (this build highlights in process)");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_DIRS", SyntaxDefinitions::dataDirectory() + ":/usr/local/share:/usr/share");
        env.insert("QT_LOGGING_RULES", "kf.syntaxhighlighting*=true");

        QProcess list;
        list.setProcessEnvironment(env);
        list.start(toolPath(), {"--list"});
        QVERIFY(list.waitForFinished(20000));
        QVERIFY(QString::fromUtf8(list.readAllStandardOutput()).split('\n').contains(language));

        const Sample &sample = sampleFor(language);
        QProcess tool;
        tool.setProcessEnvironment(env);
        tool.start(toolPath(), {"--stdin", "-s", language, "-f", "html", "-t", "Breeze Light"});
        tool.write(sample.text.toUtf8());
        tool.closeWriteChannel();
        QVERIFY(tool.waitForFinished(20000));
        const QString errors = QString::fromUtf8(tool.readAllStandardError());
        QCOMPARE(tool.exitCode(), 0);
        for (const QString &line : errors.split('\n', Qt::SkipEmptyParts))
            QVERIFY2(!line.contains("syntaxhighlighting") && !line.contains(language), qPrintable(line));
        const QString html = QString::fromUtf8(tool.readAllStandardOutput());
        QVERIFY(html.contains("Definition (" + language + ")"));
        QVERIFY2(html.count("<span style=\"color:") >= 5, qPrintable(html));

        QTextDocument doc;
        doc.setPlainText(sample.text);
        QVERIFY(ToolHighlightBackend::applyToolHtml(&doc, html));
        for (const QString &token : sample.highlighted)
            QVERIFY2(!styleOf(&doc, token).isEmpty(), qPrintable(token));
    }

    // --- the tool backend: failures, cache, asynchrony ------------------------------------------

    void missingToolGivesPlainTextAndNotice() {
        ToolHighlightBackend backend;
        backend.setProgram(m_dir.filePath("no-such-kate-syntax-highlighter"));
        HighlightedTextView view(&backend);
        view.show();
        const Sample &ps = sampleFor(SyntaxLanguage::PowerShell);
        view.setText(ps.text, ps.language);
        QVERIFY(waitHighlighted(view));
        QCOMPARE(view.document()->toPlainText(), ps.text);
        QVERIFY(colours(view.document()).isEmpty());
        QVERIFY2(view.notice().contains("was not found"), qPrintable(view.notice()));
        QVERIFY(!view.notice().contains('\n'));
        auto *label = view.findChild<QLabel *>(QStringLiteral("highlightNotice"));
        QVERIFY(label && label->isVisible());
        QCOMPARE(label->text(), view.notice());
        auto *edit = view.findChild<QPlainTextEdit *>(QStringLiteral("highlightedText"));
        QVERIFY(edit && edit->isReadOnly());
        QVERIFY(QFontInfo(edit->font()).fixedPitch());
        for (QWidget *widget : QApplication::topLevelWidgets())
            QVERIFY(!qobject_cast<QMessageBox *>(widget));

        // A later success hides the notice again.
        if (!toolPath().isEmpty()) {
            backend.setProgram(toolPath());
            view.setText(ps.text, ps.language);
            QVERIFY(waitHighlighted(view));
            QVERIFY(view.notice().isEmpty());
            QVERIFY(!label->isVisible());
        }
    }

    void failingToolGivesPlainTextAndNotice_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("notice");
        QTest::newRow("exit code and message")
            << script("complains.sh", "cat >/dev/null; echo 'cannot load definitions' >&2; exit 3")
            << "PowerShell"
            << "failed: cannot load definitions";
        QTest::newRow("exit code only") << script("fails.sh", "cat >/dev/null; exit 2") << "PowerShell"
                                        << "failed with exit code 2";
        QTest::newRow("not HTML") << script("prints.sh", "cat; exit 0") << "PowerShell"
                                  << "did not match";
        QTest::newRow("hangs") << script("hangs.sh", "exec sleep 30") << "PowerShell"
                               << "did not finish";
        QTest::newRow("unknown syntax (real tool)") << toolPath() << "No Such Language"
                                                    << "Unknown syntax";
    }

    void failingToolGivesPlainTextAndNotice() {
        QFETCH(QString, program);
        QFETCH(QString, language);
        QFETCH(QString, notice);
        if (program.isEmpty())
            QSKIP("kate-syntax-highlighter is not installed");
        ToolHighlightBackend backend;
        backend.setProgram(program);
        backend.setTimeout(500);
        HighlightedTextView view(&backend);
        const QString text = QStringLiteral("Get-ScheduledTask | Where-Object { $_.State -eq 'Ready' }");
        view.setText(text, language);
        QVERIFY(waitHighlighted(view));
        QCOMPARE(view.document()->toPlainText(), text);
        QVERIFY(colours(view.document()).isEmpty());
        QVERIFY2(view.notice().contains(notice), qPrintable(view.notice()));
        QVERIFY(!view.notice().contains('\n'));
    }

    void resultsAreCachedByContentHash() {
        if (toolPath().isEmpty())
            QSKIP("kate-syntax-highlighter is not installed");
        ToolHighlightBackend backend;
        configure(backend);
        const Sample &spl = sampleFor(SyntaxLanguage::Spl);
        HighlightedTextView first(&backend);
        first.setText(spl.text, spl.language);
        QVERIFY(waitHighlighted(first));
        QCOMPARE(backend.runsStarted(), 1);

        // Same text, language and theme: coloured at once, from the cache, in another view too.
        HighlightedTextView second(&backend);
        second.setText(spl.text, spl.language);
        QVERIFY(!second.isPending());
        QCOMPARE(backend.runsStarted(), 1);
        QVERIFY(second.notice().isEmpty());
        QCOMPARE(colours(second.document()), colours(first.document()));

        // The cache needs no tool at all.
        backend.setProgram(m_dir.filePath("no-such-kate-syntax-highlighter"));
        second.setText(spl.text, spl.language);
        QVERIFY(!second.isPending());
        QVERIFY(second.notice().isEmpty());
        QVERIFY(!colours(second.document()).isEmpty());

        // Another text, language or theme is another key.
        second.setText(spl.text + " | head 5", spl.language);
        QVERIFY(waitHighlighted(second));
        QCOMPARE(backend.runsStarted(), 2);
        QVERIFY(second.notice().contains("was not found"));
        second.setText(spl.text, SyntaxLanguage::Kql);
        QVERIFY(waitHighlighted(second));
        QCOMPARE(backend.runsStarted(), 3);
        second.setPalette(darkPalette());
        QVERIFY(waitHighlighted(second));
        QCOMPARE(backend.runsStarted(), 4);
    }

    void neverBlocksTheUiThread() {
        ToolHighlightBackend backend;
        backend.setProgram(script("slow.sh", "exec sleep 30"));
        backend.setTimeout(1500);
        HighlightedTextView view(&backend);
        const Sample &xml = sampleFor(SyntaxLanguage::Xml);
        QElapsedTimer clock;
        clock.start();
        view.setText(xml.text, xml.language);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(view.isPending());
        QCOMPARE(view.document()->toPlainText(), xml.text); // readable while the tool runs
        QVERIFY(waitHighlighted(view));
        QVERIFY(view.notice().contains("did not finish"));
    }

    void aNewerRequestSupersedesAnOlder() {
        if (toolPath().isEmpty())
            QSKIP("kate-syntax-highlighter is not installed");
        ToolHighlightBackend backend;
        configure(backend);
        HighlightedTextView view(&backend);
        QSignalSpy done(&view, &HighlightedTextView::highlighted);
        const Sample &ps = sampleFor(SyntaxLanguage::PowerShell);
        const Sample &bash = sampleFor(SyntaxLanguage::Bash);
        view.setText(ps.text, ps.language);
        view.setText(bash.text, bash.language);
        QTRY_VERIFY_WITH_TIMEOUT(backend.isIdle(), 20000); // both ran
        QCOMPARE(backend.runsStarted(), 2);
        QCOMPARE(done.count(), 1); // the stale answer was dropped
        QCOMPARE(view.document()->toPlainText(), bash.text);
        QVERIFY(!styleOf(view.document(), QStringLiteral("crontab")).isEmpty());
    }

    void applyToolHtmlNeverChangesTheText() {
        QTextDocument doc;
        doc.setPlainText(QStringLiteral("a<b & \"c\""));
        QVERIFY(!ToolHighlightBackend::applyToolHtml(&doc, QStringLiteral("no html here")));
        QVERIFY(!ToolHighlightBackend::applyToolHtml(&doc, QStringLiteral("<pre>\nsomething else\n</pre>")));
        QCOMPARE(doc.toPlainText(), QStringLiteral("a<b & \"c\""));
        QVERIFY(ToolHighlightBackend::applyToolHtml(
            &doc, QStringLiteral("<html><body><pre>\n<span style=\"color:#ff0000;font-weight:bold;\">a</span>"
                                 "&lt;b &amp; &quot;c&quot;\n</pre></body></html>")));
        QCOMPARE(doc.toPlainText(), QStringLiteral("a<b & \"c\""));
        QCOMPARE(styleAt(&doc, 0), QStringLiteral("#ff0000 bold"));
        QCOMPARE(styleAt(&doc, 1), QString());
    }

    // --- the demo and the command line ----------------------------------------------------------

    void demoHighlightsPowerShellXmlAndSpl() {
        HighlightDemo demo;
        demo.show();
        QTRY_VERIFY_WITH_TIMEOUT(demo.isHighlighted(), 20000);
        QStringList languages;
        for (const HighlightedTextView *view : demo.views()) {
            languages << view->language();
            QVERIFY2(view->notice().isEmpty(), qPrintable(view->notice()));
            QVERIFY(colours(view->document()).size() >= 3);
        }
        QCOMPARE(languages, QStringList({QString(SyntaxLanguage::PowerShell), QString(SyntaxLanguage::Xml),
                                         QString(SyntaxLanguage::Spl)}));
    }

    void versionNamesTheBackendAndTheDemoSavesAPng() {
        const QString tunebench = QStringLiteral(TUNEBENCH_BIN_DIR "/tunebench");
        QProcess version;
        version.start(tunebench, {"--version"});
        QVERIFY(version.waitForFinished(30000));
        QCOMPARE(version.exitCode(), 0);
        const QString out = QString::fromUtf8(version.readAllStandardOutput());
        // tunebench finds tunebench-highlightd beside it, where that was built; this test binary does not.
        const bool server = isToolBuild() && QFileInfo::exists(TUNEBENCH_BIN_DIR "/tunebench-highlightd");
        QVERIFY2(
            out.contains("syntax highlighting: " + (server ? "KSyntaxHighlighting via tunebench-highlightd"
                                                           : HighlightedTextView::backendDescription())),
            qPrintable(out));

        const QString png = m_dir.filePath("highlighting.png");
        QProcess demo;
        demo.start(tunebench, {"--highlight-demo", png});
        QVERIFY(demo.waitForFinished(60000));
        const QString said = QString::fromUtf8(demo.readAllStandardOutput());
        QCOMPARE(demo.exitCode(), 0);
        QVERIFY2(said.contains("saved") && !said.contains("("), qPrintable(said)); // no notices
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 400);
    }
};

QTEST_MAIN(TestSyntaxHighlight)
#include "tst_syntaxhighlight.moc"
