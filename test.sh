#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sets up a Debian 12 machine (packages, configure, build into build/) and runs the tests.
#
#   ./test.sh                every test except the benchmarks, then each fuzzer for 20 s
#   ./test.sh --bench        only the benchmarks (label `benchmark`), verbose so figures show
#   ./test.sh --fuzz [SECONDS]  only the libFuzzer harnesses (build-fuzz/, clang), each SECONDS (60)
#   ./test.sh --sanitize     an ASan/UBSan build of everything (build-asan/, gcc) and every test in it
#   ./test.sh -- ARGS        extra ctest arguments, e.g. -- -R tst_planjson
#
# Exits non-zero when the build or any test fails. CI=true is honoured: nothing prompts.
# TIDELINE_FUZZ_SECONDS sets the default path's fuzzing time per harness (0: none).
# docs/reliability.md tells what the fuzzers and the sanitizer run cover.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

bench=0
fuzz_only=0
sanitize=0
test_timeout=600
fuzz_seconds="${TIDELINE_FUZZ_SECONDS:-20}"
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bench) bench=1 ;;
        --fuzz)
            fuzz_only=1
            fuzz_seconds=60
            if [[ $# -gt 1 && "$2" =~ ^[0-9]+$ ]]; then
                fuzz_seconds="$2"
                shift
            fi
            ;;
        --sanitize) sanitize=1 ;;
        --) shift; extra=("$@"); break ;;
        -h | --help) sed -n '5,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) tl_die "unknown option '$1' (see ./test.sh --help)" ;;
    esac
    shift
done

# THROWAWAY DATABASE SERVERS: scripts/servers.sh (also usable by hand: see its header).
# shellcheck source=scripts/servers.sh
source scripts/servers.sh
SQUAWK_VERSION=2.66.0   # squawk-cli, the PostgreSQL migration linter (tst_postgresdialect)
LIQUIBASE_VERSION=4.28.1 # the liquibase npm package ships Liquibase's CLI (tst_runners)

# A tool from npm into the build dir, unless COMMAND is on PATH already; BIN (below
# node_modules) is where the package keeps COMMAND, put first on PATH.
install_npm_tool() # PACKAGE VERSION COMMAND BIN
{
    local bin="$TIDELINE_BUILD_DIR/npm/node_modules/$4"
    if ! command -v "$3" >/dev/null && [[ ! -x "$bin/$3" ]]; then
        tl_log "installing $1 $2"
        npm install --silent --no-audit --no-fund --prefix "$TIDELINE_BUILD_DIR/npm" \
            "$1@$2" || tl_die "npm could not install $1"
    fi
    export PATH="$bin:$PATH"
}

start_servers()
{
    install_npm_tool squawk-cli "$SQUAWK_VERSION" squawk .bin
    # Liquibase's CLI runs offline with Debian's JDBC drivers (scripts/packages-test.txt).
    install_npm_tool liquibase "$LIQUIBASE_VERSION" liquibase liquibase/dist/liquibase
    # Its own SQLite driver logs through slf4j, which it does not ship: Debian's, in its lib/.
    local lib="$TIDELINE_BUILD_DIR/npm/node_modules/liquibase/dist/liquibase/lib"
    if [[ -d "$lib" ]]; then
        ln -sf /usr/share/java/slf4j-api.jar /usr/share/java/slf4j-nop.jar "$lib/"
    fi
    export LIQUIBASE_ANALYTICS_ENABLED=false LIQUIBASE_HUB_MODE=off
    start_postgres
    start_mariadb
}

# DEBIAN SCHEMAS for tst_schemaroundtrip: real schemas nobody here wrote (roundcube-core and the
# PowerDNS backends ship them for PostgreSQL, MySQL and SQLite), fetched once with apt-get
# download into a cache, unpacked there, and named by TIDELINE_DEBIAN_SCHEMAS. Any failure only
# warns: the test then skips the package, naming it.
DEBIAN_SCHEMA_PACKAGES=(roundcube-core pdns-backend-pgsql pdns-backend-sqlite3 pdns-backend-mysql)
fetch_debian_schemas()
{
    local cache="${XDG_CACHE_HOME:-$HOME/.cache}/tideline/debian-schemas" package deb output
    if ! mkdir -p "$cache/debs" "$cache/root"; then
        tl_log "WARNING: cannot create $cache: the Debian schema round trips will be skipped"
        return 0
    fi
    for package in "${DEBIAN_SCHEMA_PACKAGES[@]}"; do
        [[ -e "$cache/root/.$package" ]] && continue # unpacked by an earlier run
        rm -f "$cache/debs/${package}_"*.deb
        if ! output="$(cd "$cache/debs" && apt-get download "$package" 2>&1)"; then
            tl_log "WARNING: apt-get download $package failed, its round trip will be skipped: ${output##*$'\n'}"
            continue
        fi
        for deb in "$cache/debs/${package}_"*.deb; do
            if dpkg-deb -x "$deb" "$cache/root"; then
                touch "$cache/root/.$package"
            else
                tl_log "WARNING: dpkg-deb -x $deb failed, the round trip of $package will be skipped"
            fi
        done
    done
    export TIDELINE_DEBIAN_SCHEMAS="$cache/root"
}
# ---------------------------------------------------------------------------------------------

# FUZZING: the harnesses of tests/fuzz, built by clang in build-fuzz/ (scripts/fuzz.sh).
# shellcheck source=scripts/fuzz.sh
source scripts/fuzz.sh

if [[ $fuzz_only == 1 ]]; then
    tideline_install_packages
    fuzz_build
    fuzz_run "$fuzz_seconds"
    exit $?
fi

# SANITIZERS: everything again in build-asan/ with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc); the first report ends the program that made it, so its test fails. Leaks of the
# third-party libraries only are suppressed, each with its reason (scripts/lsan-suppressions.txt).
if [[ $sanitize == 1 ]]; then
    TIDELINE_BUILD_DIR="$TIDELINE_ROOT/build-asan"
    sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    TIDELINE_CONFIGURE_ARGS=("-DCMAKE_CXX_FLAGS=$sanitizers" "-DCMAKE_C_FLAGS=$sanitizers"
                             "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
    # -O1 and line tables only (-g1): ASan's usual level; reports still name file and line, and
    # the build takes far less than at the default -O2 -g.
    TIDELINE_CONFIGURE_ARGS+=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
                              "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")
    command -v ccache >/dev/null && TIDELINE_CONFIGURE_ARGS+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
                                                            -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    test_timeout=1800 # a sanitized test runs two to four times slower
    export QTEST_FUNCTION_TIMEOUT=1500000 # QtTest's own limit per test function (ms)
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    export LSAN_OPTIONS="suppressions=$TIDELINE_ROOT/scripts/lsan-suppressions.txt:print_suppressions=0"
    fuzz_seconds=0 # the fuzzers are sanitized builds of their own
fi

trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck disable=SC2119 # no build arguments: everything, tests included
tideline_setup

if [[ "${CI:-}" == true ]]; then
    export CLICOLOR=0 NO_COLOR=1
fi

start_servers
fetch_debian_schemas

ctest_args=(--test-dir "$TIDELINE_BUILD_DIR" --output-on-failure --no-tests=error)
if [[ $bench == 1 ]]; then
    # One at a time, so the figures are not disturbed by other tests.
    ctest_args+=(-L benchmark -V)
else
    ctest_args+=(-LE benchmark --parallel "$TIDELINE_JOBS" --timeout "$test_timeout")
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

# A short fuzzing run on the default path (CI): builds the harnesses and runs each for
# TIDELINE_FUZZ_SECONDS (20 s); a found input fails the run like a failed test.
if [[ $bench == 0 && ${#extra[@]} -eq 0 && "$fuzz_seconds" -gt 0 ]]; then
    fuzz_started=$SECONDS
    fuzz_status=0
    fuzz_build
    fuzz_run "$fuzz_seconds" || fuzz_status=$?
    echo "fuzzing: $((SECONDS - fuzz_started)) s (build and ${#TIDELINE_FUZZ_HARNESSES[@]} harnesses x $fuzz_seconds s)"
    [[ $status -ne 0 ]] || status=$fuzz_status
fi
exit "$status"
