#include "WorkspaceExplainer.h"

#include "BulkFinder.h"
#include "ExplanationEngine.h"
#include "knowledge/KnowledgeBase.h"
#include "MappedReadVfs.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "workspace/WorkspaceSettings.h"
#include "workspace/WorkspaceStamp.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>

#include <sys/resource.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace tb {

namespace {

// What the workspace was last explained with (WorkspaceExplainer::stamp()).
const QString stampKey = QStringLiteral("explained_with");

// The events are read in rowid ranges, this many per reading thread, taken in turn: a thread that
// the shared machine slows down takes fewer ranges instead of holding the others up.
constexpr qint64 ChunksPerReader = 16;

// What a reading thread made of the events of one rowid range.
struct Chunk {
    int reader = -1; // whose BulkFinder table `findings` index
    std::vector<qint64> ids;
    std::vector<quint32> findings;
    std::vector<PrevalenceKeys> keys;
};

// Reads the events in rowid ranges on `readers` threads: the caller's thread on the workspace's
// connection, the others each on a read-only connection of its own (the caller holds the write
// transaction, so they see the same events). Each reading thread finds each event's evidence and
// prevalence keys straight from SQLite's row, with a BulkFinder of its own (caches and compiled
// regexes are per thread). One thread reading for the others bounded the phase, and the copies of
// the values it handed over cost a tenth of it.
class ParallelReading final {
public:
    ParallelReading(Database &db, const ExplanationEngine &engine, const KnowledgeBase &kb, int readers) {
        for (int i = 0; i < readers; ++i)
            m_finders.push_back(std::make_unique<BulkFinder>(engine, kb));
        m_sql = QStringLiteral("SELECT id");
        for (EventField f : m_finders.front()->fields())
            m_sql += QStringLiteral(", ") + eventFieldColumn(f);
        m_sql += QStringLiteral(" FROM events WHERE id BETWEEN ?1 AND ?2");
        // Two queries: SQLite finds min() or max() of a rowid at one end of the table, both at once
        // by a full scan.
        Statement first = db.prepare(QStringLiteral("SELECT min(id) FROM events"));
        Statement end = db.prepare(QStringLiteral("SELECT max(id) FROM events"));
        first.step();
        end.step();
        m_first = first.columnInt64(0);
        const qint64 last = end.columnInt64(0);
        if (!first.isNull(0)) {
            m_ids = last - m_first + 1;
            const qint64 count = std::min(last - m_first + 1, qint64(readers) * ChunksPerReader);
            m_chunkIds = (last - m_first + count) / count;
            m_chunks.resize(size_t((last - m_first + m_chunkIds) / m_chunkIds));
        }
    }

    // Called with each chunk read, by the thread that read it (its BulkFinder holds the chunk's
    // findings), one call at a time.
    using ChunkRead = std::function<void(const Chunk &, const BulkFinder &)>;

    // Reads every event; `keepGoing(rowsRead)` is asked on the caller's thread, now and then, and
    // false stops every thread (returns false). Throws StoreError when a thread failed.
    // With `ownConnections` (the workspace is in WAL mode), every thread reads through a read-only
    // connection of its own that maps the whole file; else the caller's thread reads alone on `db`.
    bool run(Database &db, bool ownConnections, const std::function<bool(qint64)> &keepGoing,
             const ChunkRead &chunkRead) {
        m_chunkRead = chunkRead;
        std::vector<std::thread> helpers;
        for (size_t i = 1; ownConnections && i < m_finders.size(); ++i) {
            helpers.emplace_back([this, i, path = db.path()] {
                Database own;
                try {
                    own = openReader(path);
                } catch (const StoreError &) {
                    return; // it takes no range: the others read them all
                }
                try {
                    read(own, int(i), {});
                } catch (const StoreError &error) {
                    std::lock_guard lock(m_errorMutex);
                    m_error = error.message();
                    m_stop = true;
                }
            });
        }
        Database own;
        if (ownConnections) {
            try {
                own = openReader(db.path());
            } catch (const StoreError &) {
                // the workspace's own connection reads as well, only slower past the first 2 GiB
            }
        }
        try {
            read(own.isOpen() ? own : db, 0, keepGoing);
        } catch (const StoreError &) {
            m_stop = true;
            for (std::thread &t : helpers)
                t.join();
            throw;
        }
        for (std::thread &t : helpers)
            t.join();
        if (!m_error.isEmpty())
            throw StoreError(m_error);
        return !m_cancelled;
    }

    const BulkFinder &finder(int reader) const { return *m_finders[size_t(reader)]; }
    const std::vector<Chunk> &chunks() const { return m_chunks; }
    // How many ids the events span (their number when none was deleted: counting them took longer).
    qint64 ids() const { return m_ids; }
    qint64 rowsRead() const { return m_read; }

    static constexpr qint64 MappedBytes = 2147418112; // SQLite's ceiling for mmap_size

private:
    static Database openReader(const QString &path) {
        Database db = Database::open(mappedReadOnlyUri(path), Database::Mode::ReadOnly);
        db.exec(QStringLiteral("PRAGMA mmap_size = %1; BEGIN").arg(MappedBytes));
        return db;
    }
    void read(Database &db, int reader, const std::function<bool(qint64)> &keepGoing) {
        BulkFinder &finder = *m_finders[size_t(reader)];
        const size_t fieldCount = finder.fields().size();
        std::vector<std::string_view> values(fieldCount);
        Statement events = db.prepare(m_sql);
        for (size_t next; !m_stop && (next = m_next++) < m_chunks.size();) {
            Chunk &chunk = m_chunks[next];
            chunk.reader = reader;
            chunk.ids.reserve(size_t(m_chunkIds)); // ids are dense after imports: no regrowing
            chunk.findings.reserve(size_t(m_chunkIds));
            chunk.keys.reserve(size_t(m_chunkIds));
            const qint64 from = m_first + qint64(next) * m_chunkIds;
            events.bind(1, from);
            events.bind(2, from + m_chunkIds - 1);
            while (events.step()) {
                chunk.ids.push_back(events.columnInt64(0));
                for (size_t f = 0; f < fieldCount; ++f)
                    values[f] = events.columnUtf8(int(f) + 1);
                finder.prepare(values.data());
                chunk.keys.push_back(finder.prevalenceKeys(values.data()));
                chunk.findings.push_back(finder.find(values.data()));
                const qint64 read = ++m_read;
                if (keepGoing && !keepGoing(read)) {
                    m_cancelled = m_stop = true;
                    break;
                }
                if (m_stop)
                    break;
            }
            events.reset();
            if (!m_stop) {
                std::lock_guard lock(m_chunkReadMutex);
                m_chunkRead(chunk, finder);
            }
        }
    }

    std::vector<std::unique_ptr<BulkFinder>> m_finders;
    QString m_sql;
    qint64 m_first = 0;
    qint64 m_ids = 0;
    qint64 m_chunkIds = 1; // ids per chunk
    std::vector<Chunk> m_chunks;
    std::atomic<size_t> m_next{0};
    std::atomic<qint64> m_read{0};
    std::atomic<bool> m_stop{false};
    bool m_cancelled = false;
    ChunkRead m_chunkRead;
    std::mutex m_chunkReadMutex;
    std::mutex m_errorMutex;
    QString m_error;
};

// Wall and CPU milliseconds (all threads of the process) of each phase of a run. The machine is
// shared: under load a phase's wall time stretches, its CPU time much less.
class PhaseClock final {
public:
    PhaseClock() {
        m_wall.start();
        m_cpuMs = cpuMs();
    }
    // The time since the last call (or since construction) into `wallMs` and `cpuMsOut`.
    void lap(qint64 &wallMs, qint64 &cpuMsOut) {
        wallMs = m_wall.restart();
        const qint64 now = cpuMs();
        cpuMsOut = now - m_cpuMs;
        m_cpuMs = now;
    }

private:
    static qint64 cpuMs() {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        return (qint64(usage.ru_utime.tv_sec) + usage.ru_stime.tv_sec) * 1000 +
               (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
    }
    QElapsedTimer m_wall;
    qint64 m_cpuMs = 0;
};

// How many rows ahead the loops over every event prefetch what they will look up.
constexpr size_t PrefetchRows = 8;

struct FindingsHash {
    size_t operator()(const EventFindings &f) const {
        return std::hash<const void *>()(f.rule) ^
               (std::hash<std::bitset<EventFindings::MaxChecks>>()(f.evidence) * 31) ^
               (std::hash<std::bitset<EventFindings::MaxChecks>>()(f.software) * 131);
    }
};

// Distinct hosts per folded task name, task action and command line, and in the workspace.
class HostCounts final {
public:
    void add(const PrevalenceKeys &keys) {
        // An event without a host (a Kubernetes audit record, a notable without `dest`) shows no host
        // a task runs on; counted, it added a phantom host to every task, action and command it has.
        if (keys.hasHost && keys.hasTaskName)
            count(m_tasks, keys.taskName, keys.host);
        if (keys.hasHost && keys.hasTaskAction)
            count(m_actions, keys.taskAction, keys.host);
        if (keys.hasHost && keys.hasCommandLine)
            count(m_commands, keys.commandLine, keys.host);
        if (!keys.hostIsNull && !m_hosts.find(keys.host))
            m_hosts.insert(keys.host, 1); // count(DISTINCT host) leaves NULL out
    }
    // Fetches what add(keys) will look up into the CPU's cache: called some rows ahead, so that the
    // misses of the big maps (a million command lines) overlap instead of stalling one by one.
    void prefetchAdd(const PrevalenceKeys &keys) const {
        if (keys.hasHost && keys.hasTaskName)
            m_tasks.pairs.prefetch(pairOf(keys.taskName, keys.host));
        if (keys.hasHost && keys.hasTaskAction)
            m_actions.pairs.prefetch(pairOf(keys.taskAction, keys.host));
        if (keys.hasHost && keys.hasCommandLine) {
            m_commands.pairs.prefetch(pairOf(keys.commandLine, keys.host));
            m_commands.hosts.prefetch(keys.commandLine);
        }
    }
    void prefetchPrevalence(const PrevalenceKeys &keys) const {
        if (keys.hasTaskName)
            m_tasks.hosts.prefetch(keys.taskName);
        if (keys.hasCommandLine)
            m_commands.hosts.prefetch(keys.commandLine);
    }
    Prevalence prevalence(const PrevalenceKeys &keys) const {
        Prevalence p;
        p.taskNameHosts = keys.hasTaskName ? value(m_tasks, keys.taskName) : 0;
        p.taskActionHosts = keys.hasTaskAction ? value(m_actions, keys.taskAction) : 0;
        p.commandLineHosts = keys.hasCommandLine ? value(m_commands, keys.commandLine) : 0;
        p.workspaceHosts = int(m_hosts.size());
        p.hasTaskName = keys.chosenTaskName;
        p.hasHost = keys.hasHost;
        return p;
    }

private:
    struct Counts {
        ValueHashMap<int> hosts{size_t(-1)};
        ValueHashMap<char> pairs{size_t(-1)}; // (key, host) seen
    };
    static ValueHash pairOf(const ValueHash &key, const ValueHash &host) {
        const ValueHash pair[2] = {key, host};
        return valueHash(pair, sizeof pair);
    }
    static void count(Counts &counts, const ValueHash &key, const ValueHash &host) {
        const ValueHash seen = pairOf(key, host);
        if (counts.pairs.find(seen))
            return;
        counts.pairs.insert(seen, 1);
        if (int *n = counts.hosts.find(key))
            ++*n;
        else
            counts.hosts.insert(key, 1);
    }
    static int value(const Counts &counts, const ValueHash &key) {
        const int *n = counts.hosts.find(key);
        return n ? *n : 0;
    }
    Counts m_tasks, m_actions, m_commands;
    ValueHashMap<char> m_hosts{size_t(-1)};
};

// The task-scoped counter-evidence of all alerts about each task: a chosen task name (folded) on the
// machine it lives on. Not across machines: attackers reuse legitimate tasks' names, and one
// masquerading copy must not taint the real task on every other host.
class TaskCounters final {
public:
    using Bits = std::bitset<EventFindings::MaxChecks>;
    void add(const PrevalenceKeys &keys, const Bits &counters) {
        if (!keys.chosenTaskName || counters.none())
            return;
        if (quint32 *id = m_byTask.find(keys.taskOnHost))
            *id = intern(m_sets[*id] | counters);
        else
            m_byTask.insert(keys.taskOnHost, intern(counters));
    }
    void prefetch(const PrevalenceKeys &keys) const {
        if (keys.chosenTaskName)
            m_byTask.prefetch(keys.taskOnHost);
    }
    // An id for the set (0: none) and the set itself.
    quint32 of(const PrevalenceKeys &keys) const {
        const quint32 *id = keys.chosenTaskName ? m_byTask.find(keys.taskOnHost) : nullptr;
        return id ? *id : 0;
    }
    const Bits &set(quint32 id) const { return m_sets[id]; }

private:
    quint32 intern(const Bits &bits) {
        auto [it, inserted] = m_ids.try_emplace(bits, quint32(m_sets.size()));
        if (inserted)
            m_sets.push_back(bits);
        return it->second;
    }
    ValueHashMap<quint32> m_byTask{size_t(-1)};
    std::vector<Bits> m_sets{Bits()};
    std::unordered_map<Bits, quint32> m_ids{{Bits(), 0}};
};

// Evidence as stored: ids and points (and the host count a prevalence sentence names). The
// sentences are rendered on reading (ExplanationEngine::sentence): they quote the event's own
// values, and storing them made a million-event workspace write gigabytes.
QByteArray evidenceJson(const QList<EvidenceHit> &hits) {
    QByteArray out = "[";
    for (qsizetype i = 0; i < hits.size(); ++i) {
        if (i > 0)
            out += ',';
        out += "{\"id\":\"" + hits[i].id.toUtf8() + "\",\"points\":" + QByteArray::number(hits[i].points);
        if (hits[i].hosts > 0)
            out += ",\"hosts\":" + QByteArray::number(hits[i].hosts);
        out += '}';
    }
    return out + ']';
}

// A connection setting changed for one run and restored afterwards (it is set before the run's
// transaction: foreign_keys cannot change inside one). Used for three:
// - foreign_keys OFF: every row written names an event just read and a note just installed in
//   the same transaction, and the two look-ups per row were half the cost of writing;
// - mmap_size: a million events are gigabytes, and copying each page out of the kernel with pread
//   was a third of the reading time. The map is address space, not memory;
// - secure_delete OFF (Debian builds SQLite with it on): the previous results and the dropped
//   indexes are derived data, rewritten at once, and zeroing their pages cost more than deleting.
class ScopedPragma final {
public:
    ScopedPragma(Database &db, const QString &name, qint64 value)
        : m_db(db)
        , m_name(name)
        , m_previous(db.queryInt(QStringLiteral("PRAGMA ") + name)) {
        if (m_previous != value)
            set(value);
    }
    ~ScopedPragma() {
        try {
            set(m_previous);
        } catch (const StoreError &) {
            // A destructor cannot report; opening the workspace again sets the defaults again.
        }
    }
    ScopedPragma(const ScopedPragma &) = delete;
    ScopedPragma &operator=(const ScopedPragma &) = delete;

private:
    void set(qint64 value) { m_db.exec(QStringLiteral("PRAGMA %1 = %2").arg(m_name).arg(value)); }

    Database &m_db;
    QString m_name;
    qint64 m_previous;
};

// Drops a table's indexes and builds them again after the table was refilled: one sort each instead
// of a B-tree descent per row written (the sqlite3 shell writes a million event_assessments rows
// with 40 % less CPU). The statements come from the schema, so an index added later is kept too;
// an error or a cancellation rolls the drop back with the transaction.
class RebuiltIndexes final {
public:
    RebuiltIndexes(Database &db, const QString &table)
        : m_db(db) {
        Statement indexes = db.prepare(QStringLiteral("SELECT name, sql FROM sqlite_schema WHERE type = "
                                                      "'index' AND tbl_name = ?1 AND sql IS NOT NULL"));
        indexes.bind(1, table);
        while (indexes.step())
            m_indexes.append({indexes.columnText(0), indexes.columnText(1)});
        for (const auto &[name, sql] : m_indexes)
            db.exec(QStringLiteral("DROP INDEX \"%1\"").arg(name));
    }
    void rebuild() {
        for (const auto &[name, sql] : m_indexes)
            m_db.exec(sql);
    }

private:
    Database &m_db;
    QList<std::pair<QString, QString>> m_indexes;
};

// Writes each distinct explanation once (explanation_sets and its ranked explanation_set_notes)
// and gives back its id. Distinct by content: two (findings, prevalence) keys that score alike
// share one set.
class ExplanationSets final {
public:
    ExplanationSets(Database &db, const QByteArray &computedAt)
        : m_set(db.prepare(QStringLiteral(
              "INSERT INTO explanation_sets (id, fp_likelihood, counter_evidence, counter_points, "
              "top_note_id, computed_at, likelihood_terms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
        , m_note(db.prepare(QStringLiteral("INSERT INTO explanation_set_notes (set_id, rank, note_id, score, "
                                           "evidence) VALUES (?1, ?2, ?3, ?4, ?5)")))
        , m_computedAt(computedAt) {}

    qint64 add(const Explanation &e, int keptNotes) {
        const QByteArray counter = evidenceJson(e.counterEvidence);
        const QByteArray terms = evidenceJson(e.likelihoodBreakdown);
        QByteArray content = QByteArray::number(e.fpLikelihood) + '\n' + counter + '\n' + terms + '\n';
        std::vector<std::pair<QByteArray, QByteArray>> notes; // id, evidence
        for (qsizetype i = 0; i < e.notes.size() && i < keptNotes; ++i) {
            notes.emplace_back(e.notes[i].noteId.toUtf8(), evidenceJson(e.notes[i].evidence));
            content += notes.back().first + '\t' + QByteArray::number(e.notes[i].score) + '\t' +
                       notes.back().second + '\n';
        }
        const ValueHash digest = valueHash(content.constData(), size_t(content.size()));
        if (const qint64 *id = m_ids.find(digest))
            return *id;
        const qint64 id = qint64(m_ids.size()) + 1;
        int counterPoints = 0;
        for (const EvidenceHit &hit : e.counterEvidence)
            counterPoints += hit.points;
        m_set.bind(1, id);
        m_set.bind(2, qint64(e.fpLikelihood));
        m_set.bind(3, std::string_view(counter.constData(), size_t(counter.size())));
        m_set.bind(4, qint64(counterPoints));
        if (notes.empty())
            m_set.bindNull(5);
        else
            m_set.bind(5,
                       std::string_view(notes.front().first.constData(), size_t(notes.front().first.size())));
        m_set.bindStatic(6, m_computedAt);
        m_set.bind(7, std::string_view(terms.constData(), size_t(terms.size())));
        m_set.step();
        m_set.reset();
        for (size_t rank = 0; rank < notes.size(); ++rank) {
            m_note.bind(1, id);
            m_note.bind(2, qint64(rank + 1));
            m_note.bind(3, std::string_view(notes[rank].first.constData(), size_t(notes[rank].first.size())));
            m_note.bind(4, qint64(e.notes[qsizetype(rank)].score));
            m_note.bind(5,
                        std::string_view(notes[rank].second.constData(), size_t(notes[rank].second.size())));
            m_note.step();
            m_note.reset();
        }
        m_ids.insert(digest, id);
        return id;
    }
    qint64 count() const { return qint64(m_ids.size()); }

private:
    Statement m_set, m_note;
    QByteArray m_computedAt;
    ValueHashMap<qint64> m_ids{size_t(-1)};
};

// What every event with the same findings and prevalence gets: its set, and the copies of the set's
// likelihood and top note that its event_assessments row keeps for sorting and filtering.
struct Stored {
    qint64 setId = 0;
    int likelihood = 0;
    QByteArray topNote; // empty: no note
};

// Writes the event_assessments rows RowsPerInsert at a time: a statement run per row cost as much
// as the rows themselves.
class AssessmentWriter final {
public:
    explicit AssessmentWriter(Database &db)
        : m_many(db.prepare(sql(RowsPerInsert)))
        , m_one(db.prepare(sql(1))) {}

    // `stored` must stay where it is until finish().
    void add(qint64 eventId, const Stored &stored) {
        m_rows.push_back({eventId, &stored});
        if (m_rows.size() == RowsPerInsert) {
            write(m_many, 0, RowsPerInsert);
            m_rows.clear();
        }
    }
    void finish() {
        for (size_t i = 0; i < m_rows.size(); ++i)
            write(m_one, i, 1);
        m_rows.clear();
    }

private:
    static constexpr size_t RowsPerInsert = 64;
    static QString sql(size_t rows) {
        QString values;
        for (size_t i = 0; i < rows; ++i)
            values += (i ? QStringLiteral(", ") : QString()) + QStringLiteral("(?, ?, ?, ?)");
        return QStringLiteral("INSERT INTO event_assessments (event_id, set_id, fp_likelihood, top_note_id) "
                              "VALUES ") +
               values;
    }
    void write(Statement &statement, size_t from, size_t count) {
        for (size_t i = 0; i < count; ++i) {
            const auto &[id, s] = m_rows[from + i];
            const int column = int(i) * 4;
            statement.bind(column + 1, id);
            statement.bind(column + 2, s->setId);
            statement.bind(column + 3, qint64(s->likelihood));
            if (s->topNote.isEmpty())
                statement.bindNull(column + 4);
            else
                statement.bindStatic(column + 4, s->topNote);
        }
        statement.step();
        statement.reset();
    }

    Statement m_many, m_one;
    std::vector<std::pair<qint64, const Stored *>> m_rows;
};

} // namespace

WorkspaceExplainer::WorkspaceExplainer(Database &db, const KnowledgeBase &kb)
    : m_db(db)
    , m_kb(kb) {}

QString WorkspaceExplainer::stamp() {
    return QStringLiteral("engine-%1/").arg(ExplanationEngine::Version) + m_kb.version() + QLatin1Char('/') +
           WorkspaceSettings::digest(WorkspaceSettings::load(m_db));
}

bool WorkspaceExplainer::isStale() {
    const QString stored = WorkspaceStamp::read(m_db, stampKey);
    if (stored != stamp())
        return true;
    // Every assessment names an event (deleting an event deletes its assessment), so equal counts
    // mean every event is explained: two counts, where looking each event up took a second for a
    // million of them right after their import.
    return m_db.queryInt(QStringLiteral("SELECT count(*) FROM events")) !=
           m_db.queryInt(QStringLiteral("SELECT count(*) FROM event_assessments"));
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
        // As for an import: a big batch touches its index pages many times.
        m_db.exec(QStringLiteral("PRAGMA cache_size = -32768"));
        const ScopedPragma mapped(m_db, QStringLiteral("mmap_size"), ParallelReading::MappedBytes);
        const ScopedPragma foreignKeys(m_db, QStringLiteral("foreign_keys"), 0);
        const ScopedPragma zeroing(m_db, QStringLiteral("secure_delete"), 0);
        QElapsedTimer sinceReport;
        PhaseClock phase;
        Transaction transaction(m_db);
        m_kb.installInto(m_db);
        m_db.exec(QStringLiteral("DELETE FROM event_assessments; DELETE FROM explanation_set_notes; "
                                 "DELETE FROM explanation_sets;"));
        phase.lap(result.clearMs, result.clearCpuMs);
        sinceReport.start();
        auto cancelled = [&](qint64 done) {
            if (!progress || sinceReport.elapsed() < 100)
                return false;
            sinceReport.restart();
            if (progress(done, result.events))
                return false;
            result.cancelled = true;
            result.error = QStringLiteral("cancelled by the analyst");
            return true; // the transaction rolls back
        };

        // 1. Read every event once, finding what each shows and its prevalence keys on every core.
        //    Helper connections need WAL (readers beside the writer); otherwise the caller reads alone.
        const bool wal = m_db.queryText(QStringLiteral("PRAGMA journal_mode")) == QLatin1String("wal");
        // Past a few threads, each one's caches cost more memory than its share of the work saves.
        const int workers = wal ? std::max(1, m_readingThreads > 0 ? m_readingThreads
                                                                   : std::min(8, QThread::idealThreadCount()))
                                : 1;
        ParallelReading reading(m_db, engine, m_kb, workers);
        result.events = reading.ids(); // what progress counts to until every event was read
        // Prevalence is counted as the chunks come (in any order: hosts are counted as sets, what
        // a task's alerts show as a union), not in a pass of its own after the last one.
        HostCounts hosts;
        TaskCounters taskCounters;
        auto count = [&](const Chunk &chunk, const BulkFinder &finder) {
            for (size_t row = 0; row < chunk.ids.size(); ++row) {
                if (row + PrefetchRows < chunk.ids.size())
                    hosts.prefetchAdd(chunk.keys[row + PrefetchRows]);
                hosts.add(chunk.keys[row]);
                taskCounters.add(chunk.keys[row], engine.taskCounters(finder.table()[chunk.findings[row]]));
            }
        };
        if (!reading.run(
                m_db, wal, [&](qint64 read) { return !cancelled(read / 2); }, count))
            return result;
        result.events = reading.rowsRead();
        phase.lap(result.readMs, result.readCpuMs);

        // 2. One table of distinct findings for all threads.
        std::vector<EventFindings> findings;
        std::vector<std::vector<quint32>> globalIndex(static_cast<size_t>(workers));
        std::unordered_map<EventFindings, quint32, FindingsHash> findingsIndex;
        for (int w = 0; w < workers; ++w) {
            for (const EventFindings &f : reading.finder(w).table()) {
                auto [it, inserted] = findingsIndex.try_emplace(f, quint32(findings.size()));
                if (inserted)
                    findings.push_back(f);
                globalIndex[size_t(w)].push_back(it->second);
            }
        }
        phase.lap(result.scoreMs, result.scoreCpuMs);
        // 3. Score once per distinct findings and prevalence, store each distinct result once; one
        //    row an event names its result.
        const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
        ExplanationSets sets(m_db, now);
        RebuiltIndexes indexes(m_db, QStringLiteral("event_assessments"));
        AssessmentWriter assessments(m_db);
        std::deque<Stored> stored; // AssessmentWriter keeps pointers to these
        ValueHashMap<quint32> storedIndex(size_t(-1));
        qint64 written = 0;
        for (const Chunk &b : reading.chunks()) {
            for (size_t row = 0; row < b.ids.size(); ++row) {
                if (row + PrefetchRows < b.ids.size()) {
                    hosts.prefetchPrevalence(b.keys[row + PrefetchRows]);
                    taskCounters.prefetch(b.keys[row + PrefetchRows]);
                }
                const PrevalenceKeys &keys = b.keys[row];
                const quint32 f = globalIndex[size_t(b.reader)][b.findings[row]];
                Prevalence prevalence = hosts.prevalence(keys);
                const quint32 counters = taskCounters.of(keys);
                prevalence.taskCounters = taskCounters.set(counters);
                const qint32 key[7] = {qint32(f),
                                       prevalence.taskNameHosts,
                                       prevalence.taskActionHosts,
                                       prevalence.commandLineHosts,
                                       prevalence.hasTaskName ? 1 : 0,
                                       prevalence.hasHost ? 1 : 0,
                                       qint32(counters)};
                const ValueHash keyHash = valueHash(key, sizeof key);
                const quint32 *index = storedIndex.find(keyHash);
                if (!index) {
                    const Explanation e = engine.score(findings[f], prevalence, nullptr);
                    stored.push_back({sets.add(e, KeptNotes), e.fpLikelihood,
                                      e.notes.isEmpty() ? QByteArray() : e.notes.front().noteId.toUtf8()});
                    index = &storedIndex.insert(keyHash, quint32(stored.size() - 1));
                }
                assessments.add(b.ids[row], stored[*index]);
                if (cancelled(result.events / 2 + ++written / 2))
                    return result;
            }
        }
        assessments.finish();
        phase.lap(result.writeMs, result.writeCpuMs);
        indexes.rebuild();
        phase.lap(result.indexMs, result.indexCpuMs);
        WorkspaceStamp::write(m_db, stampKey, explainedWith);
        transaction.commit();
        phase.lap(result.commitMs, result.commitCpuMs);
        result.distinct = sets.count();
        result.ok = true;
    } catch (const StoreError &error) {
        result.error = error.message();
    }
    return result;
}

} // namespace tb
