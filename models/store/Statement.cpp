#include "Statement.h"

#include "Database.h"
#include "StoreError.h"

#include <sqlite3.h>

#include <utility>

namespace tb {

Statement::Statement(Database &db, const QString &sql)
    : m_db(&db) {
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v2(db.handle(), utf8.constData(), int(utf8.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        throw StoreError(
            QStringLiteral("%1: cannot prepare \"%2\": %3").arg(db.path(), sql, db.errorMessage()));
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db)
    , m_stmt(std::exchange(other.m_stmt, nullptr)) {}

void Statement::fail(int rc) const {
    Q_UNUSED(rc);
    throw StoreError(QStringLiteral("%1: %2 (in \"%3\")")
                         .arg(m_db->path(), m_db->errorMessage(), QString::fromUtf8(sqlite3_sql(m_stmt))));
}

void Statement::bind(int index, qint64 value) {
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc);
}

void Statement::bind(int index, double value) {
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc);
}

void Statement::bind(int index, const QString &value) {
    if (value.isNull()) {
        bindNull(index);
        return;
    }
    const QByteArray utf8 = value.toUtf8();
    if (const int rc = sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(rc);
}

void Statement::bindStatic(int index, const QByteArray &utf8) {
    if (utf8.isNull()) {
        bindNull(index);
        return;
    }
    if (const int rc = sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
        rc != SQLITE_OK)
        fail(rc);
}

void Statement::bind(int index, std::string_view utf8) {
    if (const int rc = sqlite3_bind_text(m_stmt, index, utf8.data(), int(utf8.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(rc);
}

void Statement::bind(int index, const QVariant &value) {
    if (value.isNull()) {
        bindNull(index);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Bool:
        bind(index, value.toLongLong());
        break;
    case QMetaType::Double:
        bind(index, value.toDouble());
        break;
    default:
        bind(index, value.toString());
    }
}

void Statement::bindNull(int index) {
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        fail(rc);
}

int Statement::parameterIndex(const char *name) const {
    return sqlite3_bind_parameter_index(m_stmt, name);
}
int Statement::parameterCount() const {
    return sqlite3_bind_parameter_count(m_stmt);
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(rc);
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
}
void Statement::clearBindings() {
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const {
    return sqlite3_column_count(m_stmt);
}
QString Statement::columnName(int column) const {
    return QString::fromUtf8(sqlite3_column_name(m_stmt, column));
}
bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
qint64 Statement::columnInt64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}
double Statement::columnDouble(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::columnText(int column) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    // The byte count must be read after sqlite3_column_text, which may convert the value.
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

std::string_view Statement::columnUtf8(int column) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return {text, size_t(sqlite3_column_bytes(m_stmt, column))};
}

QVariant Statement::columnValue(int column) const {
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER:
        return columnInt64(column);
    case SQLITE_FLOAT:
        return columnDouble(column);
    case SQLITE_NULL:
        return {};
    default:
        return columnText(column);
    }
}

} // namespace tb
