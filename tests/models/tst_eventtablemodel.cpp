#include "ingest/Importer.h"
#include "items/EventTableModel.h"
#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb;

class TestEventTableModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_counter = 0;

    // A workspace holding `rows` generated events.
    std::unique_ptr<Workspace> workspaceWith(int rows) {
        auto workspace = std::make_unique<Workspace>();
        workspace->open(m_dir.filePath(QStringLiteral("w%1.tunebench").arg(++m_counter)));
        const QString csvPath = m_dir.filePath(QStringLiteral("e%1.csv").arg(m_counter));
        QFile csv(csvPath);
        csv.open(QIODevice::WriteOnly);
        csv.write("_time,host,user,process\n");
        for (int i = 0; i < rows; ++i)
            csv.write(QStringLiteral(
                          "2025-03-04T10:%1:%2Z,wks-%3,CORP\\u%3,\"schtasks /create /tn T%4 /tr x.exe\"\n")
                          .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                          .arg(i % 60, 2, 10, QLatin1Char('0'))
                          .arg(i % 7)
                          .arg(i)
                          .toUtf8());
        csv.close();
        Importer(workspace->database()).importFile(csvPath, {});
        return workspace;
    }

private slots:
    void passesTheModelTester_data() {
        QTest::addColumn<int>("rows");
        QTest::newRow("empty") << 0;
        QTest::newRow("one") << 1;
        QTest::newRow("one page") << EventTableModel::PageSize;
        QTest::newRow("several pages") << EventTableModel::PageSize * 3 + 17;
    }
    void passesTheModelTester() {
        QFETCH(int, rows);
        auto workspace = workspaceWith(rows);
        EventTableModel model(workspace->database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.columnCount(), int(EventTableModel::defaultColumns().size()) + 2);
        model.reload();
        QCOMPARE(model.rowCount(), rows);
    }

    void rowsAreInTimeOrderAcrossPages() {
        auto workspace = workspaceWith(EventTableModel::PageSize * 2 + 5);
        EventTableModel model(workspace->database());
        QString previous;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString time =
                model.index(row, model.columnOf(EventField::TimeUtc)).data(Qt::ToolTipRole).toString();
            QVERIFY2(previous <= time, qPrintable(time));
            previous = time;
        }
        QCOMPARE(model.index(model.rowCount() - 1, model.columnOf(EventField::TimeUtc)).data().toString(),
                 QStringLiteral("2025-03-04 10:08:36.000"));
        QCOMPARE(model.index(model.rowCount() - 1, model.columnOf(EventField::TimeUtc))
                     .data(Qt::ToolTipRole)
                     .toString(),
                 QStringLiteral("2025-03-04T10:08:36.000000Z"));
    }

    void showsNormalizedFields() {
        auto workspace = workspaceWith(3);
        EventTableModel model(workspace->database());
        const auto column = [&model](EventField f) { return model.columnOf(f); };
        QCOMPARE(model.index(2, column(EventField::TaskName)).data().toString(), QStringLiteral("\\T2"));
        QCOMPARE(model.index(2, column(EventField::User)).data().toString(), QStringLiteral("u2"));
        QCOMPARE(model.headerData(column(EventField::TaskName), Qt::Horizontal).toString(),
                 QStringLiteral("Task"));
        QVERIFY(model.index(0, 0).data(EventTableModel::EventIdRole).toLongLong() > 0);
        QCOMPARE(model.headerData(EventTableModel::LikelihoodColumn, Qt::Horizontal).toString(),
                 QStringLiteral("FP"));
        QCOMPARE(model.headerData(model.topExplanationColumn(), Qt::Horizontal).toString(),
                 QStringLiteral("Top explanation"));
    }

    // Explained events show their likelihood and top note; unexplained ones show nothing there.
    void showsTheAssessment() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.tunebench"));
        QString error;
        QVERIFY2(DemoWorkspace::ensure(path, &error), qPrintable(error));
        Workspace workspace;
        QVERIFY(workspace.open(path));
        EventTableModel model(workspace.database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        int withLikelihood = 0, withExplanation = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString likelihood = model.index(row, EventTableModel::LikelihoodColumn).data().toString();
            withLikelihood += likelihood.endsWith(QLatin1Char('%'));
            withExplanation += !model.index(row, model.topExplanationColumn()).data().toString().isEmpty();
        }
        QCOMPARE(withLikelihood, model.rowCount());
        QVERIFY(withExplanation > model.rowCount() * 3 / 4);
    }
};

QTEST_GUILESS_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
