#include "BackgroundWorkIndicator.h"
#include "DemoWorkspaceCopy.h"
#include "ImportController.h"
#include "ImportDialog.h"
#include "items/EventTableModel.h"
#include "MainWindow.h"
#include "workspace/WorkspaceSession.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestImportDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    tb::testing::DemoWorkspaceCopy m_demo;

    QString fieldOf(ImportDialog &dialog, const QString &column) {
        for (int row = 0; row < dialog.mapping()->rowCount(); ++row) {
            if (dialog.mapping()->item(row, 0)->text() == column)
                return qobject_cast<QComboBox *>(dialog.mapping()->cellWidget(row, 1))
                    ->currentData()
                    .toString();
        }
        return QStringLiteral("(no such column)");
    }
    static bool loaded(MainWindow &window) {
        return !window.eventModel()->isLoading() &&
               window.eventModel()->index(0, 0).data(EventTableModel::LoadedRole).toBool();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);

        QString error;
        QVERIFY2(m_demo.build(&error), qPrintable(error));
    }

    void detectsAndPreviews_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("formatId");
        QTest::addColumn<QString>("host");
        QTest::newRow("splunk notables") << DEMO_DATA_DIR "/splunk_notables.csv"
                                         << "splunk.notable.csv"
                                         << "db-01";
        QTest::newRow("elastic alerts") << DEMO_DATA_DIR "/elastic_alerts.ndjson"
                                        << "elastic.alert.ndjson"
                                        << "";
    }
    void detectsAndPreviews() {
        QFETCH(QString, file);
        QFETCH(QString, formatId);
        QFETCH(QString, host);
        ImportDialog dialog(file);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewPending(), 20000);
        QVERIFY2(dialog.currentPreview().error.isEmpty(), qPrintable(dialog.currentPreview().error));
        QVERIFY(dialog.currentPreview().detected);
        QCOMPARE(dialog.currentPreview().formatId.left(formatId.indexOf(QLatin1Char('.'))),
                 formatId.left(formatId.indexOf(QLatin1Char('.'))));
        QVERIFY(dialog.detectedLabel()->text().contains(dialog.currentPreview().formatTitle.toHtmlEscaped()));
        QVERIFY(!dialog.usesMapping());
        QCOMPARE(dialog.preview()->rowCount(), 20);
        if (!host.isEmpty())
            QCOMPARE(dialog.preview()->item(0, 1)->text(), host);
        QString error;
        const auto chosen = dialog.file(&error);
        QVERIFY(chosen);
        QVERIFY(chosen->options.mappingPath.isEmpty());
    }

    // A folder is one batch of its .evtx logs (any case of the extension): the dialog names them and
    // previews their first records; a folder without logs says so.
    void previewsAFolderOfLogs() {
        const QString folder = m_dir.filePath(QStringLiteral("logs"));
        QVERIFY(QDir().mkpath(folder));
        const QString log = QStringLiteral(TEST_DATA_DIR "/native/evtx/wks-fin-023_security.evtx");
        QVERIFY(QFile::copy(log, folder + QStringLiteral("/a-security.evtx")));
        QVERIFY(QFile::copy(log, folder + QStringLiteral("/B-SECURITY.EVTX")));
        QFile(folder + QStringLiteral("/notes.txt")).open(QIODevice::WriteOnly);
        ImportDialog dialog(folder);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewPending(), 20000);
        QVERIFY2(dialog.currentPreview().error.isEmpty(), qPrintable(dialog.currentPreview().error));
        QCOMPARE(dialog.currentPreview().formatTitle,
                 QStringLiteral("Folder of 2 Windows .evtx logs, one batch"));
        QVERIFY(dialog.detectedLabel()->text().contains(QLatin1String("a-security.evtx, B-SECURITY.EVTX")));
        QCOMPARE(dialog.preview()->rowCount(), 8);
        QCOMPARE(dialog.preview()->item(0, 1)->text(), QStringLiteral("wks-fin-023"));
        QCOMPARE(dialog.currentPreview().events[4].sourceFile, QStringLiteral("B-SECURITY.EVTX"));
        QString error;
        const auto chosen = dialog.file(&error);
        QVERIFY2(chosen, qPrintable(error));
        QCOMPARE(chosen->path, folder);

        const QString empty = m_dir.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        ImportDialog nothing(empty);
        QTRY_VERIFY_WITH_TIMEOUT(!nothing.isPreviewPending(), 20000);
        QCOMPARE(nothing.currentPreview().error, empty + QStringLiteral(": the folder holds no .evtx files"));
    }

    // A CSV nobody recognises: the mapping editor guesses, the preview follows the mapping, and the
    // mapping is saved as a profile the import then uses.
    void mapsGenericCsv() {
        ImportDialog dialog(QStringLiteral(TEST_DATA_DIR "/generic/acme_edr.csv"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewPending(), 20000);
        QVERIFY(!dialog.currentPreview().detected || dialog.usesMapping());
        QVERIFY(dialog.usesMapping());
        QCOMPARE(dialog.mapping()->rowCount(), 7);
        QCOMPARE(fieldOf(dialog, QStringLiteral("Machine")), QStringLiteral("host"));
        QCOMPARE(fieldOf(dialog, QStringLiteral("CmdLine")), QStringLiteral("command_line"));
        QCOMPARE(fieldOf(dialog, QStringLiteral("EventTime")), QStringLiteral("time_utc"));
        QCOMPARE(fieldOf(dialog, QStringLiteral("ParentImage")), QStringLiteral("parent_image"));
        QVERIFY(dialog.preview()->rowCount() > 0);
        QCOMPARE(dialog.preview()->item(0, 1)->text(), QStringLiteral("wks-fin-023"));
        QCOMPARE(dialog.preview()->item(0, 0)->text(), QStringLiteral("2025-03-04T09:41:17.000000Z"));
        dialog.profileName()->setText(QStringLiteral("Acme EDR"));
        QString error;
        const auto chosen = dialog.file(&error);
        QVERIFY2(chosen, qPrintable(error));
        QVERIFY(QFile::exists(chosen->options.mappingPath));
        QFile saved(chosen->options.mappingPath);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject profile = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(profile.value(QStringLiteral("name")).toString(), QStringLiteral("Acme EDR"));
        QCOMPARE(profile.value(QStringLiteral("delimiter")).toString(), QStringLiteral(";"));
        QCOMPARE(
            profile.value(QStringLiteral("columns")).toObject().value(QStringLiteral("Machine")).toString(),
            QStringLiteral("host"));
    }

    // File > Import through the real window: the import and its explanations run in the background,
    // the table keeps answering, and then shows the new events.
    void importsInTheBackground() {
        const QString path = m_demo.freshCopy(QStringLiteral("import"));
        QVERIFY(!path.isEmpty());
        MainWindow window;
        QVERIFY(window.openWorkspace(path));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(window), 20000);
        const int before = window.eventModel()->rowCount();
        window.importer()->setRunDialog([](ImportDialog &dialog) {
            dialog.profileName()->setText(QStringLiteral("Acme EDR test"));
            return true;
        });
        QSignalSpy finished(window.importer(), &ImportController::finished);
        window.importer()->importFiles({QStringLiteral(TEST_DATA_DIR "/generic/acme_edr.csv")});
        QVERIFY(window.importer()->isRunning() || finished.count() == 1);
        // Meanwhile the table answers (sorting is a new query on the loader's own connection).
        window.eventModel()->sort(window.eventModel()->columnOf(EventField::Host), Qt::DescendingOrder);
        QVERIFY(finished.count() == 1 || finished.wait(30000));
        QVERIFY2(finished.first().first().toString().contains(QLatin1String("events added")),
                 qPrintable(finished.first().first().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(loaded(window) && window.eventModel()->rowCount() > before, 20000);
        QCOMPARE(window.session()->database().queryInt(QStringLiteral(
                     "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_assessments)")),
                 0); // explained too
    }

    void cancelsAndRollsBack() {
        // A generated export large enough to be cancelled while it runs.
        const QString csv = m_dir.filePath(QStringLiteral("large.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("_time,dest,user,process\n");
        for (int i = 0; i < 200000; ++i)
            file.write(
                QStringLiteral("2025-03-04T10:%1:%2Z,wks-%3,u%4,\"schtasks /create /tn T%5 /tr x.exe\"\n")
                    .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 97)
                    .arg(i % 13)
                    .arg(i)
                    .toUtf8());
        file.close();
        const QString path = m_demo.freshCopy(QStringLiteral("cancel"));
        QVERIFY(!path.isEmpty());
        MainWindow window;
        QVERIFY(window.openWorkspace(path));
        const qint64 before =
            window.session()->database().queryInt(QStringLiteral("SELECT count(*) FROM events"));
        window.importer()->setRunDialog([](ImportDialog &) { return true; });
        QSignalSpy finished(window.importer(), &ImportController::finished);
        window.importer()->importFiles({csv});
        QVERIFY(window.importer()->isRunning());
        auto *work = window.findChild<BackgroundWorkIndicator *>(QStringLiteral("backgroundWork"));
        QVERIFY(work && work->isBusy());
        // Cancel once the import is under way (its progress names the file): the batch rolls back.
        QTRY_VERIFY_WITH_TIMEOUT(work->findChild<QLabel *>()->text().contains(QLatin1String("large.csv")),
                                 20000);
        emit work->cancelRequested(); // the Cancel button
        QVERIFY(finished.wait(60000));
        QVERIFY2(
            finished.first().first().toString().contains(QLatin1String("cancelled"), Qt::CaseInsensitive),
            qPrintable(finished.first().first().toString()));
        QVERIFY(!work->isBusy());
        QCOMPARE(window.session()->database().queryInt(QStringLiteral("SELECT count(*) FROM events")),
                 before);
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
