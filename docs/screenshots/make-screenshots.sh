#!/usr/bin/env bash
# Regenerates the triage window's screenshots under Xvfb (the README shows them), then look at each one.
# The demo workspace is prepared in a scratch home, and the first half of its events get the verdicts of
# the demo's ground truth, so that the row tints, counts and charts have something to show.
#   usage: docs/screenshots/make-screenshots.sh [path/to/tunebench]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/bin/tunebench}
out=docs/screenshots
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config XDG_RUNTIME_DIR=$scratch/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

QT_QPA_PLATFORM=offscreen "$bin" --demo --self-test >/dev/null
db=$XDG_DATA_HOME/Tunebench/tunebench/demo.tunebench
sqlite3 "$db" <<'SQL'
CREATE TEMP TABLE truth (source_file TEXT, record_no INTEGER, verdict TEXT, notes TEXT, scenario TEXT);
.mode csv
.import --skip 1 resources/demo/ground_truth.csv truth
INSERT INTO verdicts (event_id, verdict, note_id, comment, analyst, decided_at)
SELECT e.id,
       CASE WHEN t.verdict = 'benign' AND t.notes <> '' THEN 'false_positive'
            WHEN t.verdict = 'benign' THEN 'benign_true_positive'
            WHEN e.id % 10 = 0 THEN 'needs_escalation' ELSE 'true_positive' END,
       (SELECT note_id FROM event_explanations x WHERE x.event_id = e.id AND +x.rank = 1), t.scenario, 'screenshot',
       '2026-11-20T10:00:00.000Z'
FROM events e JOIN truth t ON t.source_file = e.source_file AND t.record_no = e.record_no
WHERE e.id % 2 = 0;
SQL

# Two approved decisions, so that the table marks suppressed events and the export has something to write.
cli=$(dirname "$bin")/tunebench-cli
"$cli" decide --db "$db" --rule "Windows Schtasks Create Run As System" --where 'task_name=\ZoomUpdateTask' \
  --where 'parent_name=Installer.exe' --note t1053-18 --analyst akumar --approve \
  --rationale "Zoom's installer registers its updater task on every workstation." >/dev/null
"$cli" decide --db "$db" --where 'task_name=\Corp\NightlyBackup' --where 'user=adm_mkoenig' --note t1053-15 \
  --analyst tsmith --rationale "The backup admin's nightly job." >/dev/null

shoot() { xvfb-run -a -s "-screen 0 1920x1200x24" "$bin" --demo "$@" | grep screenshot; }
shoot --screenshot "$out/main-window.png"
shoot --dark --screenshot "$out/main-window-dark.png"
shoot --screenshot "$out/detail-pane.png" --screenshot-of detail
shoot --screenshot "$out/overview.png" --screenshot-of overview
shoot --screenshot "$out/import-dialog.png" --screenshot-of import --screenshot-import tests/data/generic/acme_edr.csv
shoot --screenshot "$out/decision-builder.png" --screenshot-of tune
shoot --screenshot "$out/export-dialog.png" --screenshot-of export
