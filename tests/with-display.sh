#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a test under its own Xvfb server and D-Bus session bus, and stops both
# afterwards, so UI tests need no display from whoever runs "meson test" and
# leave nothing behind.
#
# Usage: with-display.sh PROGRAM [ARGS...]
set -eu

if ! command -v Xvfb >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "1..0 # SKIP Xvfb or dbus-run-session is not installed (run build-aux/install-deps.sh)"
  exit 0
fi

tmp=$(mktemp -d)
trap 'kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

# -displayfd lets Xvfb choose a free display number and tell us which.
mkfifo "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp -noreset 3>"$tmp/displayfd" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
read -r display_num <"$tmp/displayfd"

DISPLAY=":$display_num"
GDK_BACKEND=x11
# Software rendering keeps results the same on machines without a GPU.
GSK_RENDERER=cairo
LIBGL_ALWAYS_SOFTWARE=1
export DISPLAY GDK_BACKEND GSK_RENDERER LIBGL_ALWAYS_SOFTWARE

dbus-run-session -- "$@"
