#include "DecisionReader.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tb {

namespace {

std::optional<QDate> dateOrNone(const Statement &q, int column) {
    if (q.isNull(column) || q.columnText(column).isEmpty())
        return std::nullopt;
    return QDate::fromString(q.columnText(column).left(10), Qt::ISODate);
}

QDateTime utc(const QString &text) {
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

} // namespace

bool DecisionReader::readAll(Database &db, QList<Decision> &decisions, QString *error) {
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    try {
        QHash<qint64, qsizetype> index;
        Statement q = db.prepare(QStringLiteral("SELECT id, title, action, note_id, rationale, author, "
                                                "created_at, updated_at, expires_at, review_at, "
                                                "status FROM decisions ORDER BY id"));
        while (q.step()) {
            Decision d;
            d.id = q.columnInt64(0);
            d.title = q.columnText(1);
            const auto action = decisionActionFromName(q.columnText(2));
            const auto status = decisionStatusFromName(q.columnText(10));
            if (!action || !status)
                return fail(QStringLiteral("decision %1: unknown action or status").arg(d.id));
            d.action = *action;
            d.status = *status;
            d.noteId = q.columnText(3);
            d.rationale = q.columnText(4);
            d.author = q.columnText(5);
            d.createdAt = utc(q.columnText(6));
            d.updatedAt = utc(q.columnText(7));
            d.expiresAt = dateOrNone(q, 8);
            d.reviewAt = dateOrNone(q, 9);
            index.insert(d.id, decisions.size());
            decisions << d;
        }
        Statement c = db.prepare(QStringLiteral("SELECT decision_id, field, modifiers, value_list FROM "
                                                "decision_conditions ORDER BY decision_id, id"));
        while (c.step()) {
            const qint64 id = c.columnInt64(0);
            if (!index.contains(id))
                continue;
            Decision &d = decisions[index.value(id)];
            QString key = c.columnText(1);
            for (const QString &modifier : c.columnText(2).split(QLatin1Char('|'), Qt::SkipEmptyParts))
                key += QLatin1Char('|') + modifier.trimmed();
            QStringList values;
            const QJsonDocument list = QJsonDocument::fromJson(c.columnText(3).toUtf8());
            for (const QJsonValue &v : list.array())
                values << (v.isDouble() ? QString::number(v.toInteger()) : v.toString());
            QString why;
            if (!list.isArray() || !ConditionParser::addPredicate(key, values, d.condition.match, &why))
                return fail(QStringLiteral("decision %1: condition %2: %3")
                                .arg(QString::number(id), key,
                                     why.isEmpty() ? QStringLiteral("not a JSON list") : why));
        }
        Statement s = db.prepare(QStringLiteral(
            "SELECT decision_id, kind, value FROM decision_scope ORDER BY decision_id, kind, value"));
        while (s.step()) {
            const qint64 id = s.columnInt64(0);
            if (!index.contains(id))
                continue;
            Decision &d = decisions[index.value(id)];
            (s.columnText(1) == QLatin1String("host") ? d.scope.hosts : d.scope.ruleIds) << s.columnText(2);
        }
    } catch (const StoreError &e) {
        return fail(e.message());
    }
    return true;
}

} // namespace tb
