#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
#
# Throwaway PostgreSQL 15 and MariaDB servers on 127.0.0.1 for the execution tests.
#
# Sourced by test.sh (start_postgres, start_mariadb, stop_servers). By hand, for running single
# tests against servers of your own (ports are searched upwards from TIDELINE_PG_PORT, default
# 55432, and TIDELINE_MYSQL_PORT, default 53306):
#
#   eval "$(scripts/servers.sh start /tmp/my-servers)"   # prints the exports of the DSNs
#   ctest --test-dir build -R tst_postgresdialect
#   scripts/servers.sh stop /tmp/my-servers
#
# Needs TIDELINE_BUILD_DIR (where the servers' folders go) when sourced; `start DIR` sets it.

# PostgreSQL 15 and MariaDB on loopback, in folders under the build
# dir, trusted without passwords (nothing but the tests can reach 127.0.0.1 here). Their DSNs are
# exported for the execution tests: TIDELINE_TEST_PG_DSN and TIDELINE_TEST_MYSQL_DSN.
# stop_servers must be idempotent: the trap below calls it on every exit path.
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
    port="$(free_port "${TIDELINE_PG_PORT:-55432}")"
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
    port="$(free_port "${TIDELINE_MYSQL_PORT:-53306}")"
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

# Run as a script: start or stop both servers under a folder of your choice.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    tl_log() { printf '[servers] %s\n' "$*" >&2; }
    tl_die() { tl_log "error: $*"; exit 1; }
    tl_is_root() { [[ "$(id -u)" -eq 0 ]]; }
    [[ $# -eq 2 ]] || tl_die "usage: $0 start|stop DIR"
    mkdir -p "$2"
    TIDELINE_BUILD_DIR="$(cd "$2" && pwd)"
    case "$1" in
        start)
            start_postgres
            start_mariadb
            echo "$pg_dir" >"$TIDELINE_BUILD_DIR/pg_dir"
            printf 'export TIDELINE_TEST_PG_DSN=%q\nexport TIDELINE_TEST_MYSQL_DSN=%q\n' \
                "$TIDELINE_TEST_PG_DSN" "$TIDELINE_TEST_MYSQL_DSN"
            ;;
        stop)
            pg_dir="$(cat "$TIDELINE_BUILD_DIR/pg_dir" 2>/dev/null || true)"
            mariadb_dir="$TIDELINE_BUILD_DIR/servers/mariadb"
            stop_servers
            ;;
        *) tl_die "usage: $0 start|stop DIR" ;;
    esac
fi
