#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang-14 (ASan + UBSan) and runs each for a
# bounded time:
#
#   tests/fuzz/run_fuzzers.sh <seconds-per-target> [target-regex]
#
# Prints one line per target (executions, coverage, corpus units found new, crashes) and exits 1
# when any target crashed, leaked, hung or ran out of memory; the input that did it stays in
# <build>/artifacts/<target>/ (replay it with `<build>/<target> <file>`).
# Environment: FUZZ_BUILD_DIR (default <repo>/build/fuzz), FUZZ_WERROR=ON, FUZZ_TIMEOUT (seconds one
# input may take, default 10), FUZZ_RSS_MB (default 2048), CXX (default clang++-14),
# FUZZ_FRESH_CORPUS=1 (start from the seeds alone, as the ctest test does, so its cost stays put).
# Otherwise the corpus each target grows is kept in <build>/corpus/<target> for the next run.
set -uo pipefail

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 <seconds-per-target> [target-regex]" >&2
    exit 2
fi
seconds=$1
filter=${2:-.}
here=$(cd "$(dirname "$0")" && pwd)
build=${FUZZ_BUILD_DIR:-$here/../../build/fuzz}
cxx=${CXX:-clang++-14}
if [[ $cxx != *clang* ]]; then cxx=clang++-14; fi

runtime=$("$cxx" -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null || true)
if ! command -v "$cxx" >/dev/null 2>&1 || [ ! -f "$runtime" ]; then
    echo "TUNEBENCH_FUZZ_SKIPPED: $cxx or its libFuzzer runtime (libclang-rt-14-dev) is not installed"
    exit 0
fi

start=$(date +%s)
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DTUNEBENCH_WERROR="${FUZZ_WERROR:-OFF}" >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; echo "fuzz: configuring $here failed" >&2; exit 1; }
rm -f "$build.configure.log"
cmake --build "$build" || { echo "fuzz: building the fuzz targets failed" >&2; exit 1; }
built=$(date +%s)
echo "fuzz: built in $((built - start)) s; running each target for ${seconds} s"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$build/logs" "$build/corpus" "$build/artifacts"
summary="$build/summary.tsv"
printf 'target\tseeds\tseconds\texecutions\texec_per_s\tcoverage\tfeatures\tnew_units\tcorpus\tresult\tartifacts\n' >"$summary"
printf '%-32s %6s %11s %8s %6s %7s %6s  %s\n' target seeds executions exec/s cov new corpus result
failed=0
total_execs=0
while IFS=$'\t' read -r target nseeds dict flags; do
    [ -n "$target" ] || continue
    [[ $target =~ $filter ]] || continue
    corpus="$build/corpus/$target"
    artifacts="$build/artifacts/$target"
    log="$build/logs/$target.log"
    [ "${FUZZ_FRESH_CORPUS:-0}" = 1 ] && rm -rf "$corpus"
    mkdir -p "$corpus" "$artifacts"
    args=(-max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}"
          -print_final_stats=1 -artifact_prefix="$artifacts/")
    [ -s "$build/seeds/$target.txt" ] && args+=(-seed_inputs="@$build/seeds/$target.txt")
    [ "$dict" != - ] && args+=(-dict="$dict")
    [ "$flags" != - ] && read -ra extra <<<"$flags" && args+=("${extra[@]}")
    (cd "$build" && "./$target" "${args[@]}" "$corpus") >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    newunits=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    units=$(find "$corpus" -type f | wc -l)
    result=ok
    if [ $rc -ne 0 ]; then
        failed=1
        result=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer): [a-z-]+|runtime error: .*|deadly signal|ALARM|out-of-memory' "$log" || echo "exit $rc")
        result="FAILED ($result)"
    fi
    total_execs=$((total_execs + ${execs:-0}))
    printf '%-32s %6s %11s %8s %6s %7s %6s  %s\n' "$target" "$nseeds" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
        "${newunits:-?}" "$units" "$result"
    kept=$(find "$artifacts" -type f -printf '%p ' 2>/dev/null)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$nseeds" "$seconds" "${execs:-0}" "${rate:-0}" \
        "${cov:-0}" "${ft:-0}" "${newunits:-0}" "$units" "$result" "$kept" >>"$summary"
    if [ $rc -ne 0 ]; then
        echo "  log: $log"
        echo "  input kept: $kept"
        grep -m8 -E '^    #[0-9]+ .* in (tb::|LLVMFuzzer)' "$log" | sed 's/^/  /'
    fi
done <"$build/targets.tsv"
cp "$summary" "$build/summary-$(date +%Y%m%d-%H%M%S).tsv"
echo "fuzz: $total_execs executions in $(( $(date +%s) - built )) s of fuzzing ($(( $(date +%s) - start )) s in all); summary in $summary"
if [ $failed -ne 0 ]; then
    echo "fuzz: at least one target failed; the inputs are kept under $build/artifacts" >&2
    exit 1
fi
