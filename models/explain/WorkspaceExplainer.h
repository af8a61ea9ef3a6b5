#pragma once

#include <QString>

#include <functional>

namespace tb {

class Database;
class KnowledgeBase;

// Explains every event of a workspace and stores the result in one transaction: each distinct
// explanation once (explanation_sets with its ranked explanation_set_notes), and for each event one
// event_assessments row naming its set. Re-runs when the knowledge base or the analyst's settings
// changed since the last run.
class WorkspaceExplainer final {
public:
    struct Result {
        bool ok = false;
        bool cancelled = false;
        qint64 events = 0;
        qint64 distinct = 0; // distinct explanations: each was stored once
        QString error;
        // Where the time went, in milliseconds (the benchmark prints these).
        qint64 clearMs = 0;  // installing the knowledge base, deleting the previous results
        qint64 readMs = 0;   // reading the events, finding their evidence, counting prevalence
        qint64 scoreMs = 0;  // merging what the reading threads found
        qint64 writeMs = 0;  // scoring, writing assessments and explanations
        qint64 indexMs = 0;  // building the assessments' indexes again
        qint64 commitMs = 0; // committing
        // The CPU time of the same phases, all threads together.
        qint64 clearCpuMs = 0, readCpuMs = 0, scoreCpuMs = 0, writeCpuMs = 0, indexCpuMs = 0, commitCpuMs = 0;
    };
    // (done, total); return false to cancel (nothing is written then).
    using Progress = std::function<bool(qint64, qint64)>;

    WorkspaceExplainer(Database &db, const KnowledgeBase &kb);

    // True when stored explanations were made with another knowledge base or other settings.
    bool isStale();
    Result run(const Progress &progress = {});
    Result runIfStale(const Progress &progress = {});

    // How many threads read and find (default 0: one per core); the results do not depend on it.
    void setReadingThreads(int threads) { m_readingThreads = threads; }

    // How many explanation rows to keep per event (the detail pane shows these).
    static constexpr int KeptNotes = 5;

private:
    QString stamp();

    Database &m_db;
    const KnowledgeBase &m_kb;
    int m_readingThreads = 0;
};

} // namespace tb
