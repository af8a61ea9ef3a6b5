#include "DecisionTestSupport.h"
#include "DemoFixture.h"
#include "knowledge/KnowledgeBase.h"
#include "tuning/DecisionStore.h"
#include "tuning/export/BackgroundExport.h"
#include "tuning/export/ExporterRegistry.h"
#include "tuning/export/ExportInputLoader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// What the export dialog and the CLI export: every decision of a workspace with its impact, in each
// registered format, also when written in the background.
class TestExportInputLoader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_workspace;
    const KnowledgeBase &m_kb = KnowledgeBase::builtIn();
    qint64 m_approved = 0, m_proposed = 0;
    const QDate m_today = QDate(2026, 11, 29);

private slots:
    void initTestCase() {
        const QString error = openDemoWorkspace(m_dir, m_workspace);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        DecisionStore store(m_workspace.database(), m_kb);
        const QStringList rules{QStringLiteral("splunk:41a0e58e-884c-11ec-9976-acde48001122"),
                                QStringLiteral("elastic:afcce5ad-65de-4ed2-8516-5e093d3ac99a")};
        m_approved = store.create(testDecision(QStringLiteral("Zoom updater"),
                                               {QStringLiteral("process_name=schtasks.exe"),
                                                QStringLiteral("command_line|contains=ZoomUpdateTask")},
                                               rules, QStringLiteral("t1053-18")));
        QVERIFY2(m_approved > 0, qPrintable(store.errorString()));
        QVERIFY2(store.setStatus(m_approved, DecisionStatus::Approved), qPrintable(store.errorString()));
        m_proposed = store.create(testDecision(
            QStringLiteral("Still proposed"),
            {QStringLiteral("process_name=schtasks.exe"), QStringLiteral("command_line|contains=Inventory")},
            rules, QStringLiteral("t1053-18")));
        QVERIFY2(m_proposed > 0, qPrintable(store.errorString()));
    }

    void loadsEveryDecision_data() {
        QTest::addColumn<bool>("withImpact");
        QTest::newRow("with the impact (reports)") << true;
        QTest::newRow("without it (SIEM artefacts)") << false;
    }
    void loadsEveryDecision() {
        QFETCH(bool, withImpact);
        ExportInput input;
        QString error;
        QVERIFY2(ExportInputLoader::load(m_workspace.database(), m_kb, m_today, withImpact, input, &error),
                 qPrintable(error));
        QCOMPARE(input.decisions.size(), 2);
        QCOMPARE(input.decisions[0].id, m_approved); // oldest first
        QCOMPARE(input.siemDecisions().size(), 1);
        if (withImpact)
            QVERIFY(input.impact.value(m_approved) > 0);
        else
            QVERIFY(input.impact.isEmpty());
        QCOMPARE(input.today, m_today);
    }

    void renders_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("listsProposed");
        QTest::newRow("splunk") << QStringLiteral("splunk") << QStringLiteral("_filter]") << false;
        QTest::newRow("elastic") << QStringLiteral("elastic") << QStringLiteral("\"entries\"") << false;
        QTest::newRow("sigma") << QStringLiteral("sigma") << QStringLiteral("filter") << false;
        QTest::newRow("kql") << QStringLiteral("kql") << QStringLiteral("where not") << false;
        QTest::newRow("csv") << QStringLiteral("csv") << QStringLiteral("Zoom updater") << true;
        QTest::newRow("json") << QStringLiteral("json") << QStringLiteral("Zoom updater") << true;
        QTest::newRow("markdown") << QStringLiteral("markdown") << QStringLiteral("Zoom updater") << true;
    }

    void renders() {
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QFETCH(bool, listsProposed);
        QVERIFY(ExporterRegistry::ids().contains(format));
        QByteArray text;
        QString error;
        QVERIFY2(ExportInputLoader::render(m_workspace.database(), m_kb, format, m_today, text, &error),
                 qPrintable(error));
        QVERIFY2(QString::fromUtf8(text).contains(expected, Qt::CaseInsensitive), text.constData());
        QCOMPARE(text.contains("Still proposed"), listsProposed);

        // The same bytes when written in the background, as the export dialog does.
        BackgroundExport background(m_workspace.path(), m_kb);
        QSignalSpy finished(&background, &BackgroundExport::finished);
        background.request(format, m_today);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).toString(), format);
        QCOMPARE(finished.at(0).at(2).toString(), QString());
        QCOMPARE(finished.at(0).at(1).toByteArray(), text);
    }

    void refusesAnUnknownFormat() {
        QByteArray text;
        QString error;
        QVERIFY(!ExportInputLoader::render(m_workspace.database(), m_kb, QStringLiteral("qradar"), m_today,
                                           text, &error));
        QVERIFY(error.contains(QStringLiteral("qradar")));
        QVERIFY(text.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestExportInputLoader)
#include "tst_exportinputloader.moc"
