#include "items/EventOrderIndex.h"
#include "items/EventQuerySql.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tb;

// The order index puts a search's matches in the table's order from their ids alone; it must give
// exactly the order the page loader's SQL gives (each part ORDER BY key, id), in both directions.
class TestEventOrderIndex : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Workspace m_demo;

    Database &demo() { return m_demo.database(); }

    static std::vector<qint64> ids(Database &db, const QString &sql, const QVariantList &parameters) {
        Statement query = db.prepare(sql);
        int index = 0;
        for (const QVariant &value : parameters)
            query.bind(++index, value);
        std::vector<qint64> result;
        while (query.step())
            result.push_back(query.columnInt64(0));
        return result;
    }

private slots:
    void initTestCase() {
        const QString path = m_dir.filePath(QStringLiteral("demo.tunebench"));
        QString error;
        QVERIFY2(DemoWorkspace::ensure(path, &error), qPrintable(error));
        QVERIFY(m_demo.open(path));
        // Verdicts on some events, so that the verdict order has both parts.
        demo().exec(QStringLiteral(
            "INSERT INTO verdicts (event_id, verdict, analyst, decided_at) SELECT id, CASE id % 2 WHEN 0 "
            "THEN 'false_positive' ELSE 'true_positive' END, 'test', '2025-01-01T00:00:00Z' FROM events "
            "WHERE id % 3 = 0"));
    }

    void arrangesAsTheSqlOrder_data() {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("words");
        const char *const columns[] = {"time_utc",        "host",         "user",
                                       "task_name",       "command_line", "fp_likelihood",
                                       "top_explanation", "verdict"};
        for (const char *column : columns) {
            for (const char *words : {"schtasks", "a", "cron"})
                QTest::addRow("%s, %s", column, words)
                    << QString::fromLatin1(column) << QString::fromLatin1(words);
        }
    }
    void arrangesAsTheSqlOrder() {
        QFETCH(QString, column);
        QFETCH(QString, words);
        Database &db = demo();
        const EventColumn sortColumn = *EventColumn::fromKey(column);
        std::optional<EventOrderIndex> index = EventOrderIndex::build(db, sortColumn, [] { return true; });
        QVERIFY(index);
        EventQuery query;
        query.search = words;
        query.sortColumn = sortColumn;
        const std::vector<qint64> matches =
            ids(db, QStringLiteral("SELECT rowid FROM events_fts WHERE events_fts MATCH ?1"),
                {EventQuerySql::searchMatch(words)});
        QVERIFY(!matches.empty());
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            query.sortOrder = order;
            const QString dir = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
            std::vector<qint64> expected;
            for (const EventOrderPart &part : EventQuerySql::orderParts(query)) {
                const std::vector<qint64> partIds =
                    ids(db,
                        QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4 %5, %1 %5")
                            .arg(part.id, part.from, part.where, part.key, dir),
                        part.parameters);
                expected.insert(expected.end(), partIds.begin(), partIds.end());
            }
            const std::optional<std::vector<qint64>> arranged = index->arrange(matches, order);
            QVERIFY(arranged);
            QCOMPARE(*arranged, expected);
        }
    }

    // Events newer than the index are not in it: arrange() says so instead of leaving them out.
    void refusesEventsNewerThanItself() {
        Database &db = demo();
        std::optional<EventOrderIndex> index =
            EventOrderIndex::build(db, EventColumn::of(EventField::Host), [] { return true; });
        QVERIFY(index);
        const qint64 newest = db.queryInt(QStringLiteral("SELECT max(id) FROM events"));
        QVERIFY(index->arrange({newest}, Qt::AscendingOrder));
        QVERIFY(!index->arrange({newest, newest + 1}, Qt::AscendingOrder));
    }

    void isAbandonedWhenAsked() {
        int asked = 0;
        const auto index = EventOrderIndex::build(demo(), EventColumn::of(EventField::TimeUtc), [&asked] {
            ++asked;
            return false;
        });
        const qint64 events = demo().queryInt(QStringLiteral("SELECT count(*) FROM events"));
        QCOMPARE(bool(index), events < 4096); // asked every 4,096 rows
        QCOMPARE(asked > 0, events >= 4096);
    }
};

QTEST_GUILESS_MAIN(TestEventOrderIndex)
#include "tst_eventorderindex.moc"
