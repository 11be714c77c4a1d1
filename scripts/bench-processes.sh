#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Whole-process figures of issue 12: the real binaries, as a user runs them, on the generated
# plans of tests/benchmarks (tideline-genplan), each against its reference, and a Markdown table
# of the figures and ratios (docs/performance.md, "Whole-process figures").
#
#   scripts/bench-processes.sh [--build DIR] [--work DIR] [--runs N] [--sizes "s0.5 s1 s2 s1-tables2x"]
#                              [--rows "compat check gui export verify"] [--verify-size v100] [--peak-all] [--out FILE]
#                              [--no-build]
#
# One command from a clean checkout: it configures and builds DIR (default build-rel, a Release
# build) for tideline-cli, tideline and tideline-genplan (only tideline-cli and tideline-genplan
# without the gui row; nothing with --no-build, which times the binaries DIR/bin and
# DIR/tests already hold, say a copy of an earlier build's), writes the plans into --work (default
# DIR/bench-processes), and prints the table (and writes it to --out when given).
#
# Rows and their references:
#   compat   `tideline-cli compat P.tideline`      vs `sqlite3 P.tideline 'select * from <every table>'`
#   check    `tideline-cli check P.tideline`       vs squawk linting the plan's exported pre/ and
#                                                     backfill/ PostgreSQL scripts (every release,
#                                                     one squawk process given every file by xargs)
#   gui      `tideline --screenshot x.png P`       vs `tideline-cli compat P.tideline` (window open to
#                                                     its first painted frame, offscreen)
#   export   `tideline-cli export --release all`   vs `tideline-cli export --release <middle release>`
#            (where `--release all` is missing, the binary predates it: the row is skipped)
#   verify   `tideline-cli verify P --release r1 --dsn PG` vs `psql` running r1's scripts (the
#            PostgreSQL export's manifest order), each twice, on a copy of a database at S_0
#            (`createdb -T`, untimed); WALL time, as the work is the server's; only on
#            --verify-size (default v100: 100 tables, 10 releases, 100 refactorings; verify of r1
#            of s0.5 takes about 4.5 minutes today). It starts a throwaway PostgreSQL 15 (scripts/servers.sh, port from
#            TIDELINE_PG_PORT, default 55432) and stops it at the end; without PostgreSQL's server
#            binaries the row is skipped.
# Every row but verify runs on every size; per run, the command and its reference take turns (pairs in
# turn), each timed by hyperfine (-N, one run, user + system CPU of the process and its children);
# the figure is the median of --runs (default 5) CPU times. Peak memory (max RSS) comes from one
# extra run under `/usr/bin/time -v` (of every row with --peak-all, else of compat only).
#
# Needs: hyperfine (Debian: apt-get install hyperfine; installed here when missing and we are
# root), sqlite3, GNU time (/usr/bin/time), python3, and squawk for the check row (found on PATH,
# in $SQUAWK, or under a build folder's npm/; else installed with npm as test.sh does).
set -euo pipefail

cd "$(dirname "$0")/.."
build="build-rel"
work=""
runs=5
sizes="s0.5 s1 s2 s1-tables2x"
rows="compat check gui export verify"
verify_size=v100
peak_rows=compat
out_file=""
no_build=0
while (($#)); do
    case $1 in
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    --verify-size) verify_size=$2; shift 2 ;;
    --peak-all) peak_rows=all; shift ;;
    --out) out_file=$2; shift 2 ;;
    --no-build) no_build=1; shift ;;
    -h | --help) sed -n '4,42p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-processes: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
work=${work:-$build/bench-processes}
log() { echo "bench-processes: $*" >&2; }
die() { log "$*"; exit 2; }

# ---- tools ---------------------------------------------------------------------------------------
if ! command -v hyperfine >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        log "installing hyperfine (apt-get)"
        apt-get install -y hyperfine >/dev/null || die "apt-get could not install hyperfine"
    else
        die "hyperfine is missing: install it (Debian/Ubuntu: sudo apt-get install hyperfine)"
    fi
fi
command -v sqlite3 >/dev/null || die "sqlite3 is missing (Debian: apt-get install sqlite3)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian: apt-get install time)"

squawk_bin()
{
    # The native binary, not npm's node wrapper: the reference is the linter, not node starting.
    local candidate
    for candidate in "${SQUAWK:-}" \
        "$build"/npm/node_modules/@squawk-cli/linux-x64/bin/squawk \
        build/npm/node_modules/@squawk-cli/linux-x64/bin/squawk \
        /work/main/build/npm/node_modules/@squawk-cli/linux-x64/bin/squawk \
        "$(command -v squawk || true)"; do
        [[ -n $candidate && -x $candidate ]] && { echo "$candidate"; return; }
    done
    log "installing squawk-cli 2.66.0 with npm into $build/npm (as test.sh does)"
    npm install --silent --no-audit --no-fund --prefix "$build/npm" squawk-cli@2.66.0 >&2 \
        || die "npm could not install squawk-cli: set SQUAWK=/path/to/squawk or drop the check row"
    echo "$build/npm/node_modules/@squawk-cli/linux-x64/bin/squawk"
}

# ---- build and plans -----------------------------------------------------------------------------
if ((no_build)); then
    log "timing the binaries in $build as they are (--no-build)"
elif [[ ! -f $build/CMakeCache.txt ]]; then
    log "configuring $build (Release)"
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
fi
# The window only for the gui row: a verify-only run need not build the GUI.
if ((!no_build)); then
    targets=(tideline-cli tideline-genplan)
    [[ " $rows " == *" gui "* ]] && targets+=(tideline)
    log "building ${targets[*]} in $build"
    cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null
fi
cli=$(realpath "$build/bin/tideline-cli")
gui=$(realpath "$build/bin/tideline")
genplan=$(realpath "$build/tests/tideline-genplan")
mkdir -p "$work"
work=$(realpath "$work")
export QT_QPA_PLATFORM=offscreen

for size in $sizes $verify_size; do
    if [[ ! -f $work/$size.tideline ]]; then
        "$genplan" --only "$size" "$work" >&2 || die "tideline-genplan failed for $size"
    fi
done

has_export_all=1
if ! "$cli" --help | grep -q 'all|FROM..TO'; then
    has_export_all=0
    log "this tideline-cli has no 'export --release all': the export row is skipped"
fi

# ---- measuring -----------------------------------------------------------------------------------
results=$work/results.tsv # row size which run cpu_seconds wall_seconds
: >"$results"
memory=$work/memory.tsv # row size which max_rss_kib
: >"$memory"

# time_once ROW SIZE WHICH RUN -- COMMAND...: one hyperfine run of COMMAND; appends its CPU time.
time_once()
{
    local row=$1 size=$2 which=$3 run=$4
    shift 5
    local json=$work/hyperfine.json quoted
    quoted=$(printf '%q ' "$@")
    hyperfine -N -i --runs 1 --style none --export-json "$json" "$quoted" >/dev/null 2>"$work/hyperfine.err" \
        || { cat "$work/hyperfine.err" >&2; die "hyperfine failed on: ${quoted:0:300}"; }
    python3 - "$json" "$row" "$size" "$which" "$run" >>"$results" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("\t".join(sys.argv[2:6] + [f"{r['user'] + r['system']:.4f}", f"{r['times'][0]:.4f}"]))
EOF
}

# peak ROW SIZE WHICH -- COMMAND...: one run under GNU time -v; appends the maximum resident set.
peak()
{
    local row=$1 size=$2 which=$3
    shift 4
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    printf '%s\t%s\t%s\t%s\n' "$row" "$size" "$which" \
        "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")" >>"$memory"
}

# The commands of one row and size: sets cmd=(...) and ref=(...).
commands_of()
{
    local row=$1 size=$2 plan=$work/$2.tideline
    case $row in
    compat)
        local tables
        tables=$(sqlite3 "$plan" "select group_concat('select * from \"' || name || '\"', '; ') from sqlite_master where type = 'table'")
        cmd=("$cli" compat "$plan")
        ref=(sqlite3 "$plan" "$tables")
        ;;
    check)
        cmd=("$cli" check "$plan")
        ref=(xargs -d '\n' -a "$work/$size-lint.txt" "$squawk")
        ;;
    gui)
        cmd=("$gui" --screenshot "$work/$size.png" "$plan")
        ref=("$cli" compat "$plan")
        ;;
    export)
        local releases middle
        releases=$(sqlite3 "$plan" "select count(*) from releases" 2>/dev/null || echo 200)
        middle=r$(((releases + 1) / 2))
        cmd=("$cli" export "$plan" --release all --out "$work/$size-export-all" --force)
        ref=("$cli" export "$plan" --release "$middle" --out "$work/$size-export-one" --force)
        ;;
    esac
}

squawk=""
for row in $rows; do
    case $row in
    compat | gui) ;;
    check) squawk=$(squawk_bin) ;;
    export) ((has_export_all)) || continue ;;
    verify) ;;
    *) die "unknown row '$row' (compat, check, gui, export, verify)" ;;
    esac
done

# verify: a throwaway PostgreSQL, a template database at S_0 and r1's scripts in running order.
verify_dsn=""
if [[ " $rows " == *" verify "* ]]; then
    if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || ! command -v psql >/dev/null; then
        log "no PostgreSQL server binaries or psql (Debian: apt-get install postgresql): the verify row is skipped"
        rows=${rows//verify/}
    else
        tl_log() { log "$*"; }
        tl_die() { die "$*"; }
        tl_is_root() { [[ $(id -u) -eq 0 ]]; }
        export TIDELINE_BUILD_DIR=$work
        # shellcheck source=scripts/servers.sh disable=SC1091
        source scripts/servers.sh
        trap stop_servers EXIT
        start_postgres
        verify_dsn=$TIDELINE_TEST_PG_DSN
        base_dsn=${verify_dsn%/*}
        psql -X -q -d "$verify_dsn" -c "drop database if exists bench_s0" -c "drop database if exists bench_run" \
            -c "create database bench_s0" >/dev/null
        "$cli" apply "$work/$verify_size.tideline" --release baseline --dsn "$base_dsn/bench_s0" >/dev/null
        "$cli" export "$work/$verify_size.tideline" --release r1 --dialect postgresql \
            --out "$work/$verify_size-verify-r1" --force >/dev/null
        mapfile -t verify_scripts < <(python3 -c '
import json, os, sys
for f in json.load(open(os.path.join(sys.argv[1], "manifest.json")))["files"]:
    path = f["path"] if isinstance(f, dict) else f
    if not path.startswith("offline/"):
        print(os.path.join(sys.argv[1], path))' "$work/$verify_size-verify-r1")
        psql_args=(psql -X -q -v ON_ERROR_STOP=1 -d "$base_dsn/bench_run")
        for script in "${verify_scripts[@]}"; do
            psql_args+=(-f "$script" -f "$script")
        done
    fi
fi

# A fresh copy of the S_0 database before each psql run (untimed).
reset_verify_db()
{
    psql -X -q -d "$verify_dsn" -c "drop database if exists bench_run" -c "create database bench_run template bench_s0" >/dev/null
}
if [[ -n $squawk ]]; then
    for size in $sizes; do
        [[ -f $work/$size-lint.txt ]] && continue
        log "exporting $size's PostgreSQL scripts for squawk"
        if ((has_export_all)); then
            "$cli" export "$work/$size.tideline" --release all --dialect postgresql --out "$work/$size-lint" --force >/dev/null
        else
            count=$(sqlite3 "$work/$size.tideline" "select count(*) from releases")
            for ((k = 1; k <= count; k++)); do
                "$cli" export "$work/$size.tideline" --release "r$k" --dialect postgresql \
                    --out "$work/$size-lint/r$k" --force >/dev/null
            done
        fi
        # The paths in a list that xargs hands to squawk: thousands of them overflow hyperfine's
        # command string, and squawk on one concatenated file is quadratic (15 s at s1, not 0.5 s).
        find "$work/$size-lint" \( -path '*/pre/*.sql' -o -path '*/backfill/*.sql' \) | sort >"$work/$size-lint.txt"
    done
fi

for ((run = 1; run <= runs; run++)); do
    if [[ -n $verify_dsn ]]; then
        log "run $run/$runs: verify $verify_size"
        time_once verify "$verify_size" cmd "$run" -- "$cli" verify "$work/$verify_size.tideline" --release r1 --dsn "$verify_dsn"
        reset_verify_db
        time_once verify "$verify_size" ref "$run" -- "${psql_args[@]}"
    fi
    for size in $sizes; do
        for row in $rows; do
            [[ $row == export ]] && ((!has_export_all)) && continue
            [[ $row == verify ]] && continue
            commands_of "$row" "$size"
            log "run $run/$runs: $row $size"
            time_once "$row" "$size" cmd "$run" -- "${cmd[@]}"
            time_once "$row" "$size" ref "$run" -- "${ref[@]}"
        done
    done
done
if [[ -n $verify_dsn ]]; then
    peak verify "$verify_size" cmd -- "$cli" verify "$work/$verify_size.tideline" --release r1 --dsn "$verify_dsn"
    reset_verify_db
    peak verify "$verify_size" ref -- "${psql_args[@]}"
fi
for size in $sizes; do
    for row in $rows; do
        [[ $row == export ]] && ((!has_export_all)) && continue
        [[ $row == verify ]] && continue
        [[ " $peak_rows " == *" $row "* || " $peak_rows " == *" all "* ]] || continue
        commands_of "$row" "$size"
        peak "$row" "$size" cmd -- "${cmd[@]}"
        peak "$row" "$size" ref -- "${ref[@]}"
    done
done

# ---- the table -----------------------------------------------------------------------------------
table=$(python3 - "$results" "$memory" "$sizes" "$rows" "$(du -k "$work"/*.tideline | awk '{print $2 "=" $1}' | tr '\n' ' ')" <<'EOF'
import statistics, sys
from collections import defaultdict
cpu = defaultdict(list)
wall = defaultdict(list)
for line in open(sys.argv[1]):
    row, size, which, run, c, w = line.rstrip("\n").split("\t")
    cpu[(row, size, which)].append(float(c))
    wall[(row, size, which)].append(float(w))
mem = {}
for line in open(sys.argv[2]):
    row, size, which, kib = line.rstrip("\n").split("\t")
    mem[(row, size, which)] = int(kib or 0)
sizes = sys.argv[3].split()
rows = sys.argv[4].split()
what = {
    "compat": ("`tideline-cli compat`", "`sqlite3` reading every table", "≤ 2×"),
    "check": ("`tideline-cli check`", "squawk on the pre/ + backfill/ scripts", "≤ 1×"),
    "gui": ("`tideline --screenshot` (open to first frame)", "`tideline-cli compat`", "≤ 2×"),
    "export": ("`export --release all`", "`export` of one release", "≤ 2×"),
    "verify": ("`verify --release r1` (WALL s)", "`psql` running r1's scripts twice (WALL s)", "≤ 1.3×"),
}
def series(key):
    return (wall if key[0] == "verify" else cpu)[key]
def mib(key):
    return f"{mem[key] / 1024:.0f}" if key in mem else "–"
def med(key):
    return statistics.median(series(key)) if series(key) else float("nan")
print("| what | plan | cpu s (median) | min – max | peak MiB | reference | ref cpu s | ref peak MiB | ratio | goal |")
print("|---|---|---|---|---|---|---|---|---|---|")
for row in rows:
    name, refname, goal = what[row]
    for size in sorted({k[1] for k in cpu if k[0] == row}, key=lambda s: sizes.index(s) if s in sizes else 99):
        c, r = med((row, size, "cmd")), med((row, size, "ref"))
        lo, hi = min(series((row, size, "cmd"))), max(series((row, size, "cmd")))
        print(f"| {name} | {size} | {c:.3f} | {lo:.3f} – {hi:.3f} | {mib((row, size, 'cmd'))} "
              f"| {refname} | {r:.3f} | {mib((row, size, 'ref'))} | **{c / r:.1f}×** | {goal} |")
print()
print("Scaling (cpu of the doubled plan over cpu of the smaller one; goal ≤ 2.2×):")
print()
pairs = [("s0.5", "s1"), ("s1", "s2"), ("s1", "s1-tables2x")]
print("| what | " + " | ".join(f"{a} → {b}" for a, b in pairs) + " |")
print("|---|" + "---|" * len(pairs))
for row in rows:
    if row == "verify" or not cpu[(row, sizes[0], "cmd")]:
        continue
    cells = []
    for a, b in pairs:
        if a in sizes and b in sizes:
            cells.append(f"{med((row, b, 'cmd')) / med((row, a, 'cmd')):.2f}×")
        else:
            cells.append("–")
    print(f"| {what[row][0]} | " + " | ".join(cells) + " |")
print()
print("Plan files (KiB): " + sys.argv[5])
EOF
)
echo "$table"
[[ -n $out_file ]] && echo "$table" >"$out_file"
log "raw timings: $results, peak memory: $memory"
