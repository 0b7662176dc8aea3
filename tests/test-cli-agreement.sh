#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bofastctl agreement … and bofastctl check, driven from an empty directory
# as a script would drive them. TAP output.
#
# Usage: test-cli-agreement.sh BOFASTCTL DATA-DIR
set -u

bofastctl=${1:?bofastctl}
data=${2:?tests/data}
case $data in /*) ;; *) data=$(pwd)/$data ;; esac
case $bofastctl in /*) ;; *) bofastctl=$(pwd)/$bofastctl ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
export BOFAST_KDF_TEST_PARAMS=1 LC_ALL=C.UTF-8

PASS="en lang nok passfrase"
ID=6f1c2f0e-8a51-4c8e-9a55-2d7c1b0e4a01
DRAFT=6f1c2f0e-8a51-4c8e-9a55-2d7c1b0e4a02
n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  [ -f out ] && sed 's/^/# out: /' out
  [ -f err ] && sed 's/^/# err: /' err
}

# run EXPECTED-STATUS DESCRIPTION ARGS…: the passphrase is one line on stdin.
run () {
  expected=$1 desc=$2
  shift 2
  printf '%s\n' "$PASS" | "$bofastctl" "$@" >out 2>err
  status=$?
  if [ "$status" -ne "$expected" ]; then
    not_ok "$desc (exit $status, expected $expected)"
    return 1
  fi
  # A failure is exactly one line on stderr, "bofastctl: …". (check exits
  # 1 without one when a finding blocks signing.)
  if [ "$expected" -ne 0 ] && [ -s err -o "$expected" -eq 2 ]; then
    if [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^bofastctl: ' err; then
      not_ok "$desc (stderr is not one line)"
      return 1
    fi
  fi
  ok "$desc"
}

contains () {
  if grep -q -- "$2" "$3"; then ok "$1"; else not_ok "$1"; fi
}

lacks () {
  if grep -q -- "$2" "$3"; then not_ok "$1"; else ok "$1"; fi
}

same () {
  if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; fi
}

[ -z "$(ls -A .)" ] && ok "starts in an empty directory" || not_ok "starts in an empty directory"

run 0 "profile create A" profile create --name A
run 0 "import the agreement JSON" agreement import "$data/agreement-full.json" --name A
[ "$(cat out)" = "$ID" ] && ok "import prints the id" || not_ok "import prints the id"
run 0 "import a draft" agreement import "$data/agreement-draft.json" --name A

run 0 "list" agreement list
contains "list shows the tenant" "Kari Østby Ålien" out
contains "list shows the draft" "$DRAFT" out
run 0 "list --search bjorn --json" agreement list --search bjorn --json
contains "search bjorn finds Bjørnstadveien" "\"id\" : \"$ID\"" out
run 0 "list --search with FTS syntax" agreement list --search '" OR NEAR( *' --json
run 0 "list --search with no hit" agreement list --search "ingen slik leietaker"
lacks "search with no hit lists nothing" "$ID" out
run 0 "list --state aktiv" agreement list --state aktiv --json
contains "aktiv lists the active agreement" "$ID" out
lacks "aktiv leaves out the draft" "$DRAFT" out
run 0 "list --filter needs-attention" agreement list --filter needs-attention --today 2025-03-01 --json
lacks "nothing needs attention on 1 March" "$ID" out
run 0 "list --filter red-lamp" agreement list --filter red-lamp --today 2025-04-01 --json
contains "six weeks after the last contact the lamp is red" "red-lamp" out
run 2 "list --state bogus" agreement list --state bogus

run 0 "show" agreement show "$ID"
contains "show has the key access section" "7. Nøkkeltilgang" out
contains "show has the visit log" "Kjøleskapet var tomt" out
run 0 "show --json" agreement show "$ID" --json
same "show --json is the canonical JSON" out "$data/agreement-full.json"

run 0 "export --json" agreement export "$ID" --json first.json
same "export is byte-identical to the imported file" first.json "$data/agreement-full.json"
[ "$(stat -c %a first.json)" = 600 ] && ok "export is written 0600" || not_ok "export is written 0600"
run 1 "re-import into the same profile" agreement import first.json
contains "re-import says why" "already in this profile" err

run 0 "profile create B" profile create --name B
run 0 "re-import into profile B" agreement import first.json --name B
run 0 "export again from B" agreement export "$ID" --json second.json --name B
same "export → import → export is byte-identical" first.json second.json

run 0 "check an active agreement" check "$ID" --today 2025-03-01 --name A
contains "check says there are no findings" "No findings" out
run 1 "check a draft that blocks signing" check "$DRAFT" --today 2025-03-01 --name A
contains "the blocking finding is R01" "R01" out
run 1 "check --json" check "$DRAFT" --json --today 2025-03-01 --name A
contains "check --json lists the blocking finding" '"kind": "blocks"' out
contains "check --json names the rule" '"rule": "R01"' out
run 0 "check --json with no findings" check "$ID" --json --today 2025-03-01 --name A
[ "$(cat out)" = "[]" ] && ok "no findings is an empty list" || not_ok "no findings is an empty list"

run 1 "PDF export" agreement export "$ID" --pdf out.pdf --name A
contains "PDF export says it is missing" "PDF export is not available" err
run 2 "export needs --json or --pdf" agreement export "$ID" --name A
run 1 "show an unknown id" agreement show no-such-id --name A
run 2 "show without an id" agreement show
run 1 "import a file that is not JSON" agreement import "$data/../meson.build" --name A
run 1 "import a missing file" agreement import missing.json --name A
run 1 "more than one profile and none named" agreement list

PASS="feil passfrase igjen"
run 1 "a wrong passphrase" agreement list --name A

for c in "agreement list" "agreement show" "agreement import" "agreement export" "check"; do
  # shellcheck disable=SC2086
  run 0 "$c --help" $c --help
done

echo "1..$n"
exit $failed
