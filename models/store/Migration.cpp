#include "Migration.h"

#include "Database.h"

namespace tb {
namespace {

// Schema version 1. Names are plain because analysts query workspaces with sqlite3 and DB Browser.
const char *const schemaV1 = R"sql(
CREATE TABLE workspace_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE imports (
    id               INTEGER PRIMARY KEY,
    file_name        TEXT NOT NULL,
    file_path        TEXT NOT NULL,
    file_size        INTEGER NOT NULL,
    sha256           TEXT NOT NULL,
    format           TEXT NOT NULL,
    importer_version TEXT NOT NULL,
    analyst          TEXT NOT NULL,
    assumed_tz       TEXT,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    status           TEXT NOT NULL CHECK (status IN ('completed', 'failed', 'cancelled')),
    records_read     INTEGER NOT NULL DEFAULT 0,
    events_added     INTEGER NOT NULL DEFAULT 0,
    duplicates       INTEGER NOT NULL DEFAULT 0,
    errors           INTEGER NOT NULL DEFAULT 0,
    error_summary    TEXT
);

CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,
    import_id           INTEGER NOT NULL REFERENCES imports(id),
    source_file         TEXT NOT NULL,
    record_no           INTEGER NOT NULL,
    content_hash        TEXT NOT NULL,
    format              TEXT NOT NULL,
    time_utc            TEXT,
    time_original       TEXT,
    time_confidence     TEXT CHECK (time_confidence IN ('exact', 'header_tz', 'assumed_tz', 'epoch', 'missing')),
    alert_time_utc      TEXT,
    platform            TEXT,
    host                TEXT,
    host_fqdn           TEXT,
    user                TEXT,
    user_domain         TEXT,
    user_sid            TEXT,
    rule_name           TEXT,
    rule_id             TEXT,
    rule_ref_id         TEXT,
    rule_source         TEXT,
    severity            TEXT,
    severity_raw        TEXT,
    risk_score          REAL,
    status              TEXT,
    status_raw          TEXT,
    disposition_raw     TEXT,
    owner               TEXT,
    mitre               TEXT,
    event_code          TEXT,
    event_source        TEXT,
    record_id           TEXT,
    process_image       TEXT,
    process_name        TEXT,
    process_pid         INTEGER,
    command_line        TEXT,
    parent_image        TEXT,
    parent_name         TEXT,
    parent_pid          INTEGER,
    parent_command_line TEXT,
    task_operation      TEXT,
    task_name           TEXT,
    task_action         TEXT,
    task_run_as         TEXT,
    task_run_level      TEXT,
    task_logon_type     TEXT,
    task_trigger        TEXT,
    task_author         TEXT,
    task_hidden         INTEGER,
    task_remote         INTEGER,
    target_host         TEXT,
    target_path         TEXT,
    source_ip           TEXT,
    user_agent          TEXT,
    k8s_namespace       TEXT,
    k8s_resource        TEXT,
    k8s_verb            TEXT,
    container_image     TEXT,
    hashes              TEXT,
    raw                 TEXT NOT NULL,
    raw_fields          TEXT NOT NULL
);
CREATE UNIQUE INDEX events_content_hash ON events(content_hash);
CREATE INDEX events_import ON events(import_id, record_no);
CREATE INDEX events_time ON events(time_utc);
CREATE INDEX events_host ON events(host COLLATE NOCASE);
CREATE INDEX events_rule ON events(rule_name COLLATE NOCASE);
CREATE INDEX events_task_name ON events(task_name COLLATE NOCASE);

-- Knowledge base: the LoFP notes, their themes, and the detection rules they come from.
CREATE TABLE themes (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE notes (
    id       TEXT PRIMARY KEY,
    text     TEXT NOT NULL,
    theme_id TEXT NOT NULL REFERENCES themes(id)
);
CREATE TABLE rules (
    id           TEXT PRIMARY KEY,
    source       TEXT NOT NULL CHECK (source IN ('sigma', 'splunk', 'elastic')),
    title        TEXT NOT NULL,
    filter_macro TEXT
);
CREATE TABLE rule_aliases (
    alias   TEXT NOT NULL COLLATE NOCASE,
    rule_id TEXT NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    PRIMARY KEY (alias, rule_id)
);
CREATE TABLE note_rules (
    note_id  TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    rule_id  TEXT NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (note_id, rule_id)
);
CREATE INDEX note_rules_rule ON note_rules(rule_id);

-- What the explanation engine concluded for each event.
CREATE TABLE event_assessments (
    event_id         INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    fp_likelihood    INTEGER NOT NULL CHECK (fp_likelihood BETWEEN 0 AND 100),
    counter_evidence TEXT NOT NULL DEFAULT '[]',
    computed_at      TEXT NOT NULL
);
CREATE TABLE event_explanations (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    note_id  TEXT NOT NULL REFERENCES notes(id),
    rank     INTEGER NOT NULL,
    score    REAL NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (event_id, note_id)
);
CREATE INDEX event_explanations_note ON event_explanations(note_id);

CREATE TABLE verdicts (
    event_id   INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    verdict    TEXT NOT NULL CHECK (verdict IN ('true_positive', 'benign_true_positive', 'false_positive', 'needs_escalation')),
    note_id    TEXT REFERENCES notes(id),
    comment    TEXT NOT NULL DEFAULT '',
    analyst    TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX verdicts_verdict ON verdicts(verdict);

-- Tuning decisions: a condition (AND over fields, OR inside a field), a scope, an action.
CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('suppress', 'lower_severity')),
    note_id    TEXT REFERENCES notes(id),
    rationale  TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at TEXT,
    review_at  TEXT,
    status     TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'expired', 'retired'))
);
CREATE TABLE decision_conditions (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    modifiers   TEXT NOT NULL DEFAULT '',
    value_list  TEXT NOT NULL
);
CREATE TABLE decision_scope (
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('rule', 'host')),
    value       TEXT NOT NULL,
    PRIMARY KEY (decision_id, kind, value)
);

-- Append-only: every state change writes one row; the triggers refuse edits and deletions.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    why         TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
)sql";

// Schema version 2: tuning decisions at work (models/tuning/).
const char *const schemaV2 = R"sql(
-- A condition row belongs to the AND-ed `match` part or to the `filter` part (which excludes).
ALTER TABLE decision_conditions ADD COLUMN part TEXT NOT NULL DEFAULT 'match' CHECK (part IN ('match', 'filter'));
CREATE INDEX decision_conditions_decision ON decision_conditions(decision_id);
-- What the decided events are: benign activity the rule was not meant for, or the activity it was.
ALTER TABLE decisions ADD COLUMN verdict TEXT NOT NULL DEFAULT 'false_positive'
    CHECK (verdict IN ('false_positive', 'benign_true_positive'));
CREATE INDEX decisions_status ON decisions(status);
CREATE INDEX decision_scope_value ON decision_scope(kind, value);

-- What a decision's scope and impact read of each event, in a narrow table so that grouping the events an
-- indexed predicate finds does not read their wide `events` rows: the catalog rule the event resolves to
-- ('' when the catalog knows none, then its own rule_name), and its host. Kept by EventKeyIndex.
CREATE TABLE event_keys (
    event_id  INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    rule_id   TEXT NOT NULL,
    rule_name TEXT,
    host      TEXT
);
CREATE INDEX event_keys_rule ON event_keys(rule_id, event_id);
-- The few events with counter-evidence, so that the impact preview's check costs a probe of a small index.
CREATE INDEX event_assessments_counter ON event_assessments(event_id) WHERE counter_evidence <> '[]';

-- Events hidden by approved suppress decisions, and which decision hides them. Kept by SuppressionIndex.
CREATE TABLE event_suppressions (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, decision_id)
) WITHOUT ROWID;
CREATE INDEX event_suppressions_decision ON event_suppressions(decision_id);
)sql";

// Schema version 3: the triage window. Sorting any shown column and grouping in the navigator run on
// indexes; quick search runs on an FTS5 index over what analysts search for, kept in step with
// `events` by triggers (external content: the text is stored once, in `events`).
const char *const schemaV3 = R"sql(
CREATE INDEX events_user ON events(user COLLATE NOCASE);
CREATE INDEX events_parent_name ON events(parent_name COLLATE NOCASE);
CREATE INDEX events_process_name ON events(process_name COLLATE NOCASE);
-- Task name and action with the host: the detail pane's prevalence ("on 412 hosts") reads only the index.
DROP INDEX events_task_name;
CREATE INDEX events_task_name ON events(task_name COLLATE NOCASE, host COLLATE NOCASE);
CREATE INDEX events_task_action ON events(task_action COLLATE NOCASE, host COLLATE NOCASE);
-- "All events like this": same task name, action and parent (NULL matching NULL, through IS).
CREATE INDEX events_likeness ON events(task_name COLLATE NOCASE, task_action COLLATE NOCASE,
                                       parent_name COLLATE NOCASE);
CREATE INDEX events_task_operation ON events(task_operation);
CREATE INDEX events_severity ON events(severity);
CREATE INDEX events_command_line_start ON events(substr(command_line, 1, 64));
CREATE INDEX event_assessments_likelihood ON event_assessments(fp_likelihood);
CREATE INDEX event_explanations_top ON event_explanations(rank, note_id, event_id);

CREATE VIRTUAL TABLE events_fts USING fts5(
    command_line, task_name, task_action, process_image, parent_image, target_path,
    content = 'events', content_rowid = 'id'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, command_line, task_name, task_action, process_image, parent_image, target_path)
    VALUES (new.id, new.command_line, new.task_name, new.task_action, new.process_image, new.parent_image,
            new.target_path);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, command_line, task_name, task_action, process_image, parent_image,
                            target_path)
    VALUES ('delete', old.id, old.command_line, old.task_name, old.task_action, old.process_image, old.parent_image,
            old.target_path);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF command_line, task_name, task_action, process_image,
                                                parent_image, target_path ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, command_line, task_name, task_action, process_image, parent_image,
                            target_path)
    VALUES ('delete', old.id, old.command_line, old.task_name, old.task_action, old.process_image, old.parent_image,
            old.target_path);
    INSERT INTO events_fts (rowid, command_line, task_name, task_action, process_image, parent_image, target_path)
    VALUES (new.id, new.command_line, new.task_name, new.task_action, new.process_image, new.parent_image,
            new.target_path);
END;
-- The events already there are indexed by SearchIndexBuilder in the background, in short batches: a
-- 'rebuild' here would hold the upgrade (and the window opening the workspace) for minutes on a million.
INSERT INTO workspace_settings (key, value)
SELECT 'search_index_pending', min(id) || '/' || max(id) FROM events HAVING count(*) > 0;
)sql";

// Schema version 5: prevalence counted once per change of the events (PrevalenceTable), so that the
// detail pane reads "this task name is on 412 hosts" with one lookup instead of counting the index
// entries of a value shared by 100,000 events. Filled in the background; stamped in workspace_settings.
const char *const schemaV5 = R"sql(
CREATE TABLE value_prevalence (
    kind   TEXT NOT NULL CHECK (kind IN ('task_name', 'task_action', 'parent_name', 'host')),
    value  TEXT NOT NULL COLLATE NOCASE,
    events INTEGER NOT NULL,
    hosts  INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE TABLE likeness_prevalence (
    task_name   TEXT COLLATE NOCASE,
    task_action TEXT COLLATE NOCASE,
    parent_name TEXT COLLATE NOCASE,
    events      INTEGER NOT NULL
);
CREATE INDEX likeness_prevalence_key ON likeness_prevalence(task_name, task_action, parent_name);
)sql";

// Schema version 4: each distinct explanation is stored once. Explaining a million events wrote five
// million (event, note) rows of which a few hundred were distinct; now an event names its result
// (`set_id`) and keeps copies of what the triage table sorts and filters by (likelihood, top note).
// Results that depend on the event's workspace (prevalence host counts) are part of the stored
// evidence, so events share a set only when everything they show is equal. Existing explanations are
// converted: a set for each distinct (likelihood, counter-evidence, ranked notes).
const char *const schemaV4 = R"sql(
CREATE TEMP TABLE v4_results AS
    SELECT a.event_id, a.fp_likelihood, a.counter_evidence, a.computed_at,
           (SELECT json_group_array(json_array(x.rank, x.note_id, x.score, x.evidence))
            FROM (SELECT * FROM event_explanations x WHERE x.event_id = a.event_id ORDER BY x.rank) x) AS notes
    FROM event_assessments a;
CREATE TEMP TABLE v4_sets AS
    SELECT fp_likelihood, counter_evidence, notes, min(computed_at) AS computed_at
    FROM temp.v4_results GROUP BY fp_likelihood, counter_evidence, notes;
CREATE INDEX temp.v4_sets_content ON v4_sets(fp_likelihood, counter_evidence, notes);
DROP TABLE event_explanations;
DROP TABLE event_assessments;

-- One row for each distinct result: the likelihood, the counter-evidence and its points summed (the
-- impact preview warns about events with strong counter-evidence), the rank-1 note.
CREATE TABLE explanation_sets (
    id               INTEGER PRIMARY KEY,
    fp_likelihood    INTEGER NOT NULL CHECK (fp_likelihood BETWEEN 0 AND 100),
    counter_evidence TEXT NOT NULL DEFAULT '[]',
    counter_points   INTEGER NOT NULL DEFAULT 0,
    top_note_id      TEXT REFERENCES notes(id),
    computed_at      TEXT NOT NULL
);
-- The ranked notes of a set.
CREATE TABLE explanation_set_notes (
    set_id   INTEGER NOT NULL REFERENCES explanation_sets(id) ON DELETE CASCADE,
    rank     INTEGER NOT NULL,
    note_id  TEXT NOT NULL REFERENCES notes(id),
    score    REAL NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (set_id, rank)
) WITHOUT ROWID;
-- Each explained event: its set, and the set's likelihood and top note again, so that sorting and
-- filtering the table by them walks an index instead of joining a million rows.
CREATE TABLE event_assessments (
    event_id      INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    set_id        INTEGER NOT NULL REFERENCES explanation_sets(id),
    fp_likelihood INTEGER NOT NULL,
    top_note_id   TEXT
);
CREATE INDEX event_assessments_likelihood ON event_assessments(fp_likelihood);
CREATE INDEX event_assessments_top ON event_assessments(top_note_id);
-- The ranked notes of every event, as before version 4 (for analysts' own queries and the readers of
-- one event's notes).
CREATE VIEW event_explanations (event_id, note_id, rank, score, evidence) AS
    SELECT a.event_id, n.note_id, n.rank, n.score, n.evidence
    FROM event_assessments a JOIN explanation_set_notes n ON n.set_id = a.set_id;

INSERT INTO explanation_sets (id, fp_likelihood, counter_evidence, counter_points, top_note_id, computed_at)
    SELECT rowid, fp_likelihood, counter_evidence,
           (SELECT coalesce(sum(json_extract(c.value, '$.points')), 0) FROM json_each(counter_evidence) c),
           json_extract(notes, '$[0][1]'), computed_at
    FROM temp.v4_sets;
INSERT INTO explanation_set_notes (set_id, rank, note_id, score, evidence)
    SELECT s.rowid, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'),
           json_extract(j.value, '$[3]')
    FROM temp.v4_sets s, json_each(s.notes) j;
INSERT INTO event_assessments (event_id, set_id, fp_likelihood, top_note_id)
    SELECT r.event_id, s.rowid, r.fp_likelihood, json_extract(r.notes, '$[0][1]')
    FROM temp.v4_results r JOIN temp.v4_sets s
        ON s.fp_likelihood = r.fp_likelihood AND s.counter_evidence = r.counter_evidence AND s.notes = r.notes
    ORDER BY r.event_id;
DROP TABLE temp.v4_results;
DROP TABLE temp.v4_sets;
)sql";

// Schema version 9: a task definition's actions after the first (task_action), one per line: an attacker
// appends an action to a vendor's task. Events imported before keep NULL until their file is imported again
// (DuplicateCompleter): their readers' raw records differ too much to re-read here. The quick search
// covers the new column; its index is made anew and SearchIndexBuilder fills it in the background.
const char *const schemaV9 = R"sql(
ALTER TABLE events ADD COLUMN task_other_actions TEXT;
DROP TRIGGER events_fts_insert;
DROP TRIGGER events_fts_delete;
DROP TRIGGER events_fts_update;
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
    command_line, task_name, task_action, task_other_actions, process_image, parent_image, target_path,
    content = 'events', content_rowid = 'id'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, command_line, task_name, task_action, task_other_actions, process_image,
                            parent_image, target_path)
    VALUES (new.id, new.command_line, new.task_name, new.task_action, new.task_other_actions, new.process_image,
            new.parent_image, new.target_path);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events
WHEN NOT EXISTS (
    -- A row SearchIndexBuilder has yet to index is not in the index: telling FTS5 to delete it would
    -- corrupt the index. The builder indexes its current values later.
    SELECT 1 FROM workspace_settings WHERE key = 'search_index_pending'
    AND old.id BETWEEN CAST(substr(value, 1, instr(value, '/') - 1) AS INTEGER)
                   AND CAST(substr(value, instr(value, '/') + 1) AS INTEGER))
BEGIN
    INSERT INTO events_fts (events_fts, rowid, command_line, task_name, task_action, task_other_actions,
                            process_image, parent_image, target_path)
    VALUES ('delete', old.id, old.command_line, old.task_name, old.task_action, old.task_other_actions,
            old.process_image, old.parent_image, old.target_path);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF command_line, task_name, task_action, task_other_actions,
                                                process_image, parent_image, target_path ON events
WHEN NOT EXISTS (
    SELECT 1 FROM workspace_settings WHERE key = 'search_index_pending'
    AND old.id BETWEEN CAST(substr(value, 1, instr(value, '/') - 1) AS INTEGER)
                   AND CAST(substr(value, instr(value, '/') + 1) AS INTEGER))
BEGIN
    INSERT INTO events_fts (events_fts, rowid, command_line, task_name, task_action, task_other_actions,
                            process_image, parent_image, target_path)
    VALUES ('delete', old.id, old.command_line, old.task_name, old.task_action, old.task_other_actions,
            old.process_image, old.parent_image, old.target_path);
    INSERT INTO events_fts (rowid, command_line, task_name, task_action, task_other_actions, process_image,
                            parent_image, target_path)
    VALUES (new.id, new.command_line, new.task_name, new.task_action, new.task_other_actions, new.process_image,
            new.parent_image, new.target_path);
END;
INSERT OR REPLACE INTO workspace_settings (key, value)
SELECT 'search_index_pending', min(id) || '/' || max(id) FROM events HAVING count(*) > 0;
)sql";

} // namespace

std::vector<Migration> workspaceMigrations() {
    return {
        {1, QStringLiteral("initial workspace schema"),
         [](Database &db) { db.exec(QString::fromUtf8(schemaV1)); }},
        {2, QStringLiteral("tuning decisions: condition parts, verdict, event keys, suppressions"),
         [](Database &db) { db.exec(QString::fromUtf8(schemaV2)); }},
        {3, QStringLiteral("triage: sort and group indexes, quick-search index"),
         [](Database &db) { db.exec(QString::fromUtf8(schemaV3)); }},
        {4, QStringLiteral("explanations: each distinct result stored once, events name it"),
         [](Database &db) { db.exec(QString::fromUtf8(schemaV4)); }},
        {5, QStringLiteral("triage: prevalence counts per value"),
         [](Database &db) { db.exec(QString::fromUtf8(schemaV5)); }},
        {6, QStringLiteral("tuning: events by explanation set, for the impact preview"),
         [](Database &db) {
             db.exec(QStringLiteral("CREATE INDEX event_assessments_set ON event_assessments(set_id)"));
         }},
        {7, QStringLiteral("audit: one object's history without a scan of the log"),
         [](Database &db) {
             db.exec(QStringLiteral("CREATE INDEX audit_log_object ON audit_log(object_type, object_id)"));
         }},
        // The terms that add up to each likelihood (base, each piece of evidence with its points), so that
        // the detail pane and `explain` show how it was reached. Sets explained before keep '[]' until the
        // engine version, which changed with this, explains them again.
        {8, QStringLiteral("explanations: the terms of each likelihood"),
         [](Database &db) {
             db.exec(QStringLiteral(
                 "ALTER TABLE explanation_sets ADD COLUMN likelihood_terms TEXT NOT NULL DEFAULT '[]'"));
         }},
        {9, QStringLiteral("events: the task's other actions, searchable"),
         [](Database &db) { db.exec(QString::fromUtf8(schemaV9)); }},
    };
}

} // namespace tb
