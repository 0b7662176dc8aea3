#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that docs/agreement.schema.json is a valid JSON Schema and that the
# full example agreement conforms to it. Skips (77) without python3-jsonschema.
import json
import sys

try:
    import jsonschema
except ImportError:
    print("skip: python3-jsonschema is not installed")
    sys.exit(77)

top = sys.argv[1] if len(sys.argv) > 1 else "."
with open(f"{top}/docs/agreement.schema.json", encoding="utf-8") as f:
    schema = json.load(f)
with open(f"{top}/tests/data/agreement-full.json", encoding="utf-8") as f:
    example = json.load(f)

jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(example)

bad = json.loads(json.dumps(example))
bad["header"]["fodselsnummer"] = "01019012345"
if jsonschema.Draft202012Validator(schema).is_valid(bad):
    print("not ok: the schema accepts an unknown field")
    sys.exit(1)
# first_signed_at is a UTC time and needs a saved version, as the reader says.
if "first_signed_at" not in example:
    print("not ok: the example does not show first_signed_at")
    sys.exit(1)
bad = json.loads(json.dumps(example))
bad["first_signed_at"] = "2025-01-28T11:15:00+01:00"
if jsonschema.Draft202012Validator(schema).is_valid(bad):
    print("not ok: the schema accepts first_signed_at outside UTC")
    sys.exit(1)
bad = json.loads(json.dumps(example))
bad["state"] = "utkast"
del bad["version"]
if jsonschema.Draft202012Validator(schema).is_valid(bad):
    print("not ok: the schema accepts first_signed_at without a version")
    sys.exit(1)
print("ok: the example conforms to docs/agreement.schema.json")
