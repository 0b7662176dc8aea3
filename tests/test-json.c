/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "bf-json.h"
#include "fixtures.h"

/* ---- the scanner ------------------------------------------------------- */

static void
assert_rejected (const char *data,
                 gssize      length,
                 gsize       max_bytes,
                 guint       max_depth,
                 int         code,
                 const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (length < 0)
    length = (gssize) strlen (data);
  node = bf_json_parse (data, (gsize) length, max_bytes, max_depth, &error);
  g_assert_null (node);
  g_assert_error (error, BF_JSON_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message_part);
}

static void
test_scan_accepts (void)
{
  static const char * const good[] = {
    "{}", "[]", "0", "-0", "\"x\"", "true", "null",
    "{\"a\":[1,2,{\"b\":\"æøå\\n\\u00e6\\ud83d\\ude00\"}],\"c\":-9007199254740992}",
    " \t\n{ \"a\" : 1.5e3 , \"b\" : [ ] }\r\n",
    "{\"a\":{\"x\":1},\"b\":{\"x\":1}}",   /* the same key in different objects */
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = bf_json_parse (good[i], strlen (good[i]), 0, 0, &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

static void
test_scan_too_big (void)
{
  g_autofree char *big = g_strnfill (100, ' ');

  big[0] = '[';
  big[98] = ']';
  assert_rejected (big, 100, 64, 0, BF_JSON_ERROR_TOO_BIG, "more than the limit of 64 bytes");
}

static void
test_scan_too_deep (void)
{
  /* Deep enough that json-glib 1.6 would overflow its stack. */
  gsize n = 200000;
  g_autofree char *deep = g_malloc (2 * n + 1);
  g_autoptr(GString) objects = g_string_new (NULL);

  memset (deep, '[', n);
  memset (deep + n, ']', n);
  deep[2 * n] = '\0';
  assert_rejected (deep, -1, 4 * n, 0, BF_JSON_ERROR_TOO_DEEP, "nested more than 32 levels");

  for (guint i = 0; i < 40; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (guint i = 0; i < 40; i++)
    g_string_append_c (objects, '}');
  assert_rejected (objects->str, -1, 0, 0, BF_JSON_ERROR_TOO_DEEP, "a.a.a.a");
  assert_rejected ("[[[1]]]", -1, 0, 2, BF_JSON_ERROR_TOO_DEEP, "[0][0]");
}

static void
test_scan_invalid_utf8 (void)
{
  assert_rejected ("{\"a\":\"\xc3\x28\"}", -1, 0, 0, BF_JSON_ERROR_INVALID_UTF8, "UTF-8");
  assert_rejected ("{\"a\":\"\xed\xa0\x80\"}", -1, 0, 0, BF_JSON_ERROR_INVALID_UTF8, NULL);   /* CESU surrogate */
  assert_rejected ("{\"a\":\"x\0y\"}", 11, 0, 0, BF_JSON_ERROR_INVALID_UTF8, NULL);          /* NUL byte */
  assert_rejected ("\xef\xbb\xbf{}", -1, 0, 0, BF_JSON_ERROR_SYNTAX, NULL);                     /* BOM */
}

static void
test_scan_duplicate_key (void)
{
  assert_rejected ("{\"a\":1,\"a\":2}", -1, 0, 0, BF_JSON_ERROR_DUPLICATE_KEY, "a: the field appears more than once");
  assert_rejected ("{\"a\":1,\"\\u0061\":2}", -1, 0, 0, BF_JSON_ERROR_DUPLICATE_KEY, NULL);
  assert_rejected ("{\"header\":{\"tenant_name\":\"A\",\"tenant_name\":\"B\"}}", -1, 0, 0,
                   BF_JSON_ERROR_DUPLICATE_KEY, "header.tenant_name:");
  assert_rejected ("{\"parties\":[{},{\"id\":1,\"id\":1}]}", -1, 0, 0,
                   BF_JSON_ERROR_DUPLICATE_KEY, "parties[1].id:");
}

static void
test_scan_number_range (void)
{
  assert_rejected ("{\"n\":9007199254740993}", -1, 0, 0, BF_JSON_ERROR_NUMBER_RANGE, "n: the number 9007199254740993");
  assert_rejected ("[-9007199254740993]", -1, 0, 0, BF_JSON_ERROR_NUMBER_RANGE, "[0]");
  assert_rejected ("[123456789012345678901234567890]", -1, 0, 0, BF_JSON_ERROR_NUMBER_RANGE, NULL);
  assert_rejected ("[1e400]", -1, 0, 0, BF_JSON_ERROR_NUMBER_RANGE, NULL);
  assert_rejected ("[1e20]", -1, 0, 0, BF_JSON_ERROR_NUMBER_RANGE, NULL);
  assert_rejected ("[NaN]", -1, 0, 0, BF_JSON_ERROR_SYNTAX, NULL);
  assert_rejected ("[Infinity]", -1, 0, 0, BF_JSON_ERROR_SYNTAX, NULL);
  assert_rejected ("[-Infinity]", -1, 0, 0, BF_JSON_ERROR_SYNTAX, NULL);
}

static void
test_scan_syntax (void)
{
  static const char * const bad[] = {
    "", "   ", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "[01]", "[1.]", "[.5]",
    "[+1]", "{} {}", "{}x", "[\"\\x\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\u12\"]",
    "[\"tab\there\"]", "[tru]", "{\"a\":1 \"b\":2}", "[\"\\u0000\"]", "{1:2}", "]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_rejected (bad[i], -1, 0, 0, BF_JSON_ERROR_SYNTAX, NULL);
}

/* ---- the canonical writer ---------------------------------------------- */

static void
test_canonical_writer (void)
{
  g_autoptr(GError) error = NULL;
  const char *in = "{\"b\":[1,{\"z\":null,\"a\":\"æ\\\"\\\\\\n\\u0001\"}],\"c\":[1,\"x\",null],\"a\":true,\"A\":{}}";
  g_autoptr(JsonNode) node = bf_json_parse (in, strlen (in), 0, 0, &error);
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;

  g_assert_no_error (error);
  compact = bf_json_to_string (node, FALSE);
  g_assert_cmpstr (compact, ==, "{\"A\":{},\"a\":true,\"b\":[1,{\"a\":\"æ\\\"\\\\\\n\\u0001\",\"z\":null}],\"c\":[1,\"x\",null]}");
  pretty = bf_json_to_string (node, TRUE);
  g_assert_cmpstr (pretty, ==,
                   "{\n  \"A\": {},\n  \"a\": true,\n  \"b\": [\n    1,\n    {\n"
                   "      \"a\": \"æ\\\"\\\\\\n\\u0001\",\n      \"z\": null\n    }\n  ],\n  \"c\": [1, \"x\", null]\n}");
}

/* ---- round trips ------------------------------------------------------- */

static void
test_roundtrip_full (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) b = NULL;
  g_autoptr(BfAgreement) c = NULL;
  g_autoptr(GError) error = NULL;
  BfAgreementJsonFlags flags = BF_AGREEMENT_JSON_PRETTY | BF_AGREEMENT_JSON_WITH_LOGS;
  g_autofree char *first = bf_agreement_to_json (a, flags);
  g_autofree char *second = NULL;
  g_autofree char *compact1 = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  g_autofree char *compact2 = NULL;
  g_autofree char *hash = NULL;
  BfSignature *sig;

  b = bf_agreement_new_from_json (first, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
  second = bf_agreement_to_json (b, flags);
  g_assert_cmpstr (first, ==, second);

  c = bf_agreement_new_from_json (compact1, -1, &error);
  g_assert_no_error (error);
  compact2 = bf_agreement_to_json (c, BF_AGREEMENT_JSON_WITH_LOGS);
  g_assert_cmpstr (compact1, ==, compact2);

  /* Every section and log made it, with æøå and the strokes. */
  g_assert_cmpint (bf_agreement_get_state (b), ==, BF_AGREEMENT_STATE_AKTIV);
  g_assert_cmpuint (bf_agreement_get_version (b), ==, 1);
  hash = bf_agreement_compute_content_hash (b);
  g_assert_cmpstr (hash, ==, bf_agreement_get_version_hash (a));
  g_assert_true (bf_agreement_all_signed (b));
  g_assert_cmpstr (bf_agreement_get_first_signed_at (b), ==, "2025-01-28T10:15:00Z");
  g_assert_cmpstr (bf_agreement_get_first_signed_at (c), ==, "2025-01-28T10:15:00Z");
  g_assert_cmpstr (bf_agreement_get_header (b)->tenant_name, ==, "Kari Østby Ålien");
  g_assert_cmpuint (bf_agreement_get_background (b)->goals_short_term->len, ==, 2);
  g_assert_cmpuint (bf_agreement_get_key_access (b)->conditions.no_contact_hours, ==, 48);
  g_assert_cmpuint (bf_agreement_get_consent (b)->sharing->len, ==, 2);
  sig = bf_agreement_get_signature (b, ID_TENANT);
  g_assert_cmpuint (sig->strokes->len, ==, 2);
  g_assert_cmpint (g_array_index ((GArray *) g_ptr_array_index (sig->strokes, 0), BfPoint, 2).t, ==, 33);
  g_assert_cmpint (g_array_index ((GArray *) g_ptr_array_index (sig->strokes, 1), BfPoint, 0).pressure, ==, -1);
  g_assert_cmpuint (bf_agreement_get_visits (b)->len, ==, 2);
  g_assert_cmpuint (bf_agreement_get_key_uses (b)->len, ==, 1);
  g_assert_cmpuint (bf_agreement_get_evaluations (b)->len, ==, 1);
  g_assert_cmpuint (bf_agreement_get_breaches (b)->len, ==, 1);
  g_assert_cmpuint (((BfEvaluation *) g_ptr_array_index (bf_agreement_get_evaluations (b), 0))->measures->len, ==, 3);
}

/* tests/data/agreement-full.json is the documented example: reading and
 * writing it must give the same bytes, and it must equal the fixture. */
static void
test_roundtrip_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "agreement-full.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *fixture_json = NULL;
  g_autoptr(BfAgreement) a = NULL;
  g_autoptr(BfAgreement) fixture = fixture_active ();
  g_autoptr(GError) error = NULL;
  gsize length;

  /* BF_UPDATE_TEST_DATA=1 rewrites the file from the fixture after a
   * deliberate schema change; review the diff before committing it. */
  if (g_getenv ("BF_UPDATE_TEST_DATA") != NULL)
    {
      g_autofree char *text = bf_agreement_to_json (fixture, BF_AGREEMENT_JSON_PRETTY | BF_AGREEMENT_JSON_WITH_LOGS);

      g_assert_true (g_file_set_contents (path, text, -1, &error));
    }

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  a = bf_agreement_new_from_json (contents, (gssize) length, &error);
  g_assert_no_error (error);
  out = bf_agreement_to_json (a, BF_AGREEMENT_JSON_PRETTY | BF_AGREEMENT_JSON_WITH_LOGS);
  g_assert_cmpstr (out, ==, contents);
  fixture_json = bf_agreement_to_json (fixture, BF_AGREEMENT_JSON_PRETTY | BF_AGREEMENT_JSON_WITH_LOGS);
  g_assert_cmpstr (fixture_json, ==, contents);
}

/* The example in docs/agreement-json.md must stay valid. */
static void
test_docs_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "agreement-json.md", NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAgreement) a = NULL;
  const char *start;
  const char *end;

  g_assert_true (g_file_get_contents (path, &doc, NULL, &error));
  g_assert_no_error (error);
  start = g_strrstr (doc, "```json\n");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "\n```");
  g_assert_nonnull (end);
  a = bf_agreement_new_from_json (start, end - start, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bf_agreement_get_header (a)->tenant_name, ==, "Kari Østby Ålien");
  g_assert_cmpuint (bf_agreement_get_measures (a)->len, ==, 1);
}

static void
test_roundtrip_draft_without_version (void)
{
  g_autoptr(BfAgreement) a = bf_agreement_new ();
  g_autoptr(BfAgreement) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  bf_agreement_get_header (a)->type = BF_AGREEMENT_TYPE_TILLEGGSAVTALE;
  bf_agreement_get_header (a)->tenant_name = g_strdup ("Ola Nordmann");
  json = bf_agreement_to_json (a, 0);
  g_assert_null (strstr (json, "\"version\""));
  b = bf_agreement_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  again = bf_agreement_to_json (b, 0);
  g_assert_cmpstr (json, ==, again);
  g_assert_cmpuint (bf_agreement_get_version (b), ==, 0);
}

static void
test_roundtrip_log_entries (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  struct { BfLogKind kind; gpointer entry; GDestroyNotify free; } cases[] = {
    { BF_LOG_KIND_VISIT, g_ptr_array_index (bf_agreement_get_visits (a), 0), (GDestroyNotify) bf_visit_free },
    { BF_LOG_KIND_KEY_USE, g_ptr_array_index (bf_agreement_get_key_uses (a), 0), (GDestroyNotify) bf_key_use_free },
    { BF_LOG_KIND_EVALUATION, g_ptr_array_index (bf_agreement_get_evaluations (a), 0), (GDestroyNotify) bf_evaluation_free },
    { BF_LOG_KIND_BREACH, g_ptr_array_index (bf_agreement_get_breaches (a), 0), (GDestroyNotify) bf_breach_free },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = bf_log_entry_to_json (cases[i].kind, cases[i].entry, ID_AGREEMENT, FALSE);
      g_autofree char *again = NULL;
      g_autofree char *agreement_id = NULL;
      g_autofree char *wrong = NULL;
      gpointer entry;

      g_assert_nonnull (strstr (json, bf_log_kind_to_schema (cases[i].kind)));
      entry = bf_log_entry_new_from_json (cases[i].kind, json, -1, &agreement_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (agreement_id, ==, ID_AGREEMENT);
      again = bf_log_entry_to_json (cases[i].kind, entry, agreement_id, FALSE);
      g_assert_cmpstr (json, ==, again);
      cases[i].free (entry);

      /* A visit is not a breach. */
      entry = bf_log_entry_new_from_json ((cases[i].kind + 1) % 4, json, -1, NULL, &error);
      g_assert_null (entry);
      g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_UNSUPPORTED_SCHEMA);
    }
}

/* ---- the loader's validation -------------------------------------------- */

typedef void (*Mutate) (JsonObject *root);

static void
assert_load_fails (Mutate      mutate,
                   int         code,
                   const char *expected_prefix)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autofree char *json = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(BfAgreement) b = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  mutate (json_node_get_object (json_parser_get_root (parser)));
  changed = bf_json_to_string (json_parser_get_root (parser), FALSE);
  b = bf_agreement_new_from_json (changed, -1, &error);
  g_assert_null (b);
  g_assert_error (error, BF_JSON_ERROR, code);
  if (!g_str_has_prefix (error->message, expected_prefix))
    g_error ("“%s” does not start with “%s”", error->message, expected_prefix);
}

static JsonObject *
member (JsonObject *o, const char *key)
{
  return json_object_get_object_member (o, key);
}

static JsonObject *
element (JsonObject *o, const char *key, guint i)
{
  return json_array_get_object_element (json_object_get_array_member (o, key), i);
}

static void wrong_type_string (JsonObject *r) { json_object_set_int_member (member (r, "header"), "tenant_name", 5); }
static void wrong_type_bool (JsonObject *r) { json_object_set_string_member (member (r, "key_access"), "agreed", "ja"); }
static void wrong_type_int (JsonObject *r) { json_object_set_string_member (member (member (r, "key_access"), "entry_conditions"), "no_contact_hours", "48"); }
static void wrong_type_array (JsonObject *r) { json_object_set_string_member (r, "parties", "alle"); }
static void wrong_type_element (JsonObject *r) { json_array_add_string_element (json_object_get_array_member (r, "measures"), "x"); }
static void wrong_type_point (JsonObject *r)
{
  JsonArray *strokes = json_object_get_array_member (element (r, "signatures", 0), "strokes");
  json_array_add_element (json_array_get_array_element (strokes, 0), json_node_init_double (json_node_alloc (), 1.5));
}
static void unknown_enum (JsonObject *r) { json_object_set_string_member (element (r, "parties", 1), "role", "sjef"); }
static void unknown_state (JsonObject *r) { json_object_set_string_member (r, "state", "opphevet"); }
static void dangling_party (JsonObject *r) { json_object_set_string_member (element (r, "measures", 2), "responsible_party", "0b6a4c3e-1f2d-4e5a-8b7c-9d0e1f2a3bff"); }
static void dangling_signature (JsonObject *r) { json_object_set_string_member (element (r, "signatures", 0), "party", "0b6a4c3e-1f2d-4e5a-8b7c-9d0e1f2a3bff"); }
static void missing_required (JsonObject *r) { json_object_remove_member (member (r, "header"), "tenant_name"); }
static void missing_measure_party (JsonObject *r) { json_object_remove_member (element (r, "measures", 1), "responsible_party"); }
static void missing_visit_date (JsonObject *r) { json_object_remove_member (element (member (r, "logs"), "visits", 1), "date"); }
static void empty_required (JsonObject *r) { json_object_set_string_member (member (r, "header"), "tenant_name", ""); }
static void unknown_field (JsonObject *r) { json_object_set_string_member (member (r, "header"), "fodselsnummer", "01019012345"); }
static void bad_date (JsonObject *r) { json_object_set_string_member (member (r, "duration"), "to", "31.01.2026"); }
static void bad_time (JsonObject *r) { json_object_set_string_member (element (member (r, "logs"), "key_uses", 0), "time", "i går"); }
static void bad_id (JsonObject *r) { json_object_set_string_member (element (r, "parties", 0), "id", "leietaker"); }
static void bad_range (JsonObject *r) { json_object_set_int_member (member (r, "key_access"), "staff_count", 500); }
static void wrong_schema (JsonObject *r) { json_object_set_string_member (r, "schema", "bofast.visit"); }
static void future_schema (JsonObject *r) { json_object_set_int_member (r, "schema_version", 2); }
static void tampered_text (JsonObject *r) { json_object_set_string_member (r, "breach_consequences", "Leietaker sies opp ved brudd."); }
static void ended_without_reason (JsonObject *r) { json_object_set_string_member (r, "state", "avsluttet"); }
static void reversed_duration (JsonObject *r) { json_object_set_string_member (member (r, "duration"), "from", "2027-01-01"); }
static void first_signed_bad (JsonObject *r) { json_object_set_string_member (r, "first_signed_at", "28.01.2025"); }
static void first_signed_not_utc (JsonObject *r) { json_object_set_string_member (r, "first_signed_at", "2025-01-28T11:15:00+01:00"); }
static void first_signed_without_version (JsonObject *r)
{
  json_object_set_string_member (r, "state", "utkast");
  json_object_set_array_member (r, "signatures", json_array_new ());
  json_object_remove_member (r, "version");
}

static void
test_load_wrong_type (void)
{
  assert_load_fails (wrong_type_string, BF_JSON_ERROR_WRONG_TYPE, "header.tenant_name: the value must be a string");
  assert_load_fails (wrong_type_bool, BF_JSON_ERROR_WRONG_TYPE, "key_access.agreed: the value must be true or false");
  assert_load_fails (wrong_type_int, BF_JSON_ERROR_WRONG_TYPE, "key_access.entry_conditions.no_contact_hours: the value must be a whole number");
  assert_load_fails (wrong_type_array, BF_JSON_ERROR_WRONG_TYPE, "parties: the value must be a list");
  assert_load_fails (wrong_type_element, BF_JSON_ERROR_WRONG_TYPE, "measures[3]: the value must be an object");
  assert_load_fails (wrong_type_point, BF_JSON_ERROR_WRONG_TYPE, "signatures[0].strokes[0][3]: a point must be");
}

static void
test_load_unknown_enum (void)
{
  assert_load_fails (unknown_enum, BF_JSON_ERROR_UNKNOWN_VALUE, "parties[1].role: “sjef” is not a known party role");
  assert_load_fails (unknown_state, BF_JSON_ERROR_UNKNOWN_VALUE, "state: “opphevet” is not a known agreement state");
}

static void
test_load_dangling_reference (void)
{
  assert_load_fails (dangling_party, BF_JSON_ERROR_BAD_REFERENCE, "measures[2].responsible_party: refers to a party that does not exist");
  assert_load_fails (dangling_signature, BF_JSON_ERROR_BAD_REFERENCE, "signatures[0].party: refers to a party that does not exist");
}

static void
test_load_missing_required (void)
{
  assert_load_fails (missing_required, BF_JSON_ERROR_MISSING_FIELD, "header.tenant_name: a required field is missing");
  assert_load_fails (missing_measure_party, BF_JSON_ERROR_MISSING_FIELD, "measures[1].responsible_party: a required field is missing");
  assert_load_fails (missing_visit_date, BF_JSON_ERROR_MISSING_FIELD, "logs.visits[1].date: a required field is missing");
  assert_load_fails (empty_required, BF_JSON_ERROR_MISSING_FIELD, "header.tenant_name: a required field is empty");
  assert_load_fails (ended_without_reason, BF_JSON_ERROR_MISSING_FIELD, "end_reason:");
}

static void
test_load_invalid_values (void)
{
  assert_load_fails (unknown_field, BF_JSON_ERROR_UNKNOWN_FIELD, "header.fodselsnummer: this field is not part of the schema");
  assert_load_fails (bad_date, BF_JSON_ERROR_INVALID_VALUE, "duration.to: “31.01.2026” is not a date");
  assert_load_fails (bad_time, BF_JSON_ERROR_INVALID_VALUE, "logs.key_uses[0].time:");
  assert_load_fails (bad_id, BF_JSON_ERROR_INVALID_VALUE, "parties[0].id: “leietaker” is not a UUID");
  assert_load_fails (bad_range, BF_JSON_ERROR_NUMBER_RANGE, "key_access.staff_count: 500 is outside");
  assert_load_fails (reversed_duration, BF_JSON_ERROR_INVALID_VALUE, "duration.to:");
  assert_load_fails (first_signed_bad, BF_JSON_ERROR_INVALID_VALUE, "first_signed_at: “28.01.2025” is not a time");
  assert_load_fails (first_signed_not_utc, BF_JSON_ERROR_INVALID_VALUE, "first_signed_at: “2025-01-28T11:15:00+01:00” is not a time in UTC");
  assert_load_fails (first_signed_without_version, BF_JSON_ERROR_INVALID_VALUE, "first_signed_at: an agreement without a saved version");
}

/* JSON written before first_signed_at existed still loads, and is written
 * back as it was: nothing is made up on reading. */
static void
test_load_without_first_signed_at (void)
{
  g_autoptr(BfAgreement) active = fixture_active ();
  g_autoptr(JsonNode) node = bf_agreement_to_json_node (active, BF_AGREEMENT_JSON_WITH_LOGS);
  g_autofree char *old = NULL;
  g_autofree char *again = NULL;
  g_autoptr(BfAgreement) a = NULL;
  g_autoptr(GError) error = NULL;

  json_object_remove_member (json_node_get_object (node), "first_signed_at");
  old = bf_json_to_string (node, FALSE);
  a = bf_agreement_new_from_json (old, -1, &error);
  g_assert_no_error (error);
  g_assert_null (bf_agreement_get_first_signed_at (a));
  g_assert_true (bf_agreement_all_signed (a));
  again = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  g_assert_cmpstr (again, ==, old);
}

static void
test_load_schema (void)
{
  g_autoptr(GError) error = NULL;

  assert_load_fails (wrong_schema, BF_JSON_ERROR_UNSUPPORTED_SCHEMA, "schema:");
  assert_load_fails (future_schema, BF_JSON_ERROR_UNSUPPORTED_SCHEMA, "schema_version:");
  g_assert_null (bf_agreement_new_from_json ("[1,2]", -1, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE);
}

/* A signed text changed outside Bofast no longer matches its hash. */
static void
test_load_tampered (void)
{
  assert_load_fails (tampered_text, BF_JSON_ERROR_INVALID_VALUE, "version.hash:");
}

/* Malformed bytes reach the model loader's caller as scanner errors. */
static void
test_load_unsafe_bytes (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (bf_agreement_new_from_json ("{\"schema\":\"bofast.agreement\",\"schema\":\"x\"}", -1, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_DUPLICATE_KEY);
  g_clear_error (&error);
  g_assert_null (bf_agreement_new_from_json ("{\"schema_version\":1e999}", -1, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_NUMBER_RANGE);
}

/* A cheap stand-in for a fuzzer that runs on every build: thousands of
 * damaged copies of the full example (bytes flipped, inserted, deleted,
 * truncated) must each load or fail with an error, never crash or leak. */
static void
test_damaged_inputs (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autofree char *good = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  gsize n = strlen (good);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250301);
  static const char interesting[] = "{}[]\",:0-9e.\\u\xc3\xa6\xff\x00 tn";
  guint loaded = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autofree char *copy = g_memdup2 (good, n + 1);
      gsize length = n;
      guint edits = g_rand_int_range (rand, 1, 4);
      g_autoptr(GError) error = NULL;
      g_autoptr(BfAgreement) b = NULL;

      for (guint e = 0; e < edits; e++)
        {
          gsize at = g_rand_int_range (rand, 0, (gint32) length);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              copy[at] = interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];
              break;
            case 1:
              memmove (copy + at, copy + at + 1, length - at);
              length--;
              break;
            default:
              length = MAX (at, 1);
              break;
            }
        }
      b = bf_agreement_new_from_json (copy, (gssize) length, &error);
      if (b != NULL)
        {
          g_assert_no_error (error);
          loaded++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == BF_JSON_ERROR);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
    }
  g_test_message ("%u of 3000 damaged copies still loaded", loaded);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/scan/accepts", test_scan_accepts);
  g_test_add_func ("/json/scan/too-big", test_scan_too_big);
  g_test_add_func ("/json/scan/too-deep", test_scan_too_deep);
  g_test_add_func ("/json/scan/invalid-utf8", test_scan_invalid_utf8);
  g_test_add_func ("/json/scan/duplicate-key", test_scan_duplicate_key);
  g_test_add_func ("/json/scan/number-range", test_scan_number_range);
  g_test_add_func ("/json/scan/syntax", test_scan_syntax);
  g_test_add_func ("/json/canonical-writer", test_canonical_writer);
  g_test_add_func ("/json/roundtrip/full", test_roundtrip_full);
  g_test_add_func ("/json/roundtrip/file", test_roundtrip_file);
  g_test_add_func ("/json/docs-example", test_docs_example);
  g_test_add_func ("/json/roundtrip/draft-without-version", test_roundtrip_draft_without_version);
  g_test_add_func ("/json/roundtrip/log-entries", test_roundtrip_log_entries);
  g_test_add_func ("/json/load/wrong-type", test_load_wrong_type);
  g_test_add_func ("/json/load/unknown-enum", test_load_unknown_enum);
  g_test_add_func ("/json/load/dangling-reference", test_load_dangling_reference);
  g_test_add_func ("/json/load/missing-required", test_load_missing_required);
  g_test_add_func ("/json/load/invalid-values", test_load_invalid_values);
  g_test_add_func ("/json/load/without-first-signed-at", test_load_without_first_signed_at);
  g_test_add_func ("/json/load/schema", test_load_schema);
  g_test_add_func ("/json/load/tampered", test_load_tampered);
  g_test_add_func ("/json/load/unsafe-bytes", test_load_unsafe_bytes);
  g_test_add_func ("/json/load/damaged-inputs", test_damaged_inputs);

  return g_test_run ();
}
