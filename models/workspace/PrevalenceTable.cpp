#include "PrevalenceTable.h"

#include "EventDetail.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "WorkspaceStamp.h"

#include <QVariant>

#include <vector>

namespace tb {

namespace {

const QString stampKey = QStringLiteral("prevalence_counted_with");

qint64 lastEvent(Database &db) {
    return db.queryInt(QStringLiteral("SELECT coalesce(max(id), 0) FROM events"));
}

struct ValueCount {
    QString kind;
    QVariant value;
    qint64 events = 0, hosts = 0;
};

struct LikenessCount {
    QVariant taskName, taskAction, parentName;
    qint64 events = 0;
};

} // namespace

bool PrevalenceTable::isCurrent(Database &db) {
    return WorkspaceStamp::read(db, stampKey) == QString::number(lastEvent(db));
}

void PrevalenceTable::rebuild(Database &db) {
    std::vector<ValueCount> values;
    std::vector<LikenessCount> likeness;
    qint64 counted = 0;
    {
        // One snapshot for all the counts and the stamp: an import meanwhile makes them stale, not wrong.
        db.exec(QStringLiteral("BEGIN"));
        try {
            counted = lastEvent(db);
            // Each GROUP BY walks the value's index (the same ones EventDetail::loadPrevalence counts in).
            const std::pair<const char *, const char *> kinds[] = {
                {"task_name", "count(DISTINCT host COLLATE NOCASE)"},
                {"task_action", "count(DISTINCT host COLLATE NOCASE)"},
                {"parent_name", "0"},
                {"host", "0"}};
            for (const auto &[column, hosts] : kinds) {
                Statement group =
                    db.prepare(QStringLiteral("SELECT %1, count(*), %2 FROM events WHERE %1 IS NOT "
                                              "NULL GROUP BY %1 COLLATE NOCASE")
                                   .arg(QLatin1String(column), QLatin1String(hosts)));
                while (group.step())
                    values.push_back({QString::fromLatin1(column), group.columnValue(0), group.columnInt64(1),
                                      group.columnInt64(2)});
            }
            Statement alike = db.prepare(QStringLiteral(
                "SELECT task_name, task_action, parent_name, count(*) FROM events GROUP BY task_name COLLATE "
                "NOCASE, task_action COLLATE NOCASE, parent_name COLLATE NOCASE"));
            while (alike.step())
                likeness.push_back(
                    {alike.columnValue(0), alike.columnValue(1), alike.columnValue(2), alike.columnInt64(3)});
        } catch (...) {
            db.exec(QStringLiteral("ROLLBACK"));
            throw;
        }
        db.exec(QStringLiteral("COMMIT"));
    }
    Transaction transaction(db);
    db.exec(QStringLiteral("DELETE FROM value_prevalence; DELETE FROM likeness_prevalence"));
    Statement insertValue = db.prepare(
        QStringLiteral("INSERT INTO value_prevalence (kind, value, events, hosts) VALUES (?1, ?2, ?3, ?4)"));
    for (const ValueCount &count : values) {
        insertValue.bind(1, count.kind);
        insertValue.bind(2, count.value);
        insertValue.bind(3, count.events);
        insertValue.bind(4, count.hosts);
        insertValue.step();
        insertValue.reset();
    }
    Statement insertLikeness = db.prepare(
        QStringLiteral("INSERT INTO likeness_prevalence (task_name, task_action, parent_name, events) "
                       "VALUES (?1, ?2, ?3, ?4)"));
    for (const LikenessCount &count : likeness) {
        insertLikeness.bind(1, count.taskName);
        insertLikeness.bind(2, count.taskAction);
        insertLikeness.bind(3, count.parentName);
        insertLikeness.bind(4, count.events);
        insertLikeness.step();
        insertLikeness.reset();
    }
    WorkspaceStamp::write(db, stampKey, QString::number(counted));
    transaction.commit();
}

bool PrevalenceTable::read(Database &db, EventDetail &detail) {
    if (!isCurrent(db))
        return false;
    Statement value = db.prepare(
        QStringLiteral("SELECT events, hosts FROM value_prevalence WHERE kind = ?1 AND value = ?2"));
    auto counts = [&value](const char *kind, const QString &text) -> std::pair<qint64, qint64> {
        if (text.isEmpty())
            return {0, 0};
        value.bind(1, QString::fromLatin1(kind));
        value.bind(2, text);
        std::pair<qint64, qint64> found{0, 0};
        if (value.step())
            found = {value.columnInt64(0), value.columnInt64(1)};
        value.reset();
        return found;
    };
    const QString taskName = detail.value(EventField::TaskName);
    const QString taskAction = detail.value(EventField::TaskAction);
    const QString parent = detail.value(EventField::ParentName);
    std::tie(detail.sameTaskName, detail.taskNameHosts) = counts("task_name", taskName);
    std::tie(detail.sameTaskAction, detail.taskActionHosts) = counts("task_action", taskAction);
    detail.sameParent = counts("parent_name", parent).first;
    detail.sameHost = counts("host", detail.value(EventField::Host)).first;
    Statement like =
        db.prepare(QStringLiteral("SELECT events FROM likeness_prevalence WHERE task_name IS ?1 AND "
                                  "task_action IS ?2 AND parent_name IS ?3"));
    like.bind(1, taskName.isEmpty() ? QString() : taskName);
    like.bind(2, taskAction.isEmpty() ? QString() : taskAction);
    like.bind(3, parent.isEmpty() ? QString() : parent);
    detail.likeThis = like.step() ? like.columnInt64(0) : 0;
    detail.prevalenceLoaded = true;
    return true;
}

} // namespace tb
