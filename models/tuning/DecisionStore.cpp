#include "DecisionStore.h"

#include "audit/AuditLog.h"
#include "DecisionImpact.h"
#include "DecisionJson.h"
#include "DecisionValidator.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "SuppressionIndex.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tb {

namespace {

QString dateText(const std::optional<QDate> &date) {
    return date ? date->toString(Qt::ISODate) : QString();
}

std::optional<QDate> dateFromText(const QString &text) {
    if (text.isEmpty())
        return std::nullopt;
    return QDate::fromString(text, Qt::ISODate);
}

// "contains|all" of "command_line|contains|all": what decision_conditions.modifiers holds.
QString modifiersOf(const FieldPredicate &predicate) {
    const QString key = predicate.key();
    const qsizetype bar = key.indexOf(QLatin1Char('|'));
    return bar < 0 ? QStringLiteral("") : key.mid(bar + 1); // NOT NULL column: never a null string
}

QString defaultTitle(const Decision &d) {
    QString title = d.condition.toText().replace(QLatin1Char('\n'), QStringLiteral("; "));
    if (title.size() > 120)
        title = title.left(119) + QChar(0x2026);
    return title;
}

QString verb(DecisionStatus status) {
    switch (status) {
    case DecisionStatus::Approved:
        return QStringLiteral("approve");
    case DecisionStatus::Rejected:
        return QStringLiteral("reject");
    case DecisionStatus::Retired:
        return QStringLiteral("retire");
    case DecisionStatus::Expired:
        return QStringLiteral("expire");
    case DecisionStatus::Proposed:
        break;
    }
    return QStringLiteral("propose");
}

QString json(const Decision &d) {
    return QString::fromUtf8(QJsonDocument(decisionToJson(d)).toJson(QJsonDocument::Compact));
}

// Reads one decision with its condition and scope; false when there is none. Throws StoreError.
bool readDecision(Database &db, qint64 id, Decision &d) {
    Statement row = db.prepare(QStringLiteral(
        "SELECT id, title, action, note_id, rationale, author, created_at, updated_at, expires_at, "
        "review_at, status, verdict FROM decisions WHERE id = ?1"));
    row.bind(1, id);
    if (!row.step())
        return false;
    d = Decision{};
    d.id = row.columnInt64(0);
    d.title = row.columnText(1);
    d.action = decisionActionFromName(row.columnText(2)).value_or(DecisionAction::Suppress);
    d.noteId = row.columnText(3);
    d.rationale = row.columnText(4);
    d.author = row.columnText(5);
    d.createdAt = QDateTime::fromString(row.columnText(6), Qt::ISODateWithMs);
    d.updatedAt = QDateTime::fromString(row.columnText(7), Qt::ISODateWithMs);
    d.expiresAt = dateFromText(row.columnText(8));
    d.reviewAt = dateFromText(row.columnText(9));
    d.status = decisionStatusFromName(row.columnText(10)).value_or(DecisionStatus::Proposed);
    d.verdict = decisionVerdictFromName(row.columnText(11)).value_or(DecisionVerdict::FalsePositive);

    Statement conditions =
        db.prepare(QStringLiteral("SELECT field, modifiers, value_list, part FROM decision_conditions WHERE "
                                  "decision_id = ?1 ORDER BY id"));
    conditions.bind(1, id);
    while (conditions.step()) {
        const QString modifiers = conditions.columnText(1);
        const QString key =
            conditions.columnText(0) + (modifiers.isEmpty() ? QString() : QLatin1Char('|') + modifiers);
        QStringList values;
        for (const QJsonValue &v : QJsonDocument::fromJson(conditions.columnText(2).toUtf8()).array())
            values << v.toString();
        QString error;
        auto &part =
            conditions.columnText(3) == QLatin1String("filter") ? d.condition.filter : d.condition.match;
        if (!ConditionParser::addPredicate(key, values, part, &error))
            throw StoreError(QStringLiteral("%1: decision %2: %3").arg(db.path()).arg(id).arg(error));
    }
    Statement scope = db.prepare(
        QStringLiteral("SELECT kind, value FROM decision_scope WHERE decision_id = ?1 ORDER BY rowid"));
    scope.bind(1, id);
    while (scope.step())
        (scope.columnText(0) == QLatin1String("rule") ? d.scope.ruleIds : d.scope.hosts)
            << scope.columnText(1);
    return true;
}

} // namespace

DecisionStore::DecisionStore(Database &db, const KnowledgeBase &kb)
    : m_db(db)
    , m_kb(kb) {}

bool DecisionStore::fail(const QString &error) {
    m_error = error;
    return false;
}

bool DecisionStore::isAllowedTransition(DecisionStatus from, DecisionStatus to) {
    using S = DecisionStatus;
    switch (from) {
    case S::Proposed:
        return to == S::Approved || to == S::Rejected || to == S::Expired;
    case S::Approved:
        return to == S::Retired || to == S::Expired;
    case S::Rejected:
    case S::Expired:
    case S::Retired:
        break;
    }
    return false;
}

void DecisionStore::writeContent(const Decision &d) {
    for (const char *table : {"decision_conditions", "decision_scope"}) {
        Statement clear =
            m_db.prepare(QStringLiteral("DELETE FROM %1 WHERE decision_id = ?1").arg(QLatin1String(table)));
        clear.bind(1, d.id);
        clear.step();
    }
    Statement condition =
        m_db.prepare(QStringLiteral("INSERT INTO decision_conditions (decision_id, field, modifiers, "
                                    "value_list, part) VALUES (?1, ?2, ?3, ?4, ?5)"));
    auto writePart = [&](const QList<FieldPredicate> &predicates, const QString &part) {
        for (const FieldPredicate &p : predicates) {
            condition.bind(1, d.id);
            condition.bind(2, eventFieldColumn(p.field));
            condition.bind(3, modifiersOf(p));
            condition.bind(
                4, QString::fromUtf8(
                       QJsonDocument(QJsonArray::fromStringList(p.values)).toJson(QJsonDocument::Compact)));
            condition.bind(5, part);
            condition.step();
            condition.reset();
        }
    };
    writePart(d.condition.match, QStringLiteral("match"));
    writePart(d.condition.filter, QStringLiteral("filter"));
    Statement scope = m_db.prepare(QStringLiteral(
        "INSERT OR IGNORE INTO decision_scope (decision_id, kind, value) VALUES (?1, ?2, ?3)"));
    auto writeScope = [&](const QStringList &values, const QString &kind) {
        for (const QString &value : values) {
            scope.bind(1, d.id);
            scope.bind(2, kind);
            scope.bind(3, value);
            scope.step();
            scope.reset();
        }
    };
    writeScope(d.scope.ruleIds, QStringLiteral("rule"));
    writeScope(d.scope.hosts, QStringLiteral("host"));
}

void DecisionStore::audit(const QString &action, const Decision *before, const Decision *after,
                          const QString &actor, const QString &why) {
    const qint64 id = after ? after->id : before->id;
    AuditLog(m_db).append({0,
                           {},
                           actor,
                           QStringLiteral("decision.") + action,
                           QStringLiteral("decision"),
                           QString::number(id),
                           before ? json(*before) : QString(),
                           after ? json(*after) : QString(),
                           why});
}

qint64 DecisionStore::create(Decision d, const QString &actor) {
    m_error.clear();
    if (const QString problem = DecisionValidator(m_kb).problem(d, QDate::currentDate()); !problem.isEmpty())
        return fail(problem);
    const QString who = actor.isEmpty() ? AuditLog::currentActor() : actor;
    try {
        Transaction transaction(m_db);
        // The note is a foreign key: a workspace that was never explained has no notes yet.
        if (m_db.queryInt(QStringLiteral("SELECT count(*) FROM notes")) == 0)
            m_kb.installInto(m_db);
        d.status = DecisionStatus::Proposed;
        if (d.author.isEmpty())
            d.author = who;
        d.createdAt = d.updatedAt = QDateTime::currentDateTimeUtc();
        if (d.title.trimmed().isEmpty())
            d.title = defaultTitle(d);
        Statement insert = m_db.prepare(QStringLiteral(
            "INSERT INTO decisions (title, action, note_id, rationale, author, created_at, updated_at, "
            "expires_at, "
            "review_at, status, verdict) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
        insert.bind(1, d.title);
        insert.bind(2, decisionActionName(d.action));
        insert.bind(3, d.noteId.isEmpty() ? QString() : d.noteId);
        insert.bind(4, d.rationale.isNull() ? QStringLiteral("") : d.rationale);
        insert.bind(5, d.author);
        insert.bind(6, d.createdAt.toString(Qt::ISODateWithMs));
        insert.bind(7, d.updatedAt.toString(Qt::ISODateWithMs));
        insert.bind(8, dateText(d.expiresAt));
        insert.bind(9, dateText(d.reviewAt));
        insert.bind(10, decisionStatusName(d.status));
        insert.bind(11, decisionVerdictName(d.verdict));
        insert.step();
        d.id = m_db.lastInsertRowId();
        writeContent(d);
        audit(QStringLiteral("create"), nullptr, &d, who, d.rationale);
        transaction.commit();
        return d.id;
    } catch (const StoreError &error) {
        return fail(error.message());
    }
}

bool DecisionStore::load(qint64 id, Decision &decision) {
    m_error.clear();
    try {
        if (!readDecision(m_db, id, decision))
            return fail(QStringLiteral("no decision %1 in %2").arg(id).arg(m_db.path()));
        return true;
    } catch (const StoreError &error) {
        return fail(error.message());
    }
}

bool DecisionStore::list(QList<Decision> &decisions, std::optional<DecisionStatus> status) {
    m_error.clear();
    try {
        Statement ids = m_db.prepare(
            QStringLiteral("SELECT id FROM decisions WHERE ?1 IS NULL OR status = ?1 ORDER BY id DESC"));
        ids.bind(1, status ? decisionStatusName(*status) : QString());
        while (ids.step()) {
            Decision d;
            if (readDecision(m_db, ids.columnInt64(0), d))
                decisions.append(d);
        }
        return true;
    } catch (const StoreError &error) {
        return fail(error.message());
    }
}

QString DecisionStore::approvalProblem(const Decision &d) {
    DecisionImpact impact(m_db, m_kb);
    const DecisionImpactReport report = impact.compute(d);
    if (!report.ok)
        return report.error;
    if (!report.isBlocked())
        return {};
    QStringList reasons;
    for (const ImpactWarning &w : report.warnings) {
        if (w.severity == ImpactWarning::Severity::Blocking)
            reasons << w.message;
    }
    QList<qint64> ids;
    QString error;
    impact.blockingEventIds(d.condition, d.scope, 5, ids, &error);
    QStringList idTexts;
    for (const qint64 id : ids)
        idTexts << QString::number(id);
    return QStringLiteral("cannot approve decision %1: %2 (events %3%4); narrow the condition or the scope")
        .arg(d.id)
        .arg(reasons.join(QStringLiteral(" and ")), idTexts.join(QStringLiteral(", ")),
             report.truePositives + report.strongCounterEvidence > ids.size() ? QStringLiteral(", …")
                                                                              : QString());
}

void DecisionStore::changeStatus(const Decision &before, DecisionStatus status, const QString &actor,
                                 const QString &why) {
    Decision after = before;
    after.status = status;
    after.updatedAt = QDateTime::currentDateTimeUtc();
    Statement change =
        m_db.prepare(QStringLiteral("UPDATE decisions SET status = ?1, updated_at = ?2 WHERE id = ?3"));
    change.bind(1, decisionStatusName(status));
    change.bind(2, after.updatedAt.toString(Qt::ISODateWithMs));
    change.bind(3, after.id);
    change.step();
    SuppressionIndex(m_db, m_kb).refresh(after);
    audit(verb(status), &before, &after, actor, why);
}

bool DecisionStore::setStatus(qint64 id, DecisionStatus status, const QString &actor, const QString &why) {
    m_error.clear();
    const QString who = actor.isEmpty() ? AuditLog::currentActor() : actor;
    try {
        Transaction transaction(m_db);
        Decision before;
        if (!readDecision(m_db, id, before))
            return fail(QStringLiteral("no decision %1 in %2").arg(id).arg(m_db.path()));
        if (before.status == status)
            return fail(QStringLiteral("decision %1 is already %2").arg(id).arg(decisionStatusName(status)));
        if (!isAllowedTransition(before.status, status))
            return fail(
                QStringLiteral("decision %1 is %2 and cannot become %3 (proposed → approved or rejected; "
                               "approved → retired)")
                    .arg(id)
                    .arg(decisionStatusName(before.status), decisionStatusName(status)));
        if (status == DecisionStatus::Approved) {
            if (before.expiresAt && *before.expiresAt < QDate::currentDate())
                return fail(QStringLiteral("decision %1 expired on %2: it cannot be approved")
                                .arg(id)
                                .arg(before.expiresAt->toString(Qt::ISODate)));
            if (const QString problem = approvalProblem(before); !problem.isEmpty())
                return fail(problem);
        }
        changeStatus(before, status, who, why);
        transaction.commit();
        return true;
    } catch (const StoreError &error) {
        return fail(error.message());
    }
}

bool DecisionStore::update(const Decision &decision, const QString &actor, const QString &why) {
    m_error.clear();
    if (const QString problem = DecisionValidator(m_kb).problem(decision, QDate::currentDate());
        !problem.isEmpty())
        return fail(problem);
    const QString who = actor.isEmpty() ? AuditLog::currentActor() : actor;
    try {
        Transaction transaction(m_db);
        Decision before;
        if (!readDecision(m_db, decision.id, before))
            return fail(QStringLiteral("no decision %1 in %2").arg(decision.id).arg(m_db.path()));
        if (before.status != DecisionStatus::Proposed && before.status != DecisionStatus::Approved)
            return fail(QStringLiteral("decision %1 is %2: only proposed or approved decisions can be edited")
                            .arg(decision.id)
                            .arg(decisionStatusName(before.status)));
        Decision after = decision;
        after.author = before.author;
        after.createdAt = before.createdAt;
        after.updatedAt = QDateTime::currentDateTimeUtc();
        after.status = DecisionStatus::Proposed; // an edited decision is reviewed again
        if (after.title.trimmed().isEmpty())
            after.title = defaultTitle(after);
        Statement change = m_db.prepare(QStringLiteral(
            "UPDATE decisions SET title = ?1, action = ?2, note_id = ?3, rationale = ?4, updated_at = ?5, "
            "expires_at = ?6, review_at = ?7, status = ?8, verdict = ?9 WHERE id = ?10"));
        change.bind(1, after.title);
        change.bind(2, decisionActionName(after.action));
        change.bind(3, after.noteId.isEmpty() ? QString() : after.noteId);
        change.bind(4, after.rationale.isNull() ? QStringLiteral("") : after.rationale);
        change.bind(5, after.updatedAt.toString(Qt::ISODateWithMs));
        change.bind(6, dateText(after.expiresAt));
        change.bind(7, dateText(after.reviewAt));
        change.bind(8, decisionStatusName(after.status));
        change.bind(9, decisionVerdictName(after.verdict));
        change.bind(10, after.id);
        change.step();
        writeContent(after);
        SuppressionIndex(m_db, m_kb).refresh(after);
        audit(QStringLiteral("update"), &before, &after, who, why);
        transaction.commit();
        return true;
    } catch (const StoreError &error) {
        return fail(error.message());
    }
}

int DecisionStore::expireDue(const QDate &today, const QString &actor) {
    m_error.clear();
    const QString who = actor.isEmpty() ? AuditLog::currentActor() : actor;
    try {
        Transaction transaction(m_db);
        Statement due = m_db.prepare(QStringLiteral("SELECT id FROM decisions WHERE status IN ('proposed', "
                                                    "'approved') AND expires_at IS NOT NULL AND "
                                                    "expires_at < ?1 ORDER BY id"));
        due.bind(1, today.toString(Qt::ISODate));
        QList<qint64> ids;
        while (due.step())
            ids.append(due.columnInt64(0));
        for (const qint64 id : ids) {
            Decision before;
            readDecision(m_db, id, before);
            changeStatus(before, DecisionStatus::Expired, who,
                         QStringLiteral("the expiry date %1 passed").arg(dateText(before.expiresAt)));
        }
        transaction.commit();
        return int(ids.size());
    } catch (const StoreError &error) {
        fail(error.message());
        return -1;
    }
}

} // namespace tb
