#include "Transaction.h"

#include "Database.h"

#include <QtGlobal>

namespace tb {

Transaction::Transaction(Database &db)
    : m_db(db) {
    m_db.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Transaction::~Transaction() {
    if (m_open) {
        try {
            rollback();
        } catch (...) {
            // A failed rollback leaves SQLite to roll back when the connection closes.
        }
    }
}

void Transaction::commit() {
    m_db.exec(QStringLiteral("COMMIT"));
    m_open = false;
}

void Transaction::rollback() {
    m_open = false;
    if (m_db.inTransaction())
        m_db.exec(QStringLiteral("ROLLBACK"));
}

} // namespace tb
