#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The issue's "done when", from empty directories, as an administrator and
# two members would do it: a share, a worker and a supervisor enrolled in
# the same unit, demo agreements saved by the worker (each save makes its
# record), a sync each, an audit; then every record is checked with the
# stock minisign and age tools, and one flipped byte fails the audit.
# TAP output; skipped when age or minisign is not installed.
#
# Usage: test-share-flow.sh BOFASTCTL
set -u

bofastctl=${1:?bofastctl}
case $bofastctl in /*) ;; *) bofastctl=$(pwd)/$bofastctl ;; esac

for tool in age minisign python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
export BOFAST_KDF_TEST_PARAMS=1 LC_ALL=C.UTF-8

PASS="en lang nok passfrase"
SHARE="$work/share"
ADMIN="$work/admin"
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
  ok "$desc"
}

# json_get FILE KEY: one string or number member of a JSON object.
json_get () {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

run 0 "share init" share init "$SHARE" --org "Eksempel kommune" --admin-dir "$ADMIN"

run 0 "worker profile create" profile create --name Kari --unit "Bydel Nord"
run 0 "supervisor profile create" profile create --name Siri --unit "Bydel Nord"

run 0 "worker share request" share request "$SHARE" --name Kari --json
worker=$(json_get out member_id)
worker_digits=$(json_get out fingerprint)
run 0 "supervisor share request" share request "$SHARE" --name Siri --json
supervisor=$(json_get out member_id)
supervisor_digits=$(json_get out fingerprint)

run 0 "enrol the worker" share enrol "$SHARE" --admin-dir "$ADMIN" "$worker" \
  --role worker --unit "Bydel Nord" --fingerprint "$worker_digits"
run 0 "enrol the supervisor" share enrol "$SHARE" --admin-dir "$ADMIN" "$supervisor" \
  --role supervisor --unit "Bydel Nord" --fingerprint "$supervisor_digits"

run 0 "demo agreements into the worker" demo --agreements 20 --seed 3 --name Kari

run 0 "worker sync" sync --name Kari --json
pushed=$(json_get out pushed)
if [ "$pushed" -gt 20 ]; then
  ok "the worker pushed $pushed records (at least one per agreement)"
else
  not_ok "the worker pushed $pushed records, expected more than 20"
fi

run 0 "supervisor sync" sync --name Siri --json
pulled=$(json_get out pulled)
readable=$(json_get out readable)
if [ "$pulled" -eq "$pushed" ] && [ "$readable" -eq "$pushed" ]; then
  ok "the supervisor pulled and read all $pulled records"
else
  not_ok "the supervisor pulled $pulled and read $readable of $pushed records"
fi

run 0 "verify the share" verify "$SHARE"

# Every record, with the stock tools only.
sign_key=$(json_get "$SHARE/members/$worker.json" sign_key)
feed="$SHARE/records/$worker"
count=0
bad_sig=0
bad_age=0
mkdir payloads
for record in "$feed"/*.age; do
  count=$((count + 1))
  if ! minisign -V -q -P "$sign_key" -m "$record" >/dev/null 2>err; then
    bad_sig=$((bad_sig + 1))
    sed "s|^|# $record: |" err
  fi
  if ! age -d -i "$ADMIN/recovery-identity.txt" -o "payloads/${record##*/}.json" "$record" 2>err; then
    bad_age=$((bad_age + 1))
    sed "s|^|# $record: |" err
  fi
done
if [ "$count" -eq "$pushed" ] && [ "$bad_sig" -eq 0 ]; then
  ok "minisign -V accepts all $count records"
else
  not_ok "minisign -V refused $bad_sig of $count records ($pushed pushed)"
fi
if [ "$count" -eq "$pushed" ] && [ "$bad_age" -eq 0 ]; then
  ok "age -d with the recovery identity decrypts all $count records"
else
  not_ok "age -d failed for $bad_age of $count records"
fi

# Each payload is JSON with the feed fields, matching its file name and
# chained to the previous file's SHA-256.
if python3 - "$feed" payloads "$worker" >out 2>err <<'EOF'
import hashlib, json, os, sys
feed, payloads, author = sys.argv[1:4]
prev = "0" * 64
names = sorted(n for n in os.listdir(feed) if n.endswith(".age"))
for i, name in enumerate(names, 1):
    p = json.load(open(os.path.join(payloads, name + ".json")))
    assert p["format"] == "bofast/1", (name, p["format"])
    assert p["author"] == author, (name, p["author"])
    assert p["seq"] == i == int(name[:10]), (name, p["seq"])
    assert p["prev"] == prev, (name, "prev")
    assert p["kind"] in ("agreement.version", "agreement.signatures", "visit", "key-use",
                         "evaluation", "breach"), (name, p["kind"])
    assert len(p["subject"]) == 36, (name, p["subject"])
    assert p["time"].endswith("Z"), (name, p["time"])
    assert isinstance(p["body"], dict), name
    prev = hashlib.sha256(open(os.path.join(feed, name), "rb").read()).hexdigest()
print(len(names))
EOF
then
  ok "every payload has the feed fields, seq from 1 and the prev chain"
else
  not_ok "a payload lacks the feed fields or breaks the chain"
fi

# One flipped byte in the middle of a record.
victim="$feed/0000000002.age"
python3 - "$victim" <<'EOF'
import sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[len(data) // 2] ^= 0x01
open(path, "wb").write(bytes(data))
EOF
if minisign -V -q -P "$sign_key" -m "$victim" >/dev/null 2>&1; then
  not_ok "minisign -V refuses the tampered record"
else
  ok "minisign -V refuses the tampered record"
fi
run 1 "verify fails on the tampered record" verify "$SHARE"

echo "1..$n"
exit $failed
