#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <string_view>

struct sqlite3_stmt;

namespace tb {

class Database;

// A prepared statement. Bind indices start at 1 (as in SQLite); column indices start at 0.
class Statement final {
public:
    Statement(Database &db, const QString &sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&) = delete;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, double value);
    void bind(int index, const QString &value);  // a null QString binds NULL
    void bind(int index, std::string_view utf8); // copied by SQLite
    // Not copied: `utf8` must stay alive until step() has run. A null array binds NULL.
    void bindStatic(int index, const QByteArray &utf8);
    void bind(int index, const QVariant &value);
    void bindNull(int index);
    int parameterIndex(const char *name) const;
    int parameterCount() const;

    // Returns true while a row is available, false when done; throws StoreError on failure.
    bool step();
    // Clears the result so the statement can run again with new bindings.
    void reset();
    void clearBindings();

    int columnCount() const;
    QString columnName(int column) const;
    bool isNull(int column) const;
    qint64 columnInt64(int column) const;
    double columnDouble(int column) const;
    QString columnText(int column) const;
    // The column as UTF-8, valid until the next step() or reset(); data() is null for NULL.
    std::string_view columnUtf8(int column) const;
    QVariant columnValue(int column) const;

private:
    [[noreturn]] void fail(int rc) const;

    Database *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace tb
