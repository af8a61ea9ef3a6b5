#!/usr/bin/env bash
# Import benchmark: tunebench-cli import against the sqlite3 shell's `.mode csv` + `.import` of the
# same file, in the same run, on the same machine. Prints wall time, rows/s, the ratio and peak RSS.
#
# usage: tests/bench/import_bench.sh [ROWS] [BUILD_DIR]     (defaults: 1000000 build/release)
set -euo pipefail
rows=${1:-1000000}
build=${2:-build/release}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/bin/tunebench-cli"
[ -x "$cli" ] || { echo "build $cli first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/generate_alerts.py" splunk-csv "$rows" "$work/alerts.csv"
python3 "$here/generate_alerts.py" elastic-ndjson "$rows" "$work/alerts.ndjson"

measure() { # label, command... → "label seconds peak_kb"
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null
    read -r seconds kb < "$work/time"
    echo "$label $seconds $kb"
}

results=()
results+=("$(measure "sqlite3 .import (CSV, reference)" sqlite3 "$work/ref.db" -cmd ".mode csv" ".import $work/alerts.csv alerts")")
results+=("$(measure "tunebench-cli import (Splunk CSV)" "$cli" import --db "$work/csv.tunebench" "$work/alerts.csv")")
results+=("$(measure "tunebench-cli import (Elastic NDJSON)" "$cli" import --db "$work/ndjson.tunebench" "$work/alerts.ndjson")")

ref_seconds=$(echo "${results[0]}" | awk '{print $(NF-1)}')
printf '\n%d rows; CSV %s MB, NDJSON %s MB\n' "$rows" \
    "$(( $(stat -c %s "$work/alerts.csv") / 1048576 ))" "$(( $(stat -c %s "$work/alerts.ndjson") / 1048576 ))"
printf '%-40s %9s %12s %14s %10s\n' "run" "seconds" "rows/s" "vs sqlite3" "peak MB"
for line in "${results[@]}"; do
    kb=${line##* }; rest=${line% *}; seconds=${rest##* }; label=${rest% *}
    awk -v l="$label" -v s="$seconds" -v kb="$kb" -v r="$rows" -v ref="$ref_seconds" \
        'BEGIN { printf "%-40s %9.2f %12.0f %13.2fx %10.1f\n", l, s, r / s, s / ref, kb / 1024 }'
done
echo "target: tunebench <= 0.50x the sqlite3 time, peak RSS <= 150 MB"
