#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Tideline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sets up a Debian 12 machine (packages, configure, build into build/) and runs Tideline.
#
#   ./run.sh                 the main job (see TIDELINE_MAIN below)
#   ./run.sh --gui [ARGS]    the desktop app; without ARGS it opens the example plan
#   ./run.sh --cli [ARGS]    tideline-cli; without ARGS it runs the main CLI job
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# THE MAIN JOB. `cli` for now; change this one line to `gui` once the timeline grid lands.
TIDELINE_MAIN=cli
# ---------------------------------------------------------------------------------------------

EXAMPLE=resources/examples/customer-full-name.tideline.json
CLI_ARGS=(compat "$EXAMPLE")
GUI_ARGS=("$EXAMPLE")

cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

mode="$TIDELINE_MAIN"
case "${1:-}" in
    --gui) mode=gui; shift ;;
    --cli) mode=cli; shift ;;
    -h | --help)
        sed -n '5,9s/^# \{0,1\}//p' "$0"
        exit 0 ;;
esac
if [[ $# -gt 0 ]]; then
    if [[ "$mode" == gui ]]; then GUI_ARGS=("$@"); else CLI_ARGS=("$@"); fi
fi

case "$mode" in
    cli)
        tideline_setup --target tideline-cli
        exec "$TIDELINE_BUILD_DIR/bin/tideline-cli" "${CLI_ARGS[@]}"
        ;;
    gui)
        tideline_setup --target tideline
        if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" \
              && " ${GUI_ARGS[*]} " != *" --screenshot "* ]]; then
            tl_log "no DISPLAY or WAYLAND_DISPLAY: the window cannot be shown here."
            tl_log "try: ./run.sh --gui $EXAMPLE --screenshot /tmp/tideline.png"
        fi
        exec "$TIDELINE_BUILD_DIR/bin/tideline" "${GUI_ARGS[@]}"
        ;;
    *)
        tl_die "unknown TIDELINE_MAIN '$mode' (cli or gui)"
        ;;
esac
