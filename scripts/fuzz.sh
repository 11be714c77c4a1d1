# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
#
# The libFuzzer harnesses of tests/fuzz (docs/reliability.md), for ./test.sh: source this file
# (after scripts/setup.sh), then `fuzz_build` and `fuzz_run SECONDS` (TIDELINE_JOBS at a time).
#
#   build-fuzz/                  the clang configuration (TIDELINE_FUZZ=ON), only the readers
#   build-fuzz/seeds/H/          the seed corpus of harness H, gathered from tests/data
#   build-fuzz/corpus/H/         what the runs found interesting; grows from run to run
#   build-fuzz/artifacts/H/      crash-*, leak-*, timeout-*, oom-* inputs: each is a failure
#   build-fuzz/logs/H.log        libFuzzer's output of the last run
#
# A found input, once fixed, goes to tests/fuzz/regressions/H/ where tst_fuzzregressions
# replays it in every normal build.

TIDELINE_FUZZ_DIR="${TIDELINE_FUZZ_DIR:-$TIDELINE_ROOT/build-fuzz}"
TIDELINE_FUZZ_HARNESSES=(planjson planstore ddl_postgresql ddl_sqlite ddl_mysql verifyjson)

fuzz_build()
{
    local launcher=()
    command -v clang++ >/dev/null || tl_die "clang++ not found (Debian: apt-get install clang libclang-rt-14-dev)"
    if command -v ccache >/dev/null; then # a clone elsewhere hits the cache too
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
        export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$TIDELINE_ROOT}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
    fi
    tl_log "configuring the fuzz harnesses in $TIDELINE_FUZZ_DIR"
    cmake -S "$TIDELINE_ROOT" -B "$TIDELINE_FUZZ_DIR" -DTIDELINE_FUZZ=ON \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" >/dev/null \
        || tl_die "cmake configure of the fuzz harnesses failed"
    tl_log "building the fuzz harnesses with $TIDELINE_JOBS jobs"
    cmake --build "$TIDELINE_FUZZ_DIR" --parallel "$TIDELINE_JOBS" || tl_die "the fuzz harnesses do not build"
}

# Copies the files of the seed corpus of harness $1 into build-fuzz/seeds/$1.
fuzz_seeds()
{
    local harness="$1" seeds="$TIDELINE_FUZZ_DIR/seeds/$1" data="$TIDELINE_ROOT/tests/data"
    local files=()
    rm -rf "$seeds"
    mkdir -p "$seeds"
    shopt -s nullglob globstar
    case "$harness" in
        planjson) files=("$data"/*.tideline.json "$TIDELINE_ROOT"/resources/examples/*.tideline.json) ;;
        planstore) files=("$TIDELINE_ROOT"/tests/fuzz/seeds/planstore/*) ;;
        ddl_postgresql) files=("$data"/ddl-pg-dump.sql "$data"/pg-rich-schema.sql "$data"/verify-realschema-postgresql.sql
                               "$data"/golden/postgresql/**/*.sql) ;;
        ddl_sqlite) files=("$data"/ddl-sqlite-schema.sql "$data"/verify-realschema-sqlite.sql "$data"/golden/sqlite/**/*.sql) ;;
        ddl_mysql) files=("$data"/mysql-dump.sql "$data"/verify-realschema-mysql.sql "$data"/golden/mysql/**/*.sql) ;;
        verifyjson) files=("$data"/review-verify-*.json) ;;
        *) tl_die "unknown fuzz harness '$harness'" ;;
    esac
    shopt -u nullglob globstar
    [[ ${#files[@]} -gt 0 ]] || tl_die "no seeds for the fuzz harness $harness"
    local file i=0
    for file in "${files[@]}"; do
        # Flattened: golden files of different folders share names.
        cp "$file" "$seeds/$((i++))-${file##*/}"
    done
    # Whatever was kept as a regression is a seed too: the fuzzer starts from the hard cases.
    for file in "$TIDELINE_ROOT/tests/fuzz/regressions/$harness"/*; do
        [[ -f "$file" ]] && cp "$file" "$seeds/regression-${file##*/}"
    done
    return 0
}

# Runs harness $1 for $2 seconds; its line of the summary goes to build-fuzz/logs/$1.summary.
# Returns non-zero when it found an input that fails.
fuzz_one()
{
    local harness="$1" seconds="$2" out="$TIDELINE_FUZZ_DIR" status line execs rate cov ft result=ok
    local log="$out/logs/$harness.log"
    mkdir -p "$out/corpus/$harness" "$out/artifacts/$harness" "$out/logs"
    set +e
    # -timeout: one input may take 10 s (item 7's slow inputs took 25 s); -rss_limit_mb: 2 GiB.
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$TIDELINE_ROOT/scripts/lsan-suppressions.txt:print_suppressions=0}" \
        "$out/fuzz_$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$harness/" "$out/corpus/$harness" "$out/seeds/$harness" >"$log" 2>&1
    status=$?
    set -e
    # "#1234 DONE cov: 567 ft: 890 corp: ..." ends a run that used its time.
    line="$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1)"
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$line")"
    ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$line")"
    if [[ $status -ne 0 ]]; then
        result="FOUND: $(ls -t "$out/artifacts/$harness" | head -n 1) (exit $status, see $log)"
    fi
    printf '%-16s %8s %10s %8s %8s %8s  %s\n' "$harness" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
        "$result" >"$out/logs/$harness.summary"
    return "$status"
}

# Runs every harness for $1 seconds, TIDELINE_JOBS at a time. Prints a table of executions,
# coverage and findings; fails when any harness found an input that crashes, leaks, hangs or
# runs out of memory.
fuzz_run()
{
    local seconds="$1" out="$TIDELINE_FUZZ_DIR" harness failed=() pids=() names=() i
    for harness in "${TIDELINE_FUZZ_HARNESSES[@]}"; do
        fuzz_seeds "$harness"
    done
    tl_log "fuzzing ${#TIDELINE_FUZZ_HARNESSES[@]} harnesses for $seconds s each, $TIDELINE_JOBS at a time"
    for harness in "${TIDELINE_FUZZ_HARNESSES[@]}"; do
        fuzz_one "$harness" "$seconds" &
        pids+=($!)
        names+=("$harness")
        if [[ ${#pids[@]} -ge $TIDELINE_JOBS ]]; then
            for i in "${!pids[@]}"; do
                wait "${pids[$i]}" || failed+=("${names[$i]}")
            done
            pids=()
            names=()
        fi
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || failed+=("${names[$i]}")
    done
    {
        printf '%-16s %8s %10s %8s %8s %8s  %s\n' harness seconds executions 'exec/s' cov ft result
        for harness in "${TIDELINE_FUZZ_HARNESSES[@]}"; do
            cat "$out/logs/$harness.summary"
        done
    } >"$out/summary.txt"
    cat "$out/summary.txt" >&2
    if [[ ${#failed[@]} -gt 0 ]]; then
        tl_log "the fuzzers found inputs that fail: ${failed[*]} (artifacts in $out/artifacts; once fixed, keep each in tests/fuzz/regressions/HARNESS/)"
        return 1
    fi
    return 0
}
