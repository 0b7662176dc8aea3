#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of the dialogs, for looking at them: runs test-ui-dialogs
# under its own Xvfb with BOFAST_SHOTS_DIR set, and captures each dialog
# the tests leave on screen for a moment.
#
# Usage: shoot-dialogs.sh BUILD_DIR OUT_DIR PREFIX [WIDTHxHEIGHT]
# Set ADW_DEBUG_COLOR_SCHEME=prefer-dark for dark, BOFAST_SHOTS_LARGE_TEXT=1
# for large text, LANG and
# BOFAST_TEST_LOCALEDIR for a translation.
set -eu

build=$1
out=$2
prefix=$3
size=${4:-1366x768}

tmp=$(mktemp -d)
trap 'kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$out" "$tmp/ids"

mkfifo "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$tmp/displayfd" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
read -r display_num <"$tmp/displayfd"

DISPLAY=":$display_num" GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none \
GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" BOFAST_SHOTS_DIR="$tmp/ids" \
  dbus-run-session -- "$build/tests/test-ui-dialogs" >"$tmp/test.log" 2>&1 &
test_pid=$!

while kill -0 "$test_pid" 2>/dev/null; do
  for f in "$tmp"/ids/*; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    sleep 0.3
    DISPLAY=":$display_num" xwd -silent -id "$(cat "$f")" | convert xwd:- "$out/$prefix-$name.png"
    rm -f "$f"
    echo "$out/$prefix-$name.png"
  done
  sleep 0.1
done
wait "$test_pid" || { cat "$tmp/test.log"; exit 1; }
