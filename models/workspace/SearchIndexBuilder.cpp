#include "SearchIndexBuilder.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "store/Workspace.h"
#include "WorkspaceStamp.h"

namespace tb {

namespace {
// "<next id>/<last id>": the events from `next` to `last` are still to be indexed (schema 3 writes it).
const QString pendingKey = QStringLiteral("search_index_pending");
} // namespace

SearchIndexBuilder::SearchIndexBuilder(QString workspacePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(workspacePath)) {}

SearchIndexBuilder::~SearchIndexBuilder() {
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

bool SearchIndexBuilder::isPending(Database &db) {
    return !WorkspaceStamp::read(db, pendingKey).isNull();
}

bool SearchIndexBuilder::indexNextBatch(Database &db, qint64 batch, qint64 *left) {
    // Read the mark inside the write transaction: another window may be building the same workspace.
    Transaction transaction(db);
    const QString pending = WorkspaceStamp::read(db, pendingKey);
    if (pending.isNull()) {
        if (left)
            *left = 0;
        return false;
    }
    const qint64 next = pending.section(QLatin1Char('/'), 0, 0).toLongLong();
    const qint64 last = pending.section(QLatin1Char('/'), 1, 1).toLongLong();
    const qint64 end = std::min(last, next + batch - 1);
    Statement insert = db.prepare(QStringLiteral(
        "INSERT INTO events_fts (rowid, command_line, task_name, task_action, task_other_actions, "
        "process_image, parent_image, target_path) SELECT id, command_line, task_name, task_action, "
        "task_other_actions, process_image, parent_image, target_path FROM events "
        "WHERE id BETWEEN ?1 AND ?2"));
    insert.bind(1, next);
    insert.bind(2, end);
    insert.step();
    if (end >= last) {
        Statement done = db.prepare(QStringLiteral("DELETE FROM workspace_settings WHERE key = ?1"));
        done.bind(1, pendingKey);
        done.step();
    } else {
        WorkspaceStamp::write(db, pendingKey, QStringLiteral("%1/%2").arg(end + 1).arg(last));
    }
    transaction.commit();
    if (left)
        *left = last - end;
    return end < last;
}

void SearchIndexBuilder::start() {
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
}

void SearchIndexBuilder::run() {
    QString error;
    try {
        Database db = Workspace::connect(m_path);
        qint64 total = -1;
        qint64 left = 0;
        bool more = true;
        while (!m_stop && more) {
            more = indexNextBatch(db, BatchSize, &left);
            if (total < 0)
                total = left + BatchSize; // the first batch's own ids (fewer when it was the last)
            emit progressed(std::max<qint64>(0, total - left), total);
        }
    } catch (const StoreError &storeError) {
        error = storeError.message();
    }
    if (!m_stop)
        emit finished(error);
}

} // namespace tb
