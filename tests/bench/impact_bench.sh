#!/usr/bin/env bash
# Impact-preview benchmark: a generated workspace of ROWS alerts (two imports of the Splunk CSV under
# two rules, explained), then impact_bench times DecisionImpact::compute for indexed and unindexed
# conditions beside the sqlite3 shell counting the same events and `tunebench-cli impact` end to end.
#
# usage: tests/bench/impact_bench.sh [ROWS] [BUILD_DIR] [WORKDIR]   (defaults: 1000000 build/release, a temp dir)
# A WORKDIR keeps the workspace between runs (the import and explanation take minutes).
set -euo pipefail
rows=${1:-1000000}
build=${2:-build/release}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/bin/tunebench-cli"
bench="$build/bin/impact_bench"
for b in "$cli" "$bench"; do
    [ -x "$b" ] || { echo "build $b first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
done
if [ -n "${3:-}" ]; then work=$3; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
ws="$work/impact-$rows.tunebench"

if [ ! -f "$ws" ]; then
    python3 "$here/generate_alerts.py" splunk-csv "$rows" "$work/alerts.csv"
    half=$(( rows / 2 + 1 ))
    head -n "$half" "$work/alerts.csv" > "$work/a.csv"
    { head -n 1 "$work/alerts.csv"; tail -n +"$(( half + 1 ))" "$work/alerts.csv"; } > "$work/b.csv"
    /usr/bin/time -f "import A: %e s" "$cli" import --db "$ws" --rule "Windows Schtasks Create Run As System" "$work/a.csv"
    /usr/bin/time -f "import B: %e s" "$cli" import --db "$ws" --rule "Scheduled Task Creation" "$work/b.csv"
    /usr/bin/time -f "explain: %e s" "$cli" explain --db "$ws" --limit 1 > /dev/null
    rm -f "$work/alerts.csv" "$work/a.csv" "$work/b.csv"
fi
"$bench" "$ws" "$cli"
