#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shows, with a given tideline-cli, what happens to a .tideline file that another process holds
# (issue 14, items 1 and 8): an sqlite3 shell with a write transaction that spilled to disk
# while `convert --force` saves over the file, then the shell killed -9 and the save repeated;
# and `validate` while a shell holds BEGIN EXCLUSIVE. Prints exit codes, messages, seconds and
# what the sqlite3 tool then finds in the file. tst_planfaults asserts the same; this is for
# comparing two builds by eye:
#
#   scripts/planfile-faults.sh build/bin/tideline-cli
#
# Needs sqlite3 and python3. Works in a temporary folder it removes.
set -euo pipefail
cli=$(realpath "${1:?usage: $0 TIDELINE_CLI}")
data="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/data/cli-valid.tideline.json"
work=$(mktemp -d)
shell_pid=
cleanup() { [[ -n "$shell_pid" ]] && kill -9 "$shell_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

python3 - "$data" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
json.dump(plan, open('a.tideline.json', 'w'))
plan['name'] = 'The other plan'
plan['releases'] += [{'id': 'x%d' % i, 'status': 'planned'} for i in range(200)]
json.dump(plan, open('b.tideline.json', 'w'))
PY

# Starts an sqlite3 shell on plan.tideline that runs $1 and stays in it.
hold() {
    rm -f in out; mkfifo in
    sqlite3 plan.tideline <in >out 2>&1 & shell_pid=$!
    exec 3>in
    printf '%s\nSELECT '"'"'holding'"'"';\n' "$1" >&3
    until grep -q holding out 2>/dev/null; do sleep 0.05; done
}
killShell() { kill -9 "$shell_pid"; wait "$shell_pid" 2>/dev/null || true; shell_pid=; exec 3>&-; }
timed() {
    local start end status=0 said
    start=$(date +%s%N)
    said=$("$@" 2>&1) || status=$?
    end=$(date +%s%N)
    printf '   %s\n   exit %s after %d ms\n' "$said" "$status" $(((end - start) / 1000000))
}

"$cli" convert a.tideline.json plan.tideline >/dev/null
echo "1. convert --force while an sqlite3 shell holds a spilled write transaction:"
hold "PRAGMA cache_size = 1; BEGIN; UPDATE releases SET label = 'half-written';
INSERT INTO baseline_rows SELECT 'filler' || i, i FROM (WITH RECURSIVE n(i) AS
(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i FROM n);"
timed "$cli" convert --force b.tideline.json plan.tideline
killShell
echo "2. the shell killed -9; its journal begins $(head -c 8 plan.tideline-journal | od -An -tx1 | tr -d ' \n') (d9d505f920a163d7: hot)"
echo "3. convert --force again:"
timed "$cli" convert --force b.tideline.json plan.tideline
echo "4. sqlite3: integrity_check: $(sqlite3 plan.tideline 'PRAGMA integrity_check' 2>&1 | head -1);" \
     "name: $(sqlite3 plan.tideline 'SELECT name FROM settings' 2>&1 | head -1);" \
     "releases: $(sqlite3 plan.tideline 'SELECT count(*) FROM releases' 2>&1 | head -1)"
echo "5. validate (a fresh plan) while an sqlite3 shell holds BEGIN EXCLUSIVE:"
rm -f plan.tideline plan.tideline-journal
"$cli" convert a.tideline.json plan.tideline >/dev/null
hold "BEGIN EXCLUSIVE;"
timed "$cli" validate plan.tideline
killShell
