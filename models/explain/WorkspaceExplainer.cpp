#include "WorkspaceExplainer.h"

#include "ExplanationEngine.h"
#include "ingest/JsonText.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "workspace/WorkspaceSettings.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace tb {

namespace {

// Distinct hosts per task name and per task action, with per-user and per-version parts folded.
void countHosts(Database &db, QHash<QString, int> &taskHosts, QHash<QString, int> &actionHosts) {
    QHash<QString, QSet<QString>> tasks, actions;
    Statement query = db.prepare(QStringLiteral("SELECT DISTINCT task_name, task_action, host FROM events"));
    while (query.step()) {
        const QString host = query.columnText(2);
        if (!query.isNull(0))
            tasks[prevalenceKey(query.columnText(0))].insert(host);
        if (!query.isNull(1))
            actions[prevalenceKey(query.columnText(1))].insert(host);
    }
    for (auto it = tasks.cbegin(); it != tasks.cend(); ++it)
        taskHosts.insert(it.key(), int(it->size()));
    for (auto it = actions.cbegin(); it != actions.cend(); ++it)
        actionHosts.insert(it.key(), int(it->size()));
}

QString evidenceJson(const QList<EvidenceHit> &hits) {
    // Written directly: QJsonDocument costs several allocations per key and this runs per event.
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < hits.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += QStringLiteral("{\"id\":");
        appendJsonString(out, hits[i].id);
        out += QStringLiteral(",\"sentence\":");
        appendJsonString(out, hits[i].sentence);
        out += QStringLiteral(",\"points\":") + QString::number(hits[i].points) + QLatin1Char('}');
    }
    return out + QLatin1Char(']');
}

} // namespace

WorkspaceExplainer::WorkspaceExplainer(Database &db, const KnowledgeBase &kb)
    : m_db(db)
    , m_kb(kb) {}

QString WorkspaceExplainer::stamp() {
    return QStringLiteral("engine-%1/").arg(ExplanationEngine::Version) + m_kb.version() + QLatin1Char('/') +
           WorkspaceSettings::digest(WorkspaceSettings::load(m_db));
}

bool WorkspaceExplainer::isStale() {
    const QString stored =
        m_db.queryText(QStringLiteral("SELECT value FROM workspace_settings WHERE key = 'explained_with'"));
    const qint64 unexplained = m_db.queryInt(QStringLiteral(
        "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_assessments)"));
    return stored != stamp() || unexplained > 0;
}

WorkspaceExplainer::Result WorkspaceExplainer::runIfStale(const Progress &progress) {
    try {
        if (!isStale())
            return {true, false, m_db.queryInt(QStringLiteral("SELECT count(*) FROM events")), 0, {}};
    } catch (const StoreError &error) {
        return {false, false, 0, 0, error.message()};
    }
    return run(progress);
}

WorkspaceExplainer::Result WorkspaceExplainer::run(const Progress &progress) {
    Result result;
    try {
        const ConditionSettings settings = WorkspaceSettings::load(m_db);
        const ExplanationEngine engine(m_kb, settings);
        const QString explainedWith = stamp();
        Transaction transaction(m_db);
        m_kb.installInto(m_db);
        m_db.exec(QStringLiteral("DELETE FROM event_explanations; DELETE FROM event_assessments;"));

        QHash<QString, int> taskHosts, actionHosts;
        countHosts(m_db, taskHosts, actionHosts);
        const int workspaceHosts =
            int(m_db.queryInt(QStringLiteral("SELECT count(DISTINCT host) FROM events")));
        result.events = m_db.queryInt(QStringLiteral("SELECT count(*) FROM events"));

        QString columns = QStringLiteral("id");
        for (const EventFieldInfo &info : eventFields())
            columns += QStringLiteral(", ") + QLatin1String(info.column);
        Statement events = m_db.prepare(QStringLiteral("SELECT %1 FROM events").arg(columns));
        Statement assessment =
            m_db.prepare(QStringLiteral("INSERT INTO event_assessments (event_id, fp_likelihood, "
                                        "counter_evidence, computed_at) VALUES (?1, ?2, ?3, ?4)"));
        Statement explanation =
            m_db.prepare(QStringLiteral("INSERT INTO event_explanations (event_id, note_id, rank, score, "
                                        "evidence) VALUES (?1, ?2, ?3, ?4, ?5)"));
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);

        // Events equal on every field the engine reads get the same explanation: compute it once.
        struct Stored {
            int likelihood;
            QString counter;
            QList<QPair<QString, QPair<int, QString>>> notes; // note, (score, evidence JSON)
        };
        QHash<QString, Stored> memo;
        constexpr qsizetype MemoLimit = 20000;
        NormalizedEvent event;
        qint64 done = 0;
        QElapsedTimer sinceReport;
        sinceReport.start();
        while (events.step()) {
            const qint64 id = events.columnInt64(0);
            for (int f = 0; f < eventFieldCount; ++f)
                event.fields[size_t(f)] = events.columnText(f + 1);
            QString key;
            for (EventField f : engine.fieldsRead())
                key += event.value(f) + QChar(0x1f);
            auto it = memo.find(key);
            if (it == memo.end()) {
                const QString taskName = prevalenceKey(event.value(EventField::TaskName));
                const QString action = prevalenceKey(event.value(EventField::TaskAction));
                const Prevalence prevalence{taskName.isEmpty() ? 0 : taskHosts.value(taskName),
                                            action.isEmpty() ? 0 : actionHosts.value(action), workspaceHosts};
                const Explanation e = engine.explain(event, prevalence);
                Stored stored{e.fpLikelihood, evidenceJson(e.counterEvidence), {}};
                for (qsizetype i = 0; i < e.notes.size() && i < KeptNotes; ++i)
                    stored.notes.append(
                        {e.notes[i].noteId, {e.notes[i].score, evidenceJson(e.notes[i].evidence)}});
                // Bounded memory: most repeats are close together (the same task on many hosts).
                if (memo.size() >= MemoLimit)
                    memo.clear();
                it = memo.insert(key, stored);
            }
            assessment.bind(1, id);
            assessment.bind(2, qint64(it->likelihood));
            assessment.bind(3, it->counter);
            assessment.bind(4, now);
            assessment.step();
            assessment.reset();
            for (qsizetype rank = 0; rank < it->notes.size(); ++rank) {
                explanation.bind(1, id);
                explanation.bind(2, it->notes[rank].first);
                explanation.bind(3, qint64(rank + 1));
                explanation.bind(4, qint64(it->notes[rank].second.first));
                explanation.bind(5, it->notes[rank].second.second);
                explanation.step();
                explanation.reset();
            }
            ++done;
            if (progress && sinceReport.elapsed() >= 100) {
                sinceReport.restart();
                if (!progress(done, result.events)) {
                    result.cancelled = true;
                    result.error = QStringLiteral("cancelled by the analyst");
                    return result; // the transaction rolls back
                }
            }
        }
        Statement stampQuery = m_db.prepare(
            QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES ('explained_with', ?1) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        stampQuery.bind(1, explainedWith);
        stampQuery.step();
        transaction.commit();
        result.distinct = memo.size();
        result.ok = true;
    } catch (const StoreError &error) {
        result.error = error.message();
    }
    return result;
}

} // namespace tb
