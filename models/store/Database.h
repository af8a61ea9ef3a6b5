#pragma once

#include <QString>

struct sqlite3;

namespace tb {

class Statement;

// Owns one SQLite connection. Not shared between threads: each worker opens its own.
class Database final {
public:
    enum class Mode { ReadWrite, ReadOnly };

    Database() = default;
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (and for ReadWrite creates) the file; throws StoreError naming the path on failure.
    static Database open(const QString &path, Mode mode = Mode::ReadWrite);

    bool isOpen() const { return m_db != nullptr; }
    QString path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    // Runs one or more statements that return no rows.
    void exec(const QString &sql);
    Statement prepare(const QString &sql);

    // Convenience for single-value queries such as PRAGMAs and COUNT(*).
    qint64 queryInt(const QString &sql);
    QString queryText(const QString &sql);

    qint64 lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;
    QString errorMessage() const;
    // Makes the statement running on this connection fail with "interrupted"; safe from any thread.
    void interrupt();

private:
    explicit Database(sqlite3 *db, QString path);
    void close();

    sqlite3 *m_db = nullptr;
    QString m_path;
};

} // namespace tb
