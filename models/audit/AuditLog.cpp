#include "AuditLog.h"

#include "store/Database.h"
#include "store/Statement.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QVariantList>

namespace tb {

AuditLog::AuditLog(Database &db)
    : m_db(db) {}

AuditLog::~AuditLog() = default;

QString AuditLog::currentActor() {
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString name = env.value(QStringLiteral("TUNEBENCH_ANALYST"));
    if (name.isEmpty())
        name = env.value(QStringLiteral("USER"), env.value(QStringLiteral("USERNAME")));
    return name.isEmpty() ? QStringLiteral("analyst") : name;
}

qint64 AuditLog::append(const AuditEntry &entry) {
    if (!m_insert)
        m_insert = std::make_unique<Statement>(m_db.prepare(QStringLiteral(
            "INSERT INTO audit_log (at, actor, action, object_type, object_id, before, after, why) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")));
    Statement &insert = *m_insert;
    insert.reset(); // also after a failed step: the caller's transaction rolled back, the log goes on
    const QDateTime at = entry.at.isValid() ? entry.at : QDateTime::currentDateTimeUtc();
    insert.bind(1, at.toUTC().toString(Qt::ISODateWithMs));
    insert.bind(2, entry.actor.isEmpty() ? currentActor() : entry.actor);
    insert.bind(3, entry.action);
    insert.bind(4, entry.objectType);
    insert.bind(5, entry.objectId);
    insert.bind(6, entry.before.isEmpty() ? QString() : entry.before);
    insert.bind(7, entry.after.isEmpty() ? QString() : entry.after);
    insert.bind(8, entry.why.isNull() ? QStringLiteral("") : entry.why);
    insert.step();
    return m_db.lastInsertRowId();
}

std::vector<AuditEntry> AuditLog::entries(const QString &objectType, int limit, const QString &objectId) {
    // Only the filters given are written, so that audit_log_object serves them (an "?1 IS NULL OR"
    // test would keep SQLite from using the index).
    QStringList where;
    QVariantList parameters;
    if (!objectType.isEmpty()) {
        where << QStringLiteral("object_type = ?");
        parameters << objectType;
    }
    if (!objectId.isEmpty()) {
        where << QStringLiteral("object_id = ?");
        parameters << objectId;
    }
    Statement query = m_db.prepare(
        QStringLiteral(
            "SELECT id, at, actor, action, object_type, object_id, before, after, why FROM audit_log ") +
        (where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "))) +
        QStringLiteral(" ORDER BY id DESC LIMIT ?"));
    parameters << qint64(limit);
    for (int i = 0; i < parameters.size(); ++i)
        query.bind(i + 1, parameters[i]);
    std::vector<AuditEntry> result;
    while (query.step()) {
        AuditEntry entry;
        entry.id = query.columnInt64(0);
        entry.at = QDateTime::fromString(query.columnText(1), Qt::ISODateWithMs);
        entry.actor = query.columnText(2);
        entry.action = query.columnText(3);
        entry.objectType = query.columnText(4);
        entry.objectId = query.columnText(5);
        entry.before = query.columnText(6);
        entry.after = query.columnText(7);
        entry.why = query.columnText(8);
        result.push_back(std::move(entry));
    }
    return result;
}

} // namespace tb
