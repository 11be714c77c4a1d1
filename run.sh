#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sets up a Debian 12 machine (the packages of scripts/packages-run.txt, configure, build into
# build/) and runs Tideline.
#
#   ./run.sh                 the desktop app on the example plan; with no display it writes the
#                            window to a PNG instead and says where
#   ./run.sh --gui [ARGS]    the desktop app with your arguments (a plan file, --screenshot F, ...)
#   ./run.sh --cli [ARGS]    tideline-cli; without ARGS: the compatibility matrix of the example
set -euo pipefail

EXAMPLE=resources/examples/customer-full-name.tideline.json
CLI_ARGS=(compat "$EXAMPLE")
GUI_ARGS=("$EXAMPLE")

cd "$(dirname "${BASH_SOURCE[0]}")"
# Running needs only what builds and runs the programs; ./test.sh installs the test tools.
export TIDELINE_PACKAGE_LISTS="${TIDELINE_PACKAGE_LISTS:-run}"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

mode=gui
case "${1:-}" in
    --gui) shift ;;
    --cli) mode=cli; shift ;;
    -h | --help)
        sed -n '5,11s/^# \{0,1\}//p' "$0"
        exit 0 ;;
esac
if [[ $# -gt 0 ]]; then
    if [[ "$mode" == gui ]]; then GUI_ARGS=("$@"); else CLI_ARGS=("$@"); fi
fi

# True when the window can be shown: a display to talk to, or a platform the user chose.
can_show_window()
{
    [[ -n "${QT_QPA_PLATFORM:-}" || -n "${WAYLAND_DISPLAY:-}" ]] && return 0
    [[ -n "${DISPLAY:-}" ]] || return 1
    # A DISPLAY whose server is gone would make Qt abort; ask the server first when we can.
    if command -v xdpyinfo >/dev/null 2>&1; then
        xdpyinfo >/dev/null 2>&1
    else
        return 0
    fi
}

case "$mode" in
    cli)
        tideline_setup --target tideline-cli
        exec "$TIDELINE_BUILD_DIR/bin/tideline-cli" "${CLI_ARGS[@]}"
        ;;
    gui)
        tideline_setup --target tideline
        if [[ " ${GUI_ARGS[*]} " == *" --screenshot"* ]] || can_show_window; then
            exec "$TIDELINE_BUILD_DIR/bin/tideline" "${GUI_ARGS[@]}"
        fi
        shot="$TIDELINE_BUILD_DIR/tideline-window.png"
        tl_log "no display here (DISPLAY and WAYLAND_DISPLAY are unset or unreachable), so the window"
        tl_log "cannot open. Writing what it would show to $shot instead."
        "$TIDELINE_BUILD_DIR/bin/tideline" --screenshot "$shot" --size 1600x1000 "${GUI_ARGS[@]}"
        tl_log "wrote $shot — open it with an image viewer. On a desktop, ./run.sh opens the window."
        ;;
esac
