# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
#
# Shared set-up of run.sh and test.sh: installs the Debian 12 packages Tideline needs, then
# configures and builds it. Source this file, then call `tideline_setup`.
#
# Environment:
#   TIDELINE_BUILD_DIR      build folder (default: <repo>/build)
#   TIDELINE_JOBS           parallel build jobs (default: nproc)
#   TIDELINE_BUILD_TYPE     CMAKE_BUILD_TYPE for a new build folder (default: the project's)
#   TIDELINE_SKIP_PACKAGES  1 = do not check or install packages (non-Debian machines)
#   TIDELINE_PACKAGE_LISTS  which of scripts/packages-*.txt to install (default: "run test")
#   CI                      true = nothing may prompt (apt-get and sudo never do here anyway)

TIDELINE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TIDELINE_BUILD_DIR="${TIDELINE_BUILD_DIR:-$TIDELINE_ROOT/build}"
TIDELINE_JOBS="${TIDELINE_JOBS:-$(nproc 2>/dev/null || echo 2)}"
TIDELINE_CONFIGURE_ARGS=()

# The Debian 12 packages, from the lists beside this file (README.md installs from them too):
# packages-run.txt to build and run, packages-test.txt on top of it for the tests.
# TIDELINE_PACKAGE_LISTS names the lists to install (default: both; run.sh asks only for "run").
tl_read_package_list()
{
    local file="$TIDELINE_ROOT/scripts/packages-$1.txt" line
    [[ -r "$file" ]] || tl_die "package list $file is missing"
    while IFS= read -r line || [[ -n "$line" ]]; do
        line="${line%%#*}"
        line="${line//[[:space:]]/}"
        [[ -n "$line" ]] && TIDELINE_PACKAGES+=("$line")
    done < "$file"
}

tl_log()
{
    printf '[tideline] %s\n' "$*" >&2
}

tl_die()
{
    tl_log "error: $*"
    exit 1
}

# Prints the names of the packages of TIDELINE_PACKAGES that are not installed.
tl_missing_packages()
{
    local name status
    for name in "${TIDELINE_PACKAGES[@]}"; do
        status="$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true)"
        [[ "$status" == "install ok installed" ]] || printf '%s\n' "$name"
    done
}

tl_is_root()
{
    [[ "$(id -u)" -eq 0 ]]
}

tl_can_sudo()
{
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null
}

# Runs "$@" as root: directly, or through non-interactive sudo. Returns 127 when neither works.
tl_as_root()
{
    if tl_is_root; then
        env DEBIAN_FRONTEND=noninteractive "$@"
    elif tl_can_sudo; then
        sudo -n env DEBIAN_FRONTEND=noninteractive "$@"
    else
        return 127
    fi
}

# Installs whatever is missing. A machine that has everything needs no network.
tideline_install_packages()
{
    local list
    TIDELINE_PACKAGES=()
    for list in ${TIDELINE_PACKAGE_LISTS:-run test}; do
        tl_read_package_list "$list"
    done
    if [[ "${TIDELINE_SKIP_PACKAGES:-0}" == 1 ]]; then
        tl_log "TIDELINE_SKIP_PACKAGES=1: not checking Debian packages"
        return 0
    fi
    command -v dpkg-query >/dev/null 2>&1 \
        || tl_die "dpkg-query not found: this set-up is for Debian 12 (set TIDELINE_SKIP_PACKAGES=1 to build anyway)"

    local missing
    mapfile -t missing < <(tl_missing_packages)
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi

    tl_log "missing packages: ${missing[*]}"
    if ! tl_is_root && ! tl_can_sudo; then
        tl_log "cannot install them: not root and no password-less sudo. Run this, then try again:"
        printf '  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y %s\n' \
            "${missing[*]}" >&2
        exit 1
    fi
    tl_as_root apt-get update -q || tl_die "apt-get update failed"
    tl_as_root apt-get install -y -q "${missing[@]}" || tl_die "apt-get install failed"

    mapfile -t missing < <(tl_missing_packages)
    [[ ${#missing[@]} -eq 0 ]] || tl_die "still missing after apt-get install: ${missing[*]}"
}

# Configures (incrementally) and builds. Extra arguments are passed to `cmake --build`,
# e.g. `--target tideline-cli`.
tideline_build()
{
    local configure_args=(-S "$TIDELINE_ROOT" -B "$TIDELINE_BUILD_DIR")
    if [[ -n "${TIDELINE_BUILD_TYPE:-}" ]]; then
        configure_args+=("-DCMAKE_BUILD_TYPE=$TIDELINE_BUILD_TYPE")
    fi
    # More -D settings for this build folder (./test.sh --sanitize: the sanitizer flags).
    configure_args+=("${TIDELINE_CONFIGURE_ARGS[@]}")
    tl_log "configuring in $TIDELINE_BUILD_DIR"
    cmake "${configure_args[@]}" || tl_die "cmake configure failed"
    tl_log "building with $TIDELINE_JOBS jobs"
    cmake --build "$TIDELINE_BUILD_DIR" --parallel "$TIDELINE_JOBS" "$@" \
        || tl_die "build failed"
}

tideline_setup()
{
    tideline_install_packages
    tideline_build "$@"
}
