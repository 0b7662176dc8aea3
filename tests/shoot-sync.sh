#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of sync (the status popover in each state, the join dialog,
# the problems view), for looking at them: runs shoot-sync under its own
# Xvfb, in light and dark, with the Bokmål translation and the
# work-in-progress translations folded in.
#
# Usage: shoot-sync.sh BUILD_DIR OUT_DIR [WIDTHxHEIGHT] [LANG]
set -eu

build=$1
out=$2
size=${3:-1024x600}
lang=${4:-nb_NO.UTF-8}
src=$(dirname "$0")/..

tmp=$(mktemp -d)
trap 'kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$out"

for l in nb nn; do
  mkdir -p "$tmp/locale/$l/LC_MESSAGES"
  msgcat --use-first "$src/po/$l.po" "$src"/po/wip-*-"$l".po 2>/dev/null |
    msgfmt -o "$tmp/locale/$l/LC_MESSAGES/bofast.mo" -
done

mkfifo "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$tmp/displayfd" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
read -r display_num <"$tmp/displayfd"

for scheme in light dark; do
  home="$tmp/home-$scheme"
  mkdir -p "$home/data" "$home/config" "$home/cache" "$home/runtime"
  chmod 700 "$home/runtime"
  color=default
  [ "$scheme" = dark ] && color=prefer-dark
  DISPLAY=":$display_num" GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none \
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  XDG_RUNTIME_DIR="$home/runtime" LANG="$lang" LC_ALL="$lang" LANGUAGE="" \
  ADW_DEBUG_COLOR_SCHEME="$color" BOFAST_SHOTS_LOCALEDIR="$tmp/locale" \
    dbus-run-session -- "$build/tests/shoot-sync" "$out" "$scheme"
done
