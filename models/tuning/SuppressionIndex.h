#pragma once

#include "Decision.h"

#include <QList>
#include <QString>

namespace tb {

class Database;
class KnowledgeBase;

// Keeps `event_suppressions`: which approved suppress decision hides which event. A decision's
// marks are redone in the transaction that changes its status or content (DecisionStore); all
// marks are redone when events, the analyst's settings or the rule catalog changed since (a
// stamp in workspace_settings says so). The event table shows or hides events with the SQL below.
class SuppressionIndex final {
public:
    SuppressionIndex(Database &db, const KnowledgeBase &kb);

    // Marks the events the decision selects if it is an approved suppress decision, and removes its
    // other marks. In the caller's transaction; throws StoreError.
    void refresh(const Decision &decision);
    // True when events, settings or the catalog changed since all marks were last redone.
    bool isStale() { return isStale(0); }
    // Redoes every mark when stale, in the caller's transaction or one of its own; false + error.
    bool updateIfStale(QString *error);

    // SQL conditions over `events` for a table that hides or shows only suppressed events.
    static QString notSuppressedSql();
    static QString suppressedSql();
    // The decisions that suppress one event, lowest id first. Throws StoreError.
    QList<qint64> decisionsSuppressing(qint64 eventId);
    qint64 suppressedEventCount(); // throws StoreError

private:
    QString stamp();
    void saveStamp();
    bool isStale(qint64 ignoredDecision);
    void markDecision(const Decision &decision);
    void refreshAll();

    Database &m_db;
    const KnowledgeBase &m_kb;
};

} // namespace tb
