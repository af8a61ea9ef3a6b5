#include "BenchWorkspace.h"

#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "workspace/DemoWorkspace.h"
#include "workspace/PrevalenceTable.h"

#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <memory>

namespace tb {

bool BenchWorkspace::ensure(const QString &path, qint64 events, QString *error) {
    {
        Workspace existing;
        if (QFile::exists(path) && existing.open(path) &&
            existing.database().queryInt(QStringLiteral("SELECT count(*) FROM events")) >= events)
            return true;
    }
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    if (!DemoWorkspace::ensure(path, error))
        return false;
    Workspace workspace;
    if (!workspace.open(path)) {
        *error = workspace.errorString();
        return false;
    }
    Database &db = workspace.database();
    QElapsedTimer timer;
    timer.start();
    try {
        const qint64 seed = db.queryInt(QStringLiteral("SELECT max(id) FROM events"));
        const qint64 copies = (events + seed - 1) / seed;
        QStringList columns;
        Statement info =
            db.prepare(QStringLiteral("SELECT name FROM pragma_table_info('events') WHERE name <> 'id'"));
        while (info.step())
            columns << info.columnText(0);
        QStringList values;
        for (const QString &column : columns) {
            if (column == QLatin1String("content_hash"))
                values << QStringLiteral("content_hash || ':' || ?1");
            else if (column == QLatin1String("host"))
                values << QStringLiteral("host || '-' || (?1 % 2500)");
            else if (column == QLatin1String("time_utc"))
                values << QStringLiteral(
                    "strftime('%Y-%m-%dT%H:%M:%f000Z', time_utc, printf('%+d minutes', ?1 % 43200))");
            else if (column == QLatin1String("task_name"))
                values << QStringLiteral(
                    "CASE WHEN (id + ?1) % 97 = 0 THEN task_name || '-' || ?1 ELSE task_name END");
            else
                values << column;
        }
        // A large page cache and a commit every 100 copies: one huge transaction would spill the same
        // index pages into the WAL again and again.
        db.exec(QStringLiteral("PRAGMA cache_size = -262144"));
        auto transaction = std::make_unique<Transaction>(db);
        Statement copyEvents =
            db.prepare(QStringLiteral("INSERT INTO events (id, %1) SELECT id + ?1 * ?2, %2 FROM events "
                                      "WHERE id <= ?2 AND id + ?1 * ?2 <= ?3")
                           .arg(columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", "))));
        // A copy shares its original's explanation set.
        Statement copyAssessments = db.prepare(
            QStringLiteral("INSERT INTO event_assessments SELECT event_id + ?1 * ?2, set_id, fp_likelihood, "
                           "top_note_id "
                           "FROM event_assessments WHERE event_id <= ?2 AND event_id + ?1 * ?2 <= ?3"));
        for (qint64 k = 1; k < copies; ++k) {
            for (Statement *statement : {&copyEvents, &copyAssessments}) {
                statement->bind(1, k);
                statement->bind(2, seed);
                statement->bind(3, events);
                statement->step();
                statement->reset();
            }
            if (k % 100 == 0) {
                transaction->commit();
                transaction = std::make_unique<Transaction>(db);
                std::printf("  generating: %lld of %lld events, %.0f s\n", k * seed, events,
                            timer.elapsed() / 1000.0);
                std::fflush(stdout);
            }
        }
        transaction->commit();
        PrevalenceTable::rebuild(db); // as an import does at its end
        db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    } catch (const StoreError &storeError) {
        *error = storeError.message();
        return false;
    }
    std::printf("  generated %lld events in %.1f s\n", events, timer.elapsed() / 1000.0);
    return true;
}

} // namespace tb
