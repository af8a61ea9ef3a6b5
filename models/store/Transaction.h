#pragma once

namespace tb {

class Database;

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() ran.
// IMMEDIATE takes the write lock up front, so a batch never fails half-way on SQLITE_BUSY.
class Transaction final {
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();
    void rollback();

private:
    Database &m_db;
    bool m_open = true;
};

} // namespace tb
