#pragma once

#include "Decision.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace tb {

class Database;
class KnowledgeBase;

// Tuning decisions in a workspace (`decisions`, `decision_conditions`, `decision_scope`). Every
// change is one transaction with its audit_log row (before/after as decisionToJson) and the
// suppression marks it implies (SuppressionIndex). Errors come back as false + errorString().
//
// Status: proposed → approved | rejected; approved → retired; proposed or approved → expired (the
// expiry date passed). Editing an approved decision makes it proposed again. Approval is refused
// while DecisionImpact reports a blocking warning (it would hide a true positive or an event with
// strong counter-evidence).
class DecisionStore final {
public:
    DecisionStore(Database &db, const KnowledgeBase &kb);

    // Validates and stores a new decision as proposed; returns its id, or 0.
    qint64 create(Decision decision, const QString &actor = {});
    bool load(qint64 id, Decision &decision);
    // Newest first; only one status when given.
    bool list(QList<Decision> &decisions, std::optional<DecisionStatus> status = std::nullopt);
    // Replaces the content (condition, scope, action, verdict, note, rationale, title, dates) of a
    // proposed or approved decision; its id, author and creation time stay.
    bool update(const Decision &decision, const QString &actor = {}, const QString &why = {});
    bool setStatus(qint64 id, DecisionStatus status, const QString &actor = {}, const QString &why = {});
    // Proposed and approved decisions whose expiry date is before `today` become expired; returns
    // how many, or -1.
    int expireDue(const QDate &today, const QString &actor = {});

    static bool isAllowedTransition(DecisionStatus from, DecisionStatus to);
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &error);
    void writeContent(const Decision &decision);
    // The status change itself: the row, the suppression marks, the audit entry (caller's transaction).
    void changeStatus(const Decision &before, DecisionStatus status, const QString &actor,
                      const QString &why);
    void audit(const QString &action, const Decision *before, const Decision *after, const QString &actor,
               const QString &why);
    QString approvalProblem(const Decision &decision);

    Database &m_db;
    const KnowledgeBase &m_kb;
    QString m_error;
};

} // namespace tb
