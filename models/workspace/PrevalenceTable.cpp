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

// Writes each row's values as the statement's parameters, in order.
void insertAll(Database &db, const QString &sql, const std::vector<QVariantList> &rows) {
    Statement insert = db.prepare(sql);
    for (const QVariantList &row : rows) {
        for (int i = 0; i < row.size(); ++i)
            insert.bind(i + 1, row[i]);
        insert.step();
        insert.reset();
    }
}

} // namespace

bool PrevalenceTable::isCurrent(Database &db) {
    return WorkspaceStamp::read(db, stampKey) == QString::number(lastEvent(db));
}

void PrevalenceTable::rebuild(Database &db) {
    // The import job and the detail pane's loader may both ask after an import: one walk is enough.
    if (isCurrent(db))
        return;
    std::vector<QVariantList> values;   // kind, value, events, hosts
    std::vector<QVariantList> likeness; // task name, task action, parent, events
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
    if (WorkspaceStamp::read(db, stampKey) == QString::number(counted))
        return; // another connection wrote the same counts while these were read
    db.exec(QStringLiteral("DELETE FROM value_prevalence; DELETE FROM likeness_prevalence"));
    insertAll(db,
              QStringLiteral("INSERT INTO value_prevalence (kind, value, events, hosts) VALUES (?, ?, ?, ?)"),
              values);
    insertAll(db,
              QStringLiteral("INSERT INTO likeness_prevalence (task_name, task_action, parent_name, events) "
                             "VALUES (?, ?, ?, ?)"),
              likeness);
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
    detail.bindLikeness(like);
    detail.likeThis = like.step() ? like.columnInt64(0) : 0;
    detail.prevalenceLoaded = true;
    return true;
}

} // namespace tb
