#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file with translatable strings is missing from po/POTFILES.in,
# when POTFILES.in names a file that does not exist, or when it is not sorted.
set -eu
top=${1:-.}
cd "$top"

listed=$(grep -v '^#' po/POTFILES.in | sed '/^[[:space:]]*$/d')
status=0

for f in $(grep -rlE '(_|N_|C_|ngettext)[[:space:]]*\(' src --include='*.c' | sort) \
         $(grep -rl 'translatable="yes"' ui data --include='*.ui' --include='*.xml' --include='*.in' 2>/dev/null | sort); do
  # Only files that really use gettext markers count: _() with a string.
  if printf '%s\n' "$listed" | grep -qx "$f"; then
    continue
  fi
  if grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|ngettext)[[:space:]]*\("' "$f" || grep -q 'translatable="yes"' "$f"; then
    echo "not ok: $f has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "not ok: po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done

if [ "$(printf '%s\n' "$listed")" != "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then
  echo "not ok: po/POTFILES.in is not sorted"
  status=1
fi

[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists every translatable file"
exit $status
