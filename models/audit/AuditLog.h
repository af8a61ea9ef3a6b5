#pragma once

#include <QDateTime>
#include <QString>

#include <memory>
#include <vector>

namespace tb {

class Database;
class Statement;

struct AuditEntry {
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action;     // e.g. "import", "verdict.set", "decision.approve"
    QString objectType; // e.g. "import", "event", "decision"
    QString objectId;
    QString before; // JSON or empty
    QString after;  // JSON or empty
    QString why;
};

// The append-only audit log. Callers write inside the transaction of the change they record,
// so a change and its audit row land together or not at all.
class AuditLog final {
public:
    explicit AuditLog(Database &db);
    ~AuditLog();

    // Throws StoreError (caller's transaction then rolls back).
    qint64 append(const AuditEntry &entry);
    // Newest first; an empty type or id means any.
    std::vector<AuditEntry> entries(const QString &objectType = {}, int limit = 1000,
                                    const QString &objectId = {});

    // The analyst name recorded when nobody is named: the OS login.
    static QString currentActor();

private:
    Database &m_db;
    std::unique_ptr<Statement> m_insert; // prepared once: bulk verdicts append thousands of rows
};

} // namespace tb
