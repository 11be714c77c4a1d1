#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sets up a Debian 12 machine (packages, configure, build into build/) and runs the tests.
#
#   ./test.sh                every test except the benchmarks
#   ./test.sh --bench        only the benchmarks (label `benchmark`), verbose so figures show
#   ./test.sh -- ARGS        extra ctest arguments, e.g. -- -R tst_planjson
#
# Exits non-zero when the build or any test fails. CI=true is honoured: nothing prompts.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

bench=0
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bench) bench=1 ;;
        --) shift; extra=("$@"); break ;;
        -h | --help) sed -n '5,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) tl_die "unknown option '$1' (see ./test.sh --help)" ;;
    esac
    shift
done

# ---------------------------------------------------------------------------------------------
# THROWAWAY DATABASE SERVERS. Later issues start PostgreSQL and MariaDB here, on loopback, in
# folders under the build dir, and export their DSNs (e.g. TIDELINE_TEST_PG_DSN) for the tests.
# stop_servers must be idempotent: the trap below calls it on every exit path.
start_servers()
{
    :
}

stop_servers()
{
    :
}
# ---------------------------------------------------------------------------------------------

trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck disable=SC2119 # no build arguments: everything, tests included
tideline_setup

if [[ "${CI:-}" == true ]]; then
    export CLICOLOR=0 NO_COLOR=1
fi

start_servers

ctest_args=(--test-dir "$TIDELINE_BUILD_DIR" --output-on-failure --no-tests=error)
if [[ $bench == 1 ]]; then
    # One at a time, so the figures are not disturbed by other tests.
    ctest_args+=(-L benchmark -V)
else
    ctest_args+=(-LE benchmark --parallel "$TIDELINE_JOBS" --timeout 600)
fi

log="$TIDELINE_BUILD_DIR/ctest.log"
set +e
ctest "${ctest_args[@]}" "${extra[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

stop_servers
summary="$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)"
echo
echo "${summary:-ctest printed no summary (exit code $status)}"
exit "$status"
