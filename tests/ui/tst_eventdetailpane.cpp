#include "EventDetailPane.h"
#include "explain/WorkspaceExplainer.h"
#include "ingest/Importer.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Workspace.h"
#include "workspace/EventDetail.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// The detail pane's HTML for real events of the evaluation set: what the analyst reads about a task
// with several actions, and that a task with one shows nothing about others.
class TestEventDetailPane : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_counter = 0;

    // The HTML of the one event of the evaluation set's Elastic alerts whose line contains `marker`.
    QString htmlOfEventWith(const QByteArray &marker) {
        QFile source(QStringLiteral(TEST_DATA_DIR "/evaluation/eval_elastic_alerts.ndjson"));
        if (!source.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read the evaluation set");
        QByteArray line;
        while (!source.atEnd() && !line.contains(marker))
            line = source.readLine();
        const QString path = m_dir.filePath(QStringLiteral("event%1.ndjson").arg(++m_counter));
        QFile one(path);
        if (!line.contains(marker) || !one.open(QIODevice::WriteOnly) || one.write(line) != line.size())
            return QStringLiteral("no such event");
        one.close();
        Workspace workspace;
        if (!workspace.open(m_dir.filePath(QStringLiteral("w%1.tunebench").arg(m_counter))) ||
            !Importer(workspace.database()).importFile(path, {}).ok() ||
            !WorkspaceExplainer(workspace.database(), KnowledgeBase::builtIn()).run().ok)
            return QStringLiteral("cannot import and explain it");
        const qint64 id = workspace.database().queryInt(QStringLiteral("SELECT min(id) FROM events"));
        const auto detail = EventDetail::load(workspace.database(), KnowledgeBase::builtIn(), id);
        return detail ? EventDetailPane::toHtml(*detail, QApplication::palette())
                      : QStringLiteral("no detail");
    }

private slots:
    void showsEveryActionOfTheTask_data() {
        QTest::addColumn<QByteArray>("marker");
        QTest::addColumn<QStringList>("shown");
        QTest::addColumn<QStringList>("notShown");
        QTest::newRow("rundll32 appended to Adobe's updater task")
            << QByteArray("armsvc.dll")
            << QStringList{"Other task actions", "C:\\ProgramData\\Adobe\\ARM\\armsvc.dll,DllRegisterServer",
                           "another action of the task loads a DLL with regsvr32 or rundll32",
                           "its first action runs it, but its other actions run none of its programs"}
            << QStringList{};
        QTest::newRow("an administrators' two-step task")
            << QByteArray("Send-OpsReport.ps1")
            << QStringList{"Other task actions", "Compress-IISLogs.ps1", "Send-OpsReport.ps1"}
            << QStringList{"another action of the task"};
        QTest::newRow("a task with one action")
            << QByteArray("AdobeGCInvoker") << QStringList{} << QStringList{"Other task actions"};
    }
    void showsEveryActionOfTheTask() {
        QFETCH(QByteArray, marker);
        QFETCH(QStringList, shown);
        QFETCH(QStringList, notShown);
        const QString html = htmlOfEventWith(marker);
        QVERIFY2(html.contains(QLatin1String("<h4>Fields</h4>")), qPrintable(html.left(200)));
        for (const QString &text : shown)
            QVERIFY2(html.contains(text.toHtmlEscaped()), qPrintable(text));
        for (const QString &text : notShown)
            QVERIFY2(!html.contains(text.toHtmlEscaped()), qPrintable(text));
    }
};

QTEST_MAIN(TestEventDetailPane)
#include "tst_eventdetailpane.moc"
