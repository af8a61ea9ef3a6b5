#include "ingest/Importer.h"
#include "items/EventQuerySql.h"
#include "items/EventTableModel.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace tb;

namespace {

enum class PageOrder { Forward, Backward, Shuffled };

bool waitApplied(EventTableModel &model) {
    return QTest::qWaitFor([&model] { return !model.isLoading(); }, 20000);
}

// Reads every row's event id, loading the pages in `order`: forward pages are read by keyset after
// the previous page, backward ones by keyset before the next, shuffled ones mostly by OFFSET.
QList<qint64> idsInOrder(EventTableModel &model, PageOrder order) {
    const int pages = (model.rowCount() + EventTableModel::PageSize - 1) / EventTableModel::PageSize;
    QList<int> sequence;
    for (int p = 0; p < pages; ++p)
        sequence << p;
    if (order == PageOrder::Backward)
        std::reverse(sequence.begin(), sequence.end());
    if (order == PageOrder::Shuffled)
        std::shuffle(sequence.begin(), sequence.end(), *QRandomGenerator::global());
    QList<qint64> ids(model.rowCount());
    for (int page : sequence) {
        const int first = page * EventTableModel::PageSize;
        const int last = std::min(model.rowCount(), first + EventTableModel::PageSize) - 1;
        const QModelIndex probe = model.index(first, 0), lastProbe = model.index(last, 0);
        if (!QTest::qWaitFor(
                [&] {
                    return probe.data(EventTableModel::LoadedRole).toBool() &&
                           lastProbe.data(EventTableModel::LoadedRole).toBool();
                },
                20000))
            return {};
        for (int row = first; row <= last; ++row)
            ids[row] = model.index(row, 0).data(EventTableModel::EventIdRole).toLongLong();
    }
    return ids;
}

} // namespace

class TestEventTableModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Workspace> m_demo;

    // A workspace of `rows` generated events: 7 hosts spelled in two cases (long runs of equal
    // keys across pages), some without a user, task names T0.. in a non-time order.
    std::unique_ptr<Workspace> workspaceWith(int rows) {
        auto workspace = std::make_unique<Workspace>();
        workspace->open(m_dir.filePath(QStringLiteral("w%1.tunebench").arg(++m_counter)));
        const QString csvPath = m_dir.filePath(QStringLiteral("e%1.csv").arg(m_counter));
        QFile csv(csvPath);
        csv.open(QIODevice::WriteOnly);
        csv.write("_time,host,user,process\n");
        for (int i = 0; i < rows; ++i)
            csv.write(
                QStringLiteral("2025-03-04T10:%1:%2Z,%3-%4,%5,\"schtasks /create /tn T%6 /tr x%7.exe\"\n")
                    .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 2 ? QStringLiteral("WKS") : QStringLiteral("wks"))
                    .arg(i % 7)
                    .arg(i % 5 == 0 ? QString() : QStringLiteral("CORP\\u%1").arg(i % 11))
                    .arg((i * 37) % 1000)
                    .arg(i % 3)
                    .toUtf8());
        csv.close();
        Importer(workspace->database()).importFile(csvPath, {});
        return workspace;
    }

    // The expected order of a field sort, computed here in C++ rather than by SQLite's ORDER BY:
    // NULL first, then case-insensitively, then by id.
    static QList<qint64> expectedOrder(Database &db, EventField field, Qt::SortOrder order) {
        struct Item {
            qint64 id;
            QVariant value;
        };
        std::vector<Item> items;
        Statement query =
            db.prepare(QStringLiteral("SELECT id, %1 FROM events").arg(eventFieldColumn(field)));
        while (query.step())
            items.push_back({query.columnInt64(0), query.columnValue(1)});
        std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
            if (a.value.isNull() != b.value.isNull())
                return a.value.isNull();
            const int c = a.value.toString().compare(b.value.toString(), Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a.id < b.id;
        });
        QList<qint64> ids;
        for (const Item &item : items)
            ids << item.id;
        if (order == Qt::DescendingOrder)
            std::reverse(ids.begin(), ids.end());
        return ids;
    }

    Workspace &demo() {
        if (!m_demo) {
            const QString path = m_dir.filePath(QStringLiteral("demo.tunebench"));
            QString error;
            if (!DemoWorkspace::ensure(path, &error))
                qFatal("demo: %s", qPrintable(error));
            m_demo = std::make_unique<Workspace>();
            m_demo->open(path);
            // A few verdicts, so that the verdict column has both parts.
            m_demo->database().exec(QStringLiteral(
                "INSERT INTO verdicts (event_id, verdict, analyst, decided_at) SELECT id, CASE id % 3 WHEN 0 "
                "THEN "
                "'false_positive' WHEN 1 THEN 'true_positive' ELSE 'needs_escalation' END, 'test', "
                "'2025-01-01T00:00:00Z' FROM events WHERE id % 4 = 0"));
            // One event without assessment or explanations, as right after an import.
            m_demo->database().exec(QStringLiteral(
                "DELETE FROM event_assessments WHERE event_id = (SELECT max(id) FROM events);"));
        }
        return *m_demo;
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
        QVERIFY(waitApplied(model));
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.columnCount(), int(EventTableModel::defaultColumns().size()));
        QCOMPARE(idsInOrder(model, PageOrder::Shuffled).size(), rows);
        model.sort(model.columnOf(EventField::Host), Qt::DescendingOrder);
        QVERIFY(waitApplied(model));
        model.setSearch(QStringLiteral("x1"));
        QVERIFY(waitApplied(model));
        model.refresh();
        QVERIFY(waitApplied(model));
        model.setColumns({EventColumn::of(EventField::Host), EventColumn::verdict()});
        QVERIFY(waitApplied(model));
        QCOMPARE(model.columnCount(), 2);
    }

    void rowsAreInTimeOrderAcrossPages() {
        auto workspace = workspaceWith(EventTableModel::PageSize * 2 + 5);
        EventTableModel model(workspace->database());
        QVERIFY(waitApplied(model));
        const int timeColumn = model.columnOf(EventField::TimeUtc);
        QVERIFY(!idsInOrder(model, PageOrder::Forward).isEmpty());
        QString previous;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString time = model.index(row, timeColumn).data(Qt::ToolTipRole).toString();
            QVERIFY2(previous <= time, qPrintable(time));
            previous = time;
        }
        QCOMPARE(model.index(model.rowCount() - 1, timeColumn).data().toString(),
                 QStringLiteral("2025-03-04 10:08:36.000"));
        QCOMPARE(model.index(model.rowCount() - 1, timeColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("2025-03-04T10:08:36.000000Z"));
    }

    // Every way of reaching a page (keyset after, keyset before, OFFSET) gives the same order, and it is
    // the order computed independently here, for runs of equal keys longer than a page and for NULLs.
    void sortsByFieldsInSql_data() {
        QTest::addColumn<int>("field");
        QTest::addColumn<int>("order");
        QTest::addColumn<int>("pageOrder");
        const std::pair<const char *, EventField> fields[] = {
            {"host", EventField::Host}, {"user", EventField::User}, {"task", EventField::TaskName}};
        for (const auto &[name, field] : fields) {
            for (int order : {int(Qt::AscendingOrder), int(Qt::DescendingOrder)}) {
                for (int pages :
                     {int(PageOrder::Forward), int(PageOrder::Backward), int(PageOrder::Shuffled)}) {
                    QTest::addRow("%s %s pages %d", name, order ? "desc" : "asc", pages)
                        << int(field) << order << pages;
                }
            }
        }
    }
    void sortsByFieldsInSql() {
        QFETCH(int, field);
        QFETCH(int, order);
        QFETCH(int, pageOrder);
        static std::unique_ptr<Workspace> workspace;
        if (!workspace)
            workspace = workspaceWith(EventTableModel::PageSize * 5 + 31);
        EventTableModel model(workspace->database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sort(model.columnOf(EventField(field)), Qt::SortOrder(order));
        QVERIFY(waitApplied(model));
        const QList<qint64> expected =
            expectedOrder(workspace->database(), EventField(field), Qt::SortOrder(order));
        QCOMPARE(idsInOrder(model, PageOrder(pageOrder)), expected);
    }

    // Conclusions sort through their own tables: events without one come last in both directions (by time).
    void sortsByConclusions_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expression");
        QTest::newRow("likelihood") << "fp_likelihood"
                                    << "a.fp_likelihood";
        QTest::newRow("top explanation")
            << "top_explanation"
            << "(SELECT note_id FROM event_explanations x WHERE x.event_id = e.id AND "
               "x.rank = 1)";
        QTest::newRow("verdict") << "verdict"
                                 << "v.verdict";
    }
    void sortsByConclusions() {
        QFETCH(QString, column);
        QFETCH(QString, expression);
        Database &db = demo().database();
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            for (PageOrder pages : {PageOrder::Forward, PageOrder::Backward}) {
                EventTableModel model(db);
                QVERIFY(waitApplied(model));
                EventQuery query;
                query.sortColumn = *EventColumn::fromKey(column);
                query.sortOrder = order;
                model.setQuery(query);
                QVERIFY(waitApplied(model));
                const QString direction =
                    order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
                Statement expected = db.prepare(
                    QStringLiteral(
                        "SELECT e.id FROM events e LEFT JOIN event_assessments a ON a.event_id = e.id "
                        "LEFT JOIN verdicts v ON v.event_id = e.id ORDER BY (%1) IS NULL, "
                        "%1 %2, CASE WHEN (%1) IS NULL THEN e.time_utc END %2, e.id %2")
                        .arg(expression, direction));
                QList<qint64> ids;
                while (expected.step())
                    ids << expected.columnInt64(0);
                QCOMPARE(idsInOrder(model, pages), ids);
            }
        }
    }

    // Over 4,096 matching rows the loader walks the sort index and tests each row against the search's
    // set ("+id IN"); the order must be the same as sorting the set.
    void searchesAndSortsLargeSets_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<int>("order");
        QTest::newRow("host asc") << "host" << int(Qt::AscendingOrder);
        QTest::newRow("user desc") << "user" << int(Qt::DescendingOrder);
        QTest::newRow("verdict asc") << "verdict" << int(Qt::AscendingOrder);
        QTest::newRow("verdict desc") << "verdict" << int(Qt::DescendingOrder);
    }
    void searchesAndSortsLargeSets() {
        QFETCH(QString, column);
        QFETCH(int, order);
        static std::unique_ptr<Workspace> workspace;
        if (!workspace) {
            workspace = workspaceWith(6000);
            workspace->database().exec(QStringLiteral(
                "INSERT INTO verdicts (event_id, verdict, analyst, decided_at) SELECT id, CASE id % 3 WHEN 0 "
                "THEN "
                "'false_positive' ELSE 'true_positive' END, 't', 'x' FROM events WHERE id % 7 = 0"));
        }
        Database &db = workspace->database();
        EventTableModel model(db);
        EventQuery query;
        query.search = QStringLiteral("schtasks x");
        query.sortColumn = *EventColumn::fromKey(column);
        query.sortOrder = Qt::SortOrder(order);
        model.setQuery(query);
        QVERIFY(waitApplied(model));
        QVERIFY(model.rowCount() > 4096);
        const QString dir = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
        const QString key = column == QLatin1String("verdict")
                                ? QStringLiteral("v.verdict")
                                : QStringLiteral("e.%1 COLLATE NOCASE").arg(column);
        // Blank conclusions last; blank fields first ascending (SQLite's NULL order).
        const QString blanks =
            column == QLatin1String("verdict") ? QStringLiteral("(%1) IS NULL, ").arg(key) : QString();
        const QString tie =
            column == QLatin1String("verdict")
                ? QStringLiteral("CASE WHEN v.verdict IS NULL THEN e.time_utc END %1, ").arg(dir)
                : QString();
        Statement expected = db.prepare(
            QStringLiteral(
                "SELECT e.id FROM events e LEFT JOIN verdicts v ON v.event_id = e.id WHERE e.id IN (SELECT "
                "rowid FROM events_fts WHERE events_fts MATCH '\"schtasks\"* \"x\"*') ORDER BY %1%2 %3, "
                "%4e.id %3")
                .arg(blanks, key, dir, tie));
        QList<qint64> ids;
        while (expected.step())
            ids << expected.columnInt64(0);
        QCOMPARE(model.rowCount(), int(ids.size()));
        QCOMPARE(idsInOrder(model, PageOrder::Shuffled), ids);
    }

    void parsesColumnFilters_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("value");
        using Op = ColumnFilter::Op;
        QTest::newRow("contains") << "host"
                                  << " wks " << int(Op::Contains) << "wks";
        QTest::newRow("not contains") << "host"
                                      << "!wks" << int(Op::NotContains) << "wks";
        QTest::newRow("equals") << "host"
                                << "=wks-1" << int(Op::Equals) << "wks-1";
        QTest::newRow("not equals") << "host"
                                    << "!= wks-1" << int(Op::NotEquals) << "wks-1";
        QTest::newRow("empty") << "user"
                               << "=" << int(Op::Empty) << "";
        QTest::newRow("not empty") << "user"
                                   << "!" << int(Op::NotEmpty) << "";
        QTest::newRow("at least") << "fp_likelihood"
                                  << "70" << int(Op::GreaterOrEqual) << "70";
        QTest::newRow("below") << "fp_likelihood"
                               << "<30" << int(Op::Less) << "30";
        QTest::newRow("pid") << "process_pid"
                             << "4242" << int(Op::Equals) << "4242";
        QTest::newRow("time after") << "time_utc"
                                    << ">2025-03-04T10:05" << int(Op::Greater) << "2025-03-04T10:05";
        QTest::newRow("digits in text") << "host"
                                        << "1" << int(Op::Contains) << "1";
    }
    void parsesColumnFilters() {
        QFETCH(QString, column);
        QFETCH(QString, text);
        QFETCH(int, op);
        QFETCH(QString, value);
        const ColumnFilter filter = ColumnFilter::parse(text, *EventColumn::fromKey(column));
        QCOMPARE(int(filter.op), op);
        QCOMPARE(filter.value, value);
    }

    // Each filter keeps exactly the rows an independent query counts.
    void filtersInSql_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // WHERE over `events e` of the same rows
        QTest::newRow("host contains, any case") << "host"
                                                 << "WKS-3"
                                                 << "lower(e.host) = 'wks-3'";
        QTest::newRow("host not") << "host"
                                  << "!=wks-3"
                                  << "lower(e.host) <> 'wks-3'";
        QTest::newRow("no user") << "user"
                                 << "="
                                 << "e.user IS NULL";
        QTest::newRow("percent is literal") << "command_line"
                                            << "100%"
                                            << "0";
        QTest::newRow("task action") << "task_action"
                                     << "x2.exe"
                                     << "e.task_action LIKE '%x2.exe%'";
        QTest::newRow("time after") << "time_utc"
                                    << ">2025-03-04T10:05"
                                    << "e.time_utc > '2025-03-04T10:05'";
    }
    void filtersInSql() {
        QFETCH(QString, column);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        static std::unique_ptr<Workspace> workspace;
        if (!workspace)
            workspace = workspaceWith(EventTableModel::PageSize * 2);
        EventTableModel model(workspace->database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumnFilter(*EventColumn::fromKey(column), text);
        QVERIFY(waitApplied(model));
        const qint64 count =
            workspace->database().queryInt(QStringLiteral("SELECT count(*) FROM events e WHERE ") + expected);
        QCOMPARE(model.rowCount(), int(count));
        QCOMPARE(model.columnFilter(*EventColumn::fromKey(column)), text);
        model.setColumnFilter(*EventColumn::fromKey(column), QString());
        QVERIFY(waitApplied(model));
        QCOMPARE(model.rowCount(), EventTableModel::PageSize * 2);
    }

    void filtersConclusions_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("likelihood at least")
            << "fp_likelihood"
            << "70"
            << "e.id IN (SELECT event_id FROM event_assessments WHERE fp_likelihood >= 70)";
        QTest::newRow("unreviewed") << "verdict"
                                    << "="
                                    << "e.id NOT IN (SELECT event_id FROM verdicts)";
        QTest::newRow("not false positive") << "verdict"
                                            << "!false"
                                            << "e.id NOT IN (SELECT event_id FROM verdicts WHERE verdict = "
                                               "'false_positive')";
        QTest::newRow("explanation word")
            << "top_explanation"
            << "admin"
            << "e.id IN (SELECT x.event_id FROM event_explanations x JOIN notes n ON "
               "n.id = x.note_id WHERE x.rank = 1 AND n.text LIKE '%admin%')";
    }
    void filtersConclusions() {
        QFETCH(QString, column);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        Database &db = demo().database();
        EventTableModel model(db);
        model.setColumnFilter(*EventColumn::fromKey(column), text);
        QVERIFY(waitApplied(model));
        const qint64 count = db.queryInt(QStringLiteral("SELECT count(*) FROM events e WHERE ") + expected);
        QVERIFY(count > 0);
        QCOMPARE(model.rowCount(), int(count));
    }

    void searchesWithFts_data() {
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("expected");
        QTest::newRow("task name") << "T37"
                                   << "e.task_name = '\\T37' OR e.task_name LIKE '\\T37_%'";
        QTest::newRow("prefix of an action") << "x1.ex"
                                             << "e.task_action = 'x1.exe'";
        QTest::newRow("two words") << "schtasks x2"
                                   << "e.task_action = 'x2.exe'";
        QTest::newRow("nothing searchable") << "\" -- "
                                            << "1";
        QTest::newRow("no such word") << "mimikatz"
                                      << "0";
    }
    void searchesWithFts() {
        QFETCH(QString, words);
        QFETCH(QString, expected);
        static std::unique_ptr<Workspace> workspace;
        if (!workspace)
            workspace = workspaceWith(EventTableModel::PageSize * 2);
        EventTableModel model(workspace->database());
        model.setSearch(words);
        QVERIFY(waitApplied(model));
        const qint64 count =
            workspace->database().queryInt(QStringLiteral("SELECT count(*) FROM events e WHERE ") + expected);
        QCOMPARE(model.rowCount(), int(count));
    }

    void showsNormalizedFields() {
        auto workspace = workspaceWith(3);
        EventTableModel model(workspace->database());
        QVERIFY(waitApplied(model));
        const auto column = [&model](EventField f) { return model.columnOf(f); };
        QCOMPARE(model.index(2, column(EventField::TaskName)).data().toString(), QStringLiteral("\\T74"));
        QCOMPARE(model.index(2, column(EventField::User)).data().toString(), QStringLiteral("u2"));
        QCOMPARE(model.headerData(column(EventField::TaskName), Qt::Horizontal).toString(),
                 QStringLiteral("Task"));
        QVERIFY(model.index(0, 0).data(EventTableModel::EventIdRole).toLongLong() > 0);
        QCOMPARE(model.headerData(model.likelihoodColumn(), Qt::Horizontal).toString(), QStringLiteral("FP"));
        QCOMPARE(model.headerData(model.topExplanationColumn(), Qt::Horizontal).toString(),
                 QStringLiteral("Top explanation"));
    }

    // Explained events show their likelihood and top note; reviewed ones their verdict (and its role).
    void showsTheAssessmentAndVerdict() {
        Database &db = demo().database();
        EventTableModel model(db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitApplied(model));
        QVERIFY(!idsInOrder(model, PageOrder::Forward).isEmpty());
        int withLikelihood = 0, withExplanation = 0, falsePositives = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            withLikelihood +=
                model.index(row, model.likelihoodColumn()).data().toString().endsWith(QLatin1Char('%'));
            withExplanation += !model.index(row, model.topExplanationColumn()).data().toString().isEmpty();
            const QModelIndex verdict = model.index(row, model.columnOf(EventColumn::verdict()));
            if (verdict.data(EventTableModel::VerdictRole).toString() == QLatin1String("false_positive")) {
                ++falsePositives;
                QCOMPARE(verdict.data().toString(), QStringLiteral("False positive"));
            }
        }
        QCOMPARE(withLikelihood, model.rowCount() - 1);
        QVERIFY(withExplanation > model.rowCount() * 3 / 4);
        QCOMPARE(falsePositives, int(db.queryInt(QStringLiteral(
                                     "SELECT count(*) FROM verdicts WHERE verdict = 'false_positive'"))));
    }

    // A result of an older query never lands: only the newest query is applied.
    void dropsStaleResults() {
        auto workspace = workspaceWith(EventTableModel::PageSize * 3);
        EventTableModel model(workspace->database());
        QVERIFY(waitApplied(model));
        QSignalSpy applied(&model, &EventTableModel::queryApplied);
        model.setSearch(QStringLiteral("x0"));
        model.sort(model.columnOf(EventField::Host), Qt::DescendingOrder);
        model.setSearch(QStringLiteral("x1"));
        QVERIFY(waitApplied(model));
        QTest::qWait(100);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(model.rowCount(), EventTableModel::PageSize);
        QCOMPARE(model.query().sortColumn, EventColumn::of(EventField::Host));
    }

    // A new query's first page shows its first screenful at once; the rest of the page follows by itself.
    void showsTheFirstScreenfulFirst() {
        auto workspace = workspaceWith(EventTableModel::PageSize * 2);
        EventTableModel model(workspace->database());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy applied(&model, &EventTableModel::queryApplied);
        QSignalSpy arrived(&model, &EventTableModel::pageArrived);
        QVERIFY(waitApplied(model));
        QVERIFY(model.index(0, 0).data(EventTableModel::LoadedRole).toBool());
        QVERIFY(model.index(EventPageLoader::FirstRows - 1, 0).data(EventTableModel::LoadedRole).toBool());
        QTRY_VERIFY(model.index(EventTableModel::PageSize - 1, 0).data(EventTableModel::LoadedRole).toBool());
        QCOMPARE(applied.count(), 1);
        // Page 0 came twice (its screenful with the count, then whole), and was asked for once.
        QCOMPARE(arrived.count(), 2);
        QCOMPARE(arrived.at(1).at(0).toInt(), 0);
        QCOMPARE(
            model.index(EventTableModel::PageSize - 1, model.columnOf(EventField::TimeUtc)).data().toString(),
            QStringLiteral("2025-03-04 10:04:15.000"));
    }

    // A refresh keeps the rows where they are (and the view's selection), and shows the new data.
    void refreshShowsNewDataInPlace() {
        Database &db = demo().database();
        EventTableModel model(db);
        QVERIFY(waitApplied(model));
        const qint64 id = model.eventIdAt(5).value_or(0);
        QVERIFY(id > 0);
        db.exec(
            QStringLiteral("INSERT OR REPLACE INTO verdicts (event_id, verdict, analyst, decided_at) VALUES "
                           "(%1, 'benign_true_positive', 't', '2025-01-01T00:00:00Z')")
                .arg(id));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refresh();
        QVERIFY(waitApplied(model));
        QCOMPARE(reset.count(), 0);
        QVERIFY(changed.count() > 0);
        QCOMPARE(model.eventIdAt(5).value_or(0), id);
        QCOMPARE(model.verdictAt(5), QStringLiteral("benign_true_positive"));
        QCOMPARE(model.cachedRowOf(id).value_or(-1), 5);
    }
};

QTEST_GUILESS_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
