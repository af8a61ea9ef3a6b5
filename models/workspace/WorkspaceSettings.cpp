#include "WorkspaceSettings.h"

#include "audit/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace tb {

namespace {
QString key(const QString &name) {
    return QStringLiteral("setting.") + name;
}
} // namespace

QStringList WorkspaceSettings::names() {
    return {QStringLiteral("admin_accounts"), QStringLiteral("admin_groups"),
            QStringLiteral("management_servers"), QStringLiteral("trusted_software"),
            QStringLiteral("internal_networks")};
}

ConditionSettings WorkspaceSettings::load(Database &db) {
    ConditionSettings settings;
    Statement query =
        db.prepare(QStringLiteral("SELECT key, value FROM workspace_settings WHERE key LIKE 'setting.%'"));
    while (query.step()) {
        QStringList values;
        for (const QJsonValue &v : QJsonDocument::fromJson(query.columnText(1).toUtf8()).array())
            values << v.toString();
        settings.insert(query.columnText(0).mid(8), values);
    }
    return settings;
}

void WorkspaceSettings::set(Database &db, const QString &name, const QStringList &values,
                            const QString &actor) {
    Statement current = db.prepare(QStringLiteral("SELECT value FROM workspace_settings WHERE key = ?1"));
    current.bind(1, key(name));
    const QString before = current.step() ? current.columnText(0) : QString();
    const QString after =
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
    Statement upsert =
        db.prepare(QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES (?1, ?2) ON "
                                  "CONFLICT(key) DO UPDATE SET value = excluded.value"));
    upsert.bind(1, key(name));
    upsert.bind(2, after);
    upsert.step();
    AuditLog(db).append(
        {0, {}, actor, QStringLiteral("setting.set"), QStringLiteral("setting"), name, before, after, {}});
}

QString WorkspaceSettings::digest(const ConditionSettings &settings) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList keys = settings.keys();
    keys.sort();
    for (const QString &k : keys)
        hash.addData(
            (k + QLatin1Char('=') + settings.value(k).join(QLatin1Char('\n')) + QLatin1Char('\0')).toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(16));
}

} // namespace tb
