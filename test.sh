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
# THROWAWAY DATABASE SERVERS: PostgreSQL 15 and MariaDB on loopback, in folders under the build
# dir, trusted without passwords (nothing but the tests can reach 127.0.0.1 here). Their DSNs are
# exported for the execution tests: TIDELINE_TEST_PG_DSN and TIDELINE_TEST_MYSQL_DSN.
# stop_servers must be idempotent: the trap below calls it on every exit path.
SQUAWK_VERSION=2.66.0   # squawk-cli, the PostgreSQL migration linter (tst_postgresdialect)
PG_BIN=/usr/lib/postgresql/15/bin
pg_dir=""
mariadb_dir=""

# Prints the first port from $1 on that nothing listens to on 127.0.0.1.
free_port()
{
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}

# Runs a command as the postgres user when we are root (initdb and postgres refuse root).
as_postgres()
{
    if tl_is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_postgres()
{
    local base="$TIDELINE_BUILD_DIR/servers"
    if tl_is_root && ! runuser -u postgres -- test -x "$TIDELINE_BUILD_DIR"; then
        base="$(mktemp -d /tmp/tideline-servers.XXXXXX)" # the postgres user cannot reach the build dir
        chmod 755 "$base"
    fi
    pg_dir="$base/postgresql"
    rm -rf "$pg_dir"
    mkdir -p "$pg_dir"
    tl_is_root && chown postgres: "$pg_dir"
    local port
    port="$(free_port 55432)"
    as_postgres "$PG_BIN/initdb" -D "$pg_dir/data" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 \
        >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log"; tl_die "initdb failed"; }
    as_postgres "$PG_BIN/pg_ctl" -w -D "$pg_dir/data" -l "$pg_dir/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir" start >/dev/null \
        || { cat "$pg_dir/server.log"; tl_die "PostgreSQL did not start"; }
    export TIDELINE_TEST_PG_DSN="postgresql://postgres@127.0.0.1:$port/postgres"
    tl_log "PostgreSQL 15 on 127.0.0.1:$port ($pg_dir)"
}

start_mariadb()
{
    mariadb_dir="$TIDELINE_BUILD_DIR/servers/mariadb"
    rm -rf "$mariadb_dir"
    mkdir -p "$mariadb_dir"
    local port user=()
    port="$(free_port 53306)"
    tl_is_root && user=(--user=root) # mariadbd refuses to run as root unless told to
    mariadb-install-db --no-defaults --datadir="$mariadb_dir/data" "${user[@]}" \
        --auth-root-authentication-method=normal --skip-test-db >"$mariadb_dir/install.log" 2>&1 \
        || { cat "$mariadb_dir/install.log"; tl_die "mariadb-install-db failed"; }
    mariadbd --no-defaults --datadir="$mariadb_dir/data" "${user[@]}" --bind-address=127.0.0.1 \
        --port="$port" --socket="$mariadb_dir/sock" --pid-file="$mariadb_dir/mariadbd.pid" \
        --skip-name-resolve --log-error="$mariadb_dir/server.log" >"$mariadb_dir/stdout.log" 2>&1 &
    local i
    for i in $(seq 1 60); do
        mariadb-admin --no-defaults -h 127.0.0.1 -P "$port" -u root ping >/dev/null 2>&1 && break
        sleep 0.5
    done
    mariadb --no-defaults -h 127.0.0.1 -P "$port" -u root -e 'CREATE DATABASE IF NOT EXISTS test' \
        || { cat "$mariadb_dir/server.log"; tl_die "MariaDB did not start"; }
    export TIDELINE_TEST_MYSQL_DSN="mysql://root@127.0.0.1:$port/test"
    tl_log "MariaDB on 127.0.0.1:$port ($mariadb_dir)"
}

# squawk from npm into the build dir, unless one is on PATH already.
install_squawk()
{
    local bin="$TIDELINE_BUILD_DIR/npm/node_modules/.bin"
    if ! command -v squawk >/dev/null && [[ ! -x "$bin/squawk" ]]; then
        tl_log "installing squawk-cli $SQUAWK_VERSION"
        npm install --silent --no-audit --no-fund --prefix "$TIDELINE_BUILD_DIR/npm" \
            "squawk-cli@$SQUAWK_VERSION" || tl_die "npm could not install squawk-cli"
    fi
    export PATH="$bin:$PATH"
}

start_servers()
{
    install_squawk
    start_postgres
    start_mariadb
}

stop_servers()
{
    if [[ -n "$pg_dir" && -f "$pg_dir/data/postmaster.pid" ]]; then
        as_postgres "$PG_BIN/pg_ctl" -w -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    fi
    if [[ -n "$mariadb_dir" && -f "$mariadb_dir/mariadbd.pid" ]]; then
        local pid
        pid="$(cat "$mariadb_dir/mariadbd.pid")"
        kill "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
        rm -f "$mariadb_dir/mariadbd.pid"
    fi
    pg_dir=""
    mariadb_dir=""
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
