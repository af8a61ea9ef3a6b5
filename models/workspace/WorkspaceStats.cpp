#include "WorkspaceStats.h"

#include "store/Database.h"
#include "store/Statement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tb {

namespace {

QList<QPair<QString, qint64>> grouped(Database &db, const QString &sql) {
    QList<QPair<QString, qint64>> result;
    Statement query = db.prepare(sql);
    while (query.step())
        result.append(
            {query.isNull(0) ? QStringLiteral("(none)") : query.columnText(0), query.columnInt64(1)});
    return result;
}

QJsonArray toJsonArray(const QList<QPair<QString, qint64>> &pairs) {
    QJsonArray array;
    for (const auto &[name, count] : pairs)
        array.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("count"), count}});
    return array;
}

} // namespace

WorkspaceStats WorkspaceStats::compute(Database &db) {
    WorkspaceStats s;
    s.events = db.queryInt(QStringLiteral("SELECT count(*) FROM events"));
    s.imports = db.queryInt(QStringLiteral("SELECT count(*) FROM imports WHERE status = 'completed'"));
    s.failedImports = db.queryInt(QStringLiteral("SELECT count(*) FROM imports WHERE status <> 'completed'"));
    s.hosts = db.queryInt(QStringLiteral("SELECT count(DISTINCT host) FROM events"));
    s.users = db.queryInt(QStringLiteral("SELECT count(DISTINCT user) FROM events"));
    s.rules = db.queryInt(QStringLiteral("SELECT count(DISTINCT rule_name) FROM events"));
    s.reviewed = db.queryInt(QStringLiteral("SELECT count(*) FROM verdicts"));
    s.firstTime = db.queryText(QStringLiteral("SELECT min(time_utc) FROM events"));
    s.lastTime = db.queryText(QStringLiteral("SELECT max(time_utc) FROM events"));
    s.byRule = grouped(db, QStringLiteral("SELECT rule_name, count(*) AS n FROM events GROUP BY rule_name "
                                          "ORDER BY n DESC, rule_name"));
    s.byPlatform = grouped(db, QStringLiteral("SELECT platform, count(*) AS n FROM events GROUP BY platform "
                                              "ORDER BY n DESC, platform"));
    s.byFormat = grouped(db, QStringLiteral("SELECT format, count(*) AS n FROM events GROUP BY format "
                                            "ORDER BY n DESC, format"));
    s.byVerdict = grouped(db, QStringLiteral("SELECT verdict, count(*) AS n FROM verdicts GROUP BY verdict "
                                             "ORDER BY n DESC, verdict"));
    return s;
}

QString WorkspaceStats::toJson() const {
    const QJsonObject object{
        {QStringLiteral("events"), events},
        {QStringLiteral("imports"), imports},
        {QStringLiteral("failed_imports"), failedImports},
        {QStringLiteral("hosts"), hosts},
        {QStringLiteral("users"), users},
        {QStringLiteral("rules"), rules},
        {QStringLiteral("reviewed"), reviewed},
        {QStringLiteral("first_time"), firstTime},
        {QStringLiteral("last_time"), lastTime},
        {QStringLiteral("by_rule"), toJsonArray(byRule)},
        {QStringLiteral("by_platform"), toJsonArray(byPlatform)},
        {QStringLiteral("by_format"), toJsonArray(byFormat)},
        {QStringLiteral("by_verdict"), toJsonArray(byVerdict)},
    };
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString WorkspaceStats::toText() const {
    QString out;
    out += QStringLiteral("events      %1 (from %2 imports; %3 failed or cancelled)\n")
               .arg(events)
               .arg(imports)
               .arg(failedImports);
    out += QStringLiteral("time range  %1 .. %2\n").arg(firstTime, lastTime);
    out += QStringLiteral("hosts %1, users %2, rules %3, reviewed %4\n")
               .arg(hosts)
               .arg(users)
               .arg(rules)
               .arg(reviewed);
    auto section = [&out](const char *title, const QList<QPair<QString, qint64>> &pairs) {
        if (pairs.isEmpty())
            return;
        out += QLatin1String(title) + QLatin1Char('\n');
        for (const auto &[name, count] : pairs)
            out += QStringLiteral("  %1  %2\n").arg(count, 7).arg(name);
    };
    section("by rule", byRule);
    section("by platform", byPlatform);
    section("by format", byFormat);
    section("by verdict", byVerdict);
    return out;
}

} // namespace tb
