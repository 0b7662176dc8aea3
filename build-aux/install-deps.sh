#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs everything Bofast needs to build, run and test on Debian 12
# ("bookworm"), using apt only.
#
# - SQLCipher 4.6 and a recent meson come from bookworm-backports, which this
#   script enables with one file in /etc/apt/sources.list.d/.
# - Running it again changes nothing. When every package and locale is already
#   present it only runs dpkg-query and returns within seconds: it never calls
#   "apt-get update" unless something is missing.
#
# Usage: build-aux/install-deps.sh        (as root, or through sudo)
set -eu

BACKPORTS_LIST=/etc/apt/sources.list.d/bookworm-backports.list

# Packages from the main archive.
MAIN_PKGS="
  build-essential pkg-config ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsodium-dev libjson-glib-dev
  desktop-file-utils appstream
  fonts-cantarell fonts-dejavu-core
  locales
  xvfb xauth x11-apps imagemagick dbus dbus-x11
  age minisign poppler-utils python3-jsonschema
  gvfs gvfs-backends gvfs-daemons rclone
"
# Packages that must come from bookworm-backports.
BACKPORTS_PKGS="libsqlcipher-dev sqlcipher meson"

LOCALES="nb_NO.UTF-8 nn_NO.UTF-8"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

missing_pkgs () {
  for p in "$@"; do
    if ! dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
      printf '%s ' "$p"
    fi
  done
}

# SQLCipher must be 4.6 or newer; an older one from the main archive does not count.
sqlcipher_too_old () {
  v=$(dpkg-query -W -f '${Version}' libsqlcipher-dev 2>/dev/null || true)
  # A missing package is already listed by missing_pkgs.
  [ -z "$v" ] && return 1
  dpkg --compare-versions "$v" lt 4.6 && return 0
  return 1
}

missing_locales () {
  have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
  for l in $LOCALES; do
    norm=$(printf '%s' "$l" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
    if ! printf '%s\n' "$have" | grep -qx "$norm"; then
      printf '%s ' "$l"
    fi
  done
}

if ! grep -qs 'ID=debian' /etc/os-release || ! grep -qs 'VERSION_CODENAME=bookworm' /etc/os-release; then
  echo "install-deps: warning: this script targets Debian 12 (bookworm); continuing anyway" >&2
fi

main_missing=$(missing_pkgs $MAIN_PKGS)
bp_missing=$(missing_pkgs $BACKPORTS_PKGS)
if sqlcipher_too_old; then
  bp_missing="$bp_missing libsqlcipher-dev"
fi
meson_v=$(dpkg-query -W -f '${Version}' meson 2>/dev/null || true)
if [ -n "$meson_v" ] && dpkg --compare-versions "$meson_v" lt 1.0; then
  bp_missing="$bp_missing meson"
fi

if [ -n "$main_missing$bp_missing" ]; then
  if [ -n "$bp_missing" ] && ! grep -rqs '^deb .*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/ \
     && ! grep -rqs 'bookworm-backports' /etc/apt/sources.list.d/*.sources 2>/dev/null; then
    echo "install-deps: enabling bookworm-backports in $BACKPORTS_LIST"
    echo 'deb http://deb.debian.org/debian bookworm-backports main' | $SUDO tee "$BACKPORTS_LIST" >/dev/null
  fi
  echo "install-deps: installing: $main_missing $bp_missing"
  $SUDO apt-get update -q
  if [ -n "$main_missing" ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $main_missing
  fi
  if [ -n "$bp_missing" ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
      -t bookworm-backports $BACKPORTS_PKGS
  fi
fi

loc_missing=$(missing_locales)
if [ -n "$loc_missing" ]; then
  echo "install-deps: generating locales: $loc_missing"
  for l in $loc_missing; do
    if ! grep -q "^$l UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$l UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
    fi
  done
  $SUDO locale-gen >/dev/null
fi

echo "install-deps: everything Bofast needs is installed"
