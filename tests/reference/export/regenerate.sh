#!/bin/sh
# Rewrites the golden export files (tests/reference/export/*) and docs/FIELDS.md from the current
# exporters, then shows what changed. Review the diff before committing it: a golden file is the
# statement of what Tunebench writes for the SIEM, and every changed byte should be intended.
#
# usage: tests/reference/export/regenerate.sh [build-dir]     (default: build/dev)
set -e
cd "$(dirname "$0")/../../.."
build=${1:-build/dev}
tests="tst_fieldnamemap tst_splunkexporters tst_sigmafilterexporter tst_elasticexceptionexporter tst_kqlexporter tst_reportexporters"
cmake --build "$build" --target $tests
for t in $tests; do
    TUNEBENCH_REGENERATE_GOLDEN=1 "$build/tests/models/$t" >/dev/null
done
git status --short -- tests/reference/export docs/FIELDS.md
git diff --stat -- tests/reference/export docs/FIELDS.md
