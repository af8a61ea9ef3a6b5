#include "Database.h"

#include "Statement.h"
#include "StoreError.h"

#include <sqlite3.h>

#include <utility>

namespace tb {

Database::Database(sqlite3 *db, QString path)
    : m_db(db)
    , m_path(std::move(path)) {}

Database::~Database() {
    close();
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path)) {}

Database &Database::operator=(Database &&other) noexcept {
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Database::close() {
    if (m_db) {
        // sqlite3_close_v2 defers the close until every statement is finalized.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Database Database::open(const QString &path, Mode mode) {
    sqlite3 *db = nullptr;
    const int flags =
        (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString why =
            db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        throw StoreError(QStringLiteral("%1: cannot open: %2").arg(path, why));
    }
    sqlite3_extended_result_codes(db, 1);
    // Readers and the writer may meet (the GUI pages while an import runs): wait instead of failing.
    sqlite3_busy_timeout(db, 5000);
    return Database(db, path);
}

void Database::exec(const QString &sql) {
    char *error = nullptr;
    if (sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &error) != SQLITE_OK) {
        const QString message = QString::fromUtf8(error ? error : sqlite3_errmsg(m_db));
        sqlite3_free(error);
        throw StoreError(QStringLiteral("%1: %2").arg(m_path, message));
    }
}

Statement Database::prepare(const QString &sql) {
    return Statement(*this, sql);
}

qint64 Database::queryInt(const QString &sql) {
    Statement statement = prepare(sql);
    return statement.step() ? statement.columnInt64(0) : 0;
}

QString Database::queryText(const QString &sql) {
    Statement statement = prepare(sql);
    return statement.step() ? statement.columnText(0) : QString();
}

qint64 Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Database::changes() const {
    return sqlite3_changes(m_db);
}
bool Database::inTransaction() const {
    return sqlite3_get_autocommit(m_db) == 0;
}
void Database::interrupt() {
    if (m_db)
        sqlite3_interrupt(m_db);
}
QString Database::errorMessage() const {
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

} // namespace tb
