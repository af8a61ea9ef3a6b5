#include "WorkspaceExplainer.h"

#include "BulkFinder.h"
#include "ExplanationEngine.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/Transaction.h"
#include "workspace/WorkspaceSettings.h"
#include "workspace/WorkspaceStamp.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace tb {

namespace {

// What the workspace was last explained with (WorkspaceExplainer::stamp()).
const QString stampKey = QStringLiteral("explained_with");

// Rows travel from the reading thread to the finding threads in batches of this many.
constexpr size_t BatchRows = 4096;
constexpr size_t QueuedBatches = 8; // bounds the memory of rows read ahead

// Rows read from the events table, then what a finding thread made of them.
struct Batch {
    size_t sequence = 0;
    std::vector<qint64> ids;
    std::string bytes;                              // the rows' values back to back
    std::vector<std::pair<quint32, quint32>> spans; // per row and field: offset, size
    static constexpr quint32 Null = 0xFFFFFFFF;     // the size of an SQL NULL
    int worker = -1;
    std::vector<quint32> findings; // index into that worker's table
    std::vector<PrevalenceKeys> keys;
};

// Finds on `workers` threads while the caller reads: each thread has its own BulkFinder (caches
// and compiled regexes are per thread), batches come back in any order and are put in sequence.
class FindingThreads final {
public:
    FindingThreads(const ExplanationEngine &engine, const KnowledgeBase &kb, int workers) {
        for (int i = 0; i < workers; ++i)
            m_finders.push_back(std::make_unique<BulkFinder>(engine, kb));
        for (int i = 0; i < workers; ++i)
            m_threads.emplace_back([this, i] { work(i); });
    }
    ~FindingThreads() { finish(); }

    const std::vector<EventField> &fields() const { return m_finders.front()->fields(); }
    const BulkFinder &finder(int worker) const { return *m_finders[size_t(worker)]; }

    void push(Batch &&batch) {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_queue.size() < QueuedBatches; });
        m_queue.push_back(std::move(batch));
        m_ready.notify_one();
    }
    // Waits for every batch; returns them in reading order.
    std::vector<Batch> finish() {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
        for (std::thread &t : m_threads)
            t.join();
        m_threads.clear();
        std::sort(m_done.begin(), m_done.end(),
                  [](const Batch &a, const Batch &b) { return a.sequence < b.sequence; });
        return std::move(m_done);
    }

private:
    void work(int worker) {
        BulkFinder &finder = *m_finders[size_t(worker)];
        const size_t fieldCount = finder.fields().size();
        std::vector<std::string_view> values(fieldCount);
        for (;;) {
            Batch batch;
            {
                std::unique_lock lock(m_mutex);
                m_ready.wait(lock, [this] { return m_closed || !m_queue.empty(); });
                if (m_queue.empty())
                    return;
                batch = std::move(m_queue.front());
                m_queue.pop_front();
                m_space.notify_one();
            }
            batch.worker = worker;
            batch.findings.resize(batch.ids.size());
            batch.keys.resize(batch.ids.size());
            for (size_t row = 0; row < batch.ids.size(); ++row) {
                for (size_t f = 0; f < fieldCount; ++f) {
                    const auto [offset, size] = batch.spans[row * fieldCount + f];
                    values[f] = size == Batch::Null ? std::string_view()
                                                    : std::string_view(batch.bytes.data() + offset, size);
                }
                batch.findings[row] = finder.find(values.data());
                batch.keys[row] = finder.prevalenceKeys(values.data());
            }
            std::string().swap(batch.bytes); // the values are no longer needed
            std::vector<std::pair<quint32, quint32>>().swap(batch.spans);
            std::lock_guard lock(m_mutex);
            m_done.push_back(std::move(batch));
        }
    }

    std::vector<std::unique_ptr<BulkFinder>> m_finders;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<Batch> m_queue;
    std::vector<Batch> m_done;
    bool m_closed = false;
};

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
    static void count(Counts &counts, const ValueHash &key, const ValueHash &host) {
        const ValueHash pair[2] = {key, host};
        const ValueHash seen = valueHash(pair, sizeof pair);
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
// transaction: foreign_keys cannot change inside one). Used for two:
// - foreign_keys OFF: every row written names an event just read and a note just installed in
//   the same transaction, and the two look-ups per row were half the cost of writing;
// - mmap_size: a million events are gigabytes, and copying each page out of the kernel with pread
//   was a third of the reading time. The map is address space, not memory.
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
              "top_note_id, computed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")))
        , m_note(db.prepare(QStringLiteral("INSERT INTO explanation_set_notes (set_id, rank, note_id, score, "
                                           "evidence) VALUES (?1, ?2, ?3, ?4, ?5)")))
        , m_computedAt(computedAt) {}

    qint64 add(const Explanation &e, int keptNotes) {
        const QByteArray counter = evidenceJson(e.counterEvidence);
        QByteArray content = QByteArray::number(e.fpLikelihood) + '\n' + counter + '\n';
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
        // As for an import: a big batch touches its index pages many times.
        m_db.exec(QStringLiteral("PRAGMA cache_size = -32768"));
        const ScopedPragma mapped(m_db, QStringLiteral("mmap_size"), 2147418112); // SQLite's default ceiling
        const ScopedPragma foreignKeys(m_db, QStringLiteral("foreign_keys"), 0);
        Transaction transaction(m_db);
        m_kb.installInto(m_db);
        m_db.exec(QStringLiteral("DELETE FROM event_assessments; DELETE FROM explanation_set_notes; "
                                 "DELETE FROM explanation_sets;"));
        result.events = m_db.queryInt(QStringLiteral("SELECT count(*) FROM events"));

        QElapsedTimer sinceReport, phase;
        sinceReport.start();
        phase.start();
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

        // 1. Read every event once; other threads find what each shows and its prevalence keys.
        const int workers = std::max(1, QThread::idealThreadCount());
        FindingThreads threads(engine, m_kb, workers);
        const std::vector<EventField> &fields = threads.fields();
        QString columns = QStringLiteral("id");
        for (EventField f : fields)
            columns += QStringLiteral(", ") + eventFieldColumn(f);
        Statement events = m_db.prepare(QStringLiteral("SELECT %1 FROM events").arg(columns));
        Batch batch;
        size_t sequence = 0;
        qint64 read = 0;
        while (events.step()) {
            batch.ids.push_back(events.columnInt64(0));
            for (size_t f = 0; f < fields.size(); ++f) {
                const std::string_view value = events.columnUtf8(int(f) + 1);
                batch.spans.emplace_back(quint32(batch.bytes.size()),
                                         value.data() ? quint32(value.size()) : Batch::Null);
                batch.bytes.append(value);
            }
            if (batch.ids.size() == BatchRows) {
                batch.sequence = sequence++;
                threads.push(std::move(batch));
                batch = Batch();
            }
            if (cancelled(++read / 2))
                return result;
        }
        if (!batch.ids.empty()) {
            batch.sequence = sequence++;
            threads.push(std::move(batch));
        }
        const std::vector<Batch> batches = threads.finish();
        result.readMs = phase.restart();

        // 2. One table of distinct findings for all threads; prevalence; what each task's alerts show.
        std::vector<EventFindings> findings;
        std::vector<std::vector<quint32>> globalIndex(static_cast<size_t>(workers));
        std::unordered_map<EventFindings, quint32, FindingsHash> findingsIndex;
        for (int w = 0; w < workers; ++w) {
            for (const EventFindings &f : threads.finder(w).table()) {
                auto [it, inserted] = findingsIndex.try_emplace(f, quint32(findings.size()));
                if (inserted)
                    findings.push_back(f);
                globalIndex[size_t(w)].push_back(it->second);
            }
        }
        HostCounts hosts;
        TaskCounters taskCounters;
        for (const Batch &b : batches) {
            for (size_t row = 0; row < b.ids.size(); ++row) {
                hosts.add(b.keys[row]);
                taskCounters.add(b.keys[row], engine.taskCounters(
                                                  findings[globalIndex[size_t(b.worker)][b.findings[row]]]));
            }
        }
        // 3. Score once per distinct findings and prevalence, store each distinct result once; one
        //    row an event names its result.
        const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
        ExplanationSets sets(m_db, now);
        RebuiltIndexes indexes(m_db, QStringLiteral("event_assessments"));
        AssessmentWriter assessments(m_db);
        std::deque<Stored> stored; // AssessmentWriter keeps pointers to these
        ValueHashMap<quint32> storedIndex(size_t(-1));
        qint64 written = 0;
        for (const Batch &b : batches) {
            for (size_t row = 0; row < b.ids.size(); ++row) {
                const PrevalenceKeys &keys = b.keys[row];
                const quint32 f = globalIndex[size_t(b.worker)][b.findings[row]];
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
        indexes.rebuild();
        result.writeMs = phase.restart();
        WorkspaceStamp::write(m_db, stampKey, explainedWith);
        transaction.commit();
        result.commitMs = phase.restart();
        result.distinct = sets.count();
        result.ok = true;
    } catch (const StoreError &error) {
        result.error = error.message();
    }
    return result;
}

} // namespace tb
