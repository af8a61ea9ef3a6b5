// tunebench-highlightd for real (app/highlightd, built when Qt 5 + KF5 are installed): the long-lived
// server colours a text exactly as kate-syntax-highlighter does, Tunebench's own definitions included;
// an unknown definition is an error answer after which the server goes on; a server killed mid-session
// is started again; one that cannot start leaves the work to the tool. Counts answers, never time.
#include "highlight/HighlightedTextView.h"
#include "highlight/SyntaxDefinitions.h"
#include "highlight/SyntaxLanguage.h"
#include "highlight/ToolHighlightBackend.h"
#include "HighlightSamples.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <unistd.h>

using namespace tb;
using namespace HighlightSamples;

namespace {

QString serverPath() {
    const QFileInfo server(QStringLiteral(TUNEBENCH_BIN_DIR "/tunebench-highlightd"));
    return server.isExecutable() ? server.absoluteFilePath() : QString();
}

QString toolPath() {
    return QStandardPaths::findExecutable(QStringLiteral("kate-syntax-highlighter"));
}

bool waitHighlighted(const HighlightedTextView &view) {
    return QTest::qWaitFor([&view] { return !view.isPending(); }, 20000);
}

// How every character looks, one line per run of equal looks: what "the same spans" means here.
QStringList looks(const QTextDocument *document) {
    QStringList runs;
    QString previous = QStringLiteral("<none>");
    const int length = document->characterCount() - 1;
    for (int position = 0; position < length; ++position) {
        const QString style = styleAt(document, position);
        if (style != previous)
            runs.append(QString::number(position) + QLatin1Char(' ') + style);
        previous = style;
    }
    return runs;
}

// The running servers this process started, by process id (read from /proc: our own children only).
QList<qint64> serverChildren() {
    QList<qint64> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/") + entry + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ..."
        const QString line = QString::fromUtf8(stat.readAll());
        const qsizetype close = line.lastIndexOf(QLatin1Char(')'));
        const QString comm =
            line.mid(line.indexOf(QLatin1Char('(')) + 1, close - line.indexOf(QLatin1Char('(')) - 1);
        const QStringList rest = line.mid(close + 2).split(QLatin1Char(' '));
        if (comm.startsWith(QStringLiteral("tunebench-highl")) && rest.size() > 1 &&
            rest.at(0) != QStringLiteral("Z") && rest.at(1).toLongLong() == qint64(::getpid()))
            pids.append(pid);
    }
    return pids;
}

} // namespace

class TestHighlightServer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    void configure(ToolHighlightBackend &backend, bool withServer) {
        backend.setDefinitionDataDir(SyntaxDefinitions::dataDirectory());
        backend.setServerProgram(withServer ? serverPath() : QString());
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        if (serverPath().isEmpty())
            QSKIP("tunebench-highlightd was not built (needs qtbase5-dev and libkf5syntaxhighlighting-dev)");
        if (toolPath().isEmpty())
            QSKIP("kate-syntax-highlighter is not installed");
    }

    void sameSpansAsTheTool_data() {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("dark");
        for (const QString &language : {QString(SyntaxLanguage::PowerShell), QString(SyntaxLanguage::Json),
                                        QString(SyntaxLanguage::Spl), QString(SyntaxLanguage::Kql)}) {
            QTest::newRow(qPrintable(language + QStringLiteral(", light"))) << language << false;
            QTest::newRow(qPrintable(language + QStringLiteral(", dark"))) << language << true;
        }
    }

    void sameSpansAsTheTool() {
        QFETCH(QString, language);
        QFETCH(bool, dark);
        const Sample &sample = sampleFor(language);
        ToolHighlightBackend server;
        configure(server, true);
        ToolHighlightBackend tool;
        configure(tool, false);
        QTextDocument byServer;
        QTextDocument byTool;
        QStringList notices;
        for (ToolHighlightBackend *backend : {&server, &tool}) {
            connect(backend, &HighlightBackend::finished, this,
                    [&notices](QTextDocument *, const QString &notice) { notices.append(notice); });
        }
        server.highlight(&byServer, sample.text, language, dark);
        tool.highlight(&byTool, sample.text, language, dark);
        QTRY_COMPARE_WITH_TIMEOUT(notices.size(), 2, 20000);
        QCOMPARE(notices, QStringList({QString(), QString()}));
        QCOMPARE(byServer.toPlainText(), sample.text);
        QVERIFY(!colours(&byServer).isEmpty());
        for (const QString &token : sample.highlighted)
            QVERIFY2(!styleOf(&byServer, token).isEmpty(), qPrintable(token));
        QCOMPARE(looks(&byServer), looks(&byTool));
        QCOMPARE(serverChildren().size(), 1); // one server answered
    }

    void unknownDefinitionIsAnErrorAndTheServerGoesOn() {
        ToolHighlightBackend backend;
        configure(backend, true);
        HighlightedTextView view(&backend);
        view.setText(QStringLiteral("Get-ScheduledTask"), QStringLiteral("No Such Language"));
        QVERIFY(waitHighlighted(view));
        QVERIFY2(view.notice().contains("Unknown syntax"), qPrintable(view.notice()));
        const QList<qint64> before = serverChildren();
        QCOMPARE(before.size(), 1);

        const Sample &ps = sampleFor(SyntaxLanguage::PowerShell);
        view.setText(ps.text, ps.language);
        QVERIFY(waitHighlighted(view));
        QVERIFY2(view.notice().isEmpty(), qPrintable(view.notice()));
        QVERIFY(!colours(view.document()).isEmpty());
        QCOMPARE(serverChildren(), before); // the same server answered
        QCOMPARE(backend.runsStarted(), 2);
    }

    // tunebench starts the server with the window, and it loads the pane's definitions before any click.
    void startServerStartsItBeforeTheFirstText() {
        ToolHighlightBackend backend;
        configure(backend, true);
        backend.startServer(SyntaxLanguage::detailPaneLanguages() << QStringLiteral("No Such Language"));
        QTRY_COMPARE_WITH_TIMEOUT(serverChildren().size(), 1, 10000);
        const QList<qint64> started = serverChildren();
        HighlightedTextView view(&backend);
        const Sample &xml = sampleFor(SyntaxLanguage::Xml);
        view.setText(xml.text, xml.language);
        QVERIFY(waitHighlighted(view));
        QVERIFY2(view.notice().isEmpty(), qPrintable(view.notice()));
        QVERIFY(!colours(view.document()).isEmpty());
        QCOMPARE(serverChildren(), started);

        ToolHighlightBackend toolOnly;
        configure(toolOnly, false);
        toolOnly.startServer(SyntaxLanguage::detailPaneLanguages()); // no server: nothing to start
        QTest::qWait(200);
        QCOMPARE(serverChildren(), started);
    }

    void aKilledServerIsStartedAgain() {
        ToolHighlightBackend backend;
        configure(backend, true);
        HighlightedTextView view(&backend);
        const Sample &ps = sampleFor(SyntaxLanguage::PowerShell);
        view.setText(ps.text, ps.language);
        QVERIFY(waitHighlighted(view));
        const QList<qint64> first = serverChildren();
        QCOMPARE(first.size(), 1);

        QCOMPARE(::kill(pid_t(first.first()), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(serverChildren().isEmpty(), 10000); // reaped
        const Sample &json = sampleFor(SyntaxLanguage::Json);
        view.setText(json.text, json.language);
        QVERIFY(waitHighlighted(view));
        QVERIFY2(view.notice().isEmpty(), qPrintable(view.notice()));
        for (const QString &token : json.highlighted)
            QVERIFY2(!styleOf(view.document(), token).isEmpty(), qPrintable(token));
        const QList<qint64> second = serverChildren();
        QCOMPARE(second.size(), 1);
        QVERIFY(second != first);
    }

    // Killed while it works on a shown text: that text is tried once more on a new server.
    void aServerKilledMidRequestIsRetried() {
        ToolHighlightBackend backend;
        configure(backend, true);
        HighlightedTextView warm(&backend);
        warm.setText(QStringLiteral("x"), QString(SyntaxLanguage::Json));
        QVERIFY(waitHighlighted(warm));
        const QList<qint64> first = serverChildren();
        QCOMPARE(first.size(), 1);

        HighlightedTextView view(&backend);
        const Sample &spl = sampleFor(SyntaxLanguage::Spl);
        view.setText(spl.text.repeated(500), spl.language); // the kill most likely lands while it is on it
        QCOMPARE(::kill(pid_t(first.first()), SIGKILL), 0);
        QVERIFY(waitHighlighted(view));
        QVERIFY2(view.notice().isEmpty(), qPrintable(view.notice()));
        QVERIFY(!colours(view.document()).isEmpty());
    }

    // A server that cannot start: the tool answers instead, with the same colours.
    void aServerThatCannotStartLeavesItToTheTool_data() {
        QTest::addColumn<QString>("server");
        QTest::newRow("missing") << m_dir.filePath("no-such-highlightd");
        const QString dies = m_dir.filePath("dies.sh");
        QFile script(dies);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\nexit 127\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QTest::newRow("exits at once") << dies;
    }

    void aServerThatCannotStartLeavesItToTheTool() {
        QFETCH(QString, server);
        ToolHighlightBackend backend;
        configure(backend, false);
        backend.setServerProgram(server);
        HighlightedTextView view(&backend);
        const Sample &kql = sampleFor(SyntaxLanguage::Kql);
        view.setText(kql.text, kql.language);
        QVERIFY(waitHighlighted(view));
        QVERIFY2(view.notice().isEmpty(), qPrintable(view.notice()));
        for (const QString &token : kql.highlighted)
            QVERIFY2(!styleOf(view.document(), token).isEmpty(), qPrintable(token));
    }

    // The protocol's edges, on the server alone: malformed input ends it with an error code.
    void malformedInputEndsTheServer_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("no input") << QByteArray() << 0;
        QTest::newRow("header without length") << QByteArray("JSON\tDefault\n") << 1;
        QTest::newRow("length not a number") << QByteArray("JSON\tDefault\tten\n0123456789") << 1;
        QTest::newRow("text shorter than said") << QByteArray("JSON\tDefault\t10\n{}") << 1;
        QTest::newRow("header cut off") << QByteArray("JSON\tDef") << 1;
    }

    void malformedInputEndsTheServer() {
        QFETCH(QByteArray, input);
        QFETCH(int, exitCode);
        QProcess server;
        server.start(serverPath(), {});
        QVERIFY(server.waitForStarted(10000));
        server.write("JSON\tDefault\t2\n{}");
        server.write(input);
        server.closeWriteChannel();
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), exitCode);
        const QByteArray out = server.readAllStandardOutput();
        QVERIFY2(out.contains("<span") && out.contains("</pre>"),
                 out.constData()); // the good request's answer
    }
};

QTEST_MAIN(TestHighlightServer)
#include "tst_highlightserver.moc"
