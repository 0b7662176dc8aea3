/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bf-agreement-json.h"
#include "bf-agreement-store.h"
#include "bf-date.h"
#include "bf-demo.h"
#include "bf-profile.h"
#include "bf-rules.h"
#include "bf-test-util.h"

#define TODAY "2026-03-15"
#define N_SAME 200
#define N_COVER 500

static BfDemo *
make_demo (guint32     seed,
           const char *today_text)
{
  GDate today;

  g_assert_true (bf_date_parse (today_text, &today));
  return bf_demo_new (seed, &today);
}

static BfAgreement *
generate (BfDemo *demo,
          guint   index)
{
  g_autoptr(GError) error = NULL;
  BfAgreement *a = bf_demo_generate_agreement (demo, index, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static char *
to_json (BfAgreement *a)
{
  return bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
}

static void
test_same_seed (void)
{
  g_autoptr(BfDemo) one = make_demo (42, TODAY);
  g_autoptr(BfDemo) two = make_demo (42, TODAY);

  for (guint i = 0; i < N_SAME; i++)
    {
      g_autoptr(BfAgreement) a = generate (one, i);
      g_autoptr(BfAgreement) b = generate (two, i);
      g_autofree char *ja = to_json (a);
      g_autofree char *jb = to_json (b);

      g_assert_cmpstr (ja, ==, jb);
    }
}

/* Each agreement depends only on the seed and its index, not on what was
 * generated before it. */
static void
test_any_order (void)
{
  g_autoptr(BfDemo) demo = make_demo (42, TODAY);
  g_autoptr(BfDemo) fresh = make_demo (42, TODAY);
  g_autoptr(BfAgreement) later = generate (demo, 357);
  g_autoptr(BfAgreement) early = generate (demo, 3);
  g_autoptr(BfAgreement) again = generate (fresh, 3);
  g_autoptr(BfAgreement) later_again = generate (fresh, 357);
  g_autofree char *j1 = to_json (early);
  g_autofree char *j2 = to_json (again);
  g_autofree char *j3 = to_json (later);
  g_autofree char *j4 = to_json (later_again);

  g_assert_cmpstr (j1, ==, j2);
  g_assert_cmpstr (j3, ==, j4);
  g_assert_cmpstr (j1, !=, j3);
}

static void
test_different_seed (void)
{
  g_autoptr(BfDemo) one = make_demo (42, TODAY);
  g_autoptr(BfDemo) two = make_demo (43, TODAY);
  guint differ = 0;
  guint same_tenant = 0;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(BfAgreement) a = generate (one, i);
      g_autoptr(BfAgreement) b = generate (two, i);
      g_autofree char *ja = to_json (a);
      g_autofree char *jb = to_json (b);

      g_assert_cmpstr (bf_agreement_get_id (a), !=, bf_agreement_get_id (b));
      if (g_strcmp0 (ja, jb) != 0)
        differ++;
      if (g_strcmp0 (bf_agreement_get_header (a)->tenant_name, bf_agreement_get_header (b)->tenant_name) == 0)
        same_tenant++;
    }
  g_assert_cmpuint (differ, ==, 50);
  g_assert_cmpuint (same_tenant, <, 10);
}

/* Another today gives other agreements, with other ids, so that runs on
 * different days can fill the same profile; the same today gives the same. */
static void
test_today (void)
{
  g_autoptr(BfDemo) one = make_demo (42, TODAY);
  g_autoptr(BfDemo) two = make_demo (42, "2027-01-02");
  g_autoptr(BfDemo) three = make_demo (42, "2027-01-02");
  g_autoptr(BfAgreement) a = generate (one, 0);
  g_autoptr(BfAgreement) b = generate (two, 0);
  g_autoptr(BfAgreement) c = generate (three, 0);
  g_autofree char *jb = to_json (b);
  g_autofree char *jc = to_json (c);
  GDate today;

  bf_demo_get_today (two, &today);
  g_assert_cmpint (g_date_get_year (&today), ==, 2027);
  g_assert_cmpuint (bf_demo_get_seed (two), ==, 42);
  g_assert_cmpstr (bf_agreement_get_id (a), !=, bf_agreement_get_id (b));
  g_assert_cmpstr (jb, ==, jc);
}

typedef struct
{
  guint states[BF_AGREEMENT_STATE_AVSLATT + 1];
  guint end_reasons[BF_END_REASON_LEIEFORHOLD_AVSLUTTET + 1];
  guint visit_types[BF_VISIT_TYPE_FOLGE_TIL_AVTALE + 1];
  guint decisions[BF_EVALUATION_DECISION_AVSLUTTE + 1];
  guint measure_status[BF_MEASURE_STATUS_IKKE + 1];
  guint entry_conditions[BF_ENTRY_CONDITION_ANNET + 1];
  guint signature_status[BF_SIGNATURE_STATUS_UTSATT + 1];
  guint visits, key_uses, evaluations, breaches;
  guint visit_fire, visit_no_access, visit_concern;
  guint key_with_consent, key_without_consent_or_justification, no_key_access;
  guint breach_lease, breach_only_agreement;
  guint extension_with_visit, extension_without_visit;
  guint children, minor_with_guardian, minor_without_guardian;
  guint rules[16];
  guint revised, strokes, returned;
  guint revised_with_r10;
} Counts;

static void
count_rules (Counts      *c,
             BfAgreement *a,
             const GDate *today)
{
  g_autoptr(GPtrArray) findings = bf_rules_check (a, today);
  gboolean seen[16] = { FALSE, };

  for (guint i = 0; i < findings->len; i++)
    {
      BfFinding *f = g_ptr_array_index (findings, i);
      guint n = (guint) g_ascii_strtoull (f->rule_id + 1, NULL, 10);

      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, 15);
      if (!seen[n])
        c->rules[n]++;
      seen[n] = TRUE;
    }
  if (seen[10] && bf_agreement_get_version (a) > 1)
    c->revised_with_r10++;

  /* Only drafts may be stopped by a blocking rule; everything that went
   * through signing was allowed to. */
  if (bf_agreement_get_state (a) != BF_AGREEMENT_STATE_UTKAST &&
      bf_agreement_get_state (a) != BF_AGREEMENT_STATE_AVSLATT &&
      bf_agreement_get_state (a) != BF_AGREEMENT_STATE_TIL_EVALUERING)
    g_assert_false (bf_findings_block_signing (findings));
}

static gboolean
is_minor (BfAgreement *a,
          const GDate *today)
{
  GDate birth;

  if (!bf_date_parse (bf_agreement_get_header (a)->tenant_birth_date, &birth))
    return FALSE;
  g_date_add_years (&birth, 18);
  return g_date_compare (today, &birth) < 0;
}

static void
count (Counts      *c,
       BfAgreement *a,
       const GDate *today)
{
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  GPtrArray *list;

  c->states[bf_agreement_get_state (a)]++;
  c->end_reasons[bf_agreement_get_end_reason (a)]++;
  if (bf_agreement_get_version (a) > 1)
    c->revised++;
  if (bf_agreement_get_review_status (a) == BF_REVIEW_STATUS_RETURNERT)
    c->returned++;

  if (!k->agreed)
    c->no_key_access++;
  else if (k->consent_recorded && k->justification != NULL)
    c->key_with_consent++;
  else
    c->key_without_consent_or_justification++;

  if (bf_agreement_get_header (a)->household_with_children)
    c->children++;
  if (is_minor (a, today))
    {
      if (bf_agreement_find_party_by_role (a, BF_PARTY_ROLE_VERGE) != NULL)
        c->minor_with_guardian++;
      else
        c->minor_without_guardian++;
    }

  list = bf_agreement_get_signatures (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfSignature *s = g_ptr_array_index (list, i);

      c->signature_status[s->status]++;
      if (s->status == BF_SIGNATURE_STATUS_SIGNERT && s->strokes->len > 0)
        c->strokes++;
    }

  list = bf_agreement_get_visits (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfVisit *v = g_ptr_array_index (list, i);

      c->visits++;
      c->visit_types[v->type]++;
      c->visit_fire += v->fire_risk;
      c->visit_no_access += v->no_access;
      c->visit_concern += v->concern;
    }

  list = bf_agreement_get_key_uses (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfKeyUse *u = g_ptr_array_index (list, i);

      c->key_uses++;
      c->entry_conditions[u->condition]++;
      g_assert_cmpuint (u->staff_present->len, >=, 1);
    }

  list = bf_agreement_get_evaluations (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfEvaluation *e = g_ptr_array_index (list, i);

      c->evaluations++;
      c->decisions[e->decision]++;
      if (e->decision == BF_EVALUATION_DECISION_FORLENGE)
        {
          if (e->home_visit_done)
            c->extension_with_visit++;
          else
            c->extension_without_visit++;
        }
      for (guint j = 0; j < e->measures->len; j++)
        c->measure_status[((BfMeasureReview *) g_ptr_array_index (e->measures, j))->status]++;
    }

  list = bf_agreement_get_breaches (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfBreach *b = g_ptr_array_index (list, i);

      c->breaches++;
      if (b->lease_also_breached)
        c->breach_lease++;
      else
        c->breach_only_agreement++;
    }

  count_rules (c, a, today);
}

static void
test_coverage (void)
{
  g_autoptr(BfDemo) demo = make_demo (7, TODAY);
  Counts c = { { 0, }, };
  GDate today;

  bf_demo_get_today (demo, &today);
  for (guint i = 0; i < N_COVER; i++)
    {
      g_autoptr(BfAgreement) a = generate (demo, i);

      count (&c, a, &today);
    }

  /* Every state, in the fixed mix of each block of 100. */
  for (guint s = BF_AGREEMENT_STATE_UTKAST; s <= BF_AGREEMENT_STATE_AVSLATT; s++)
    g_assert_cmpuint (c.states[s], >, 0);
  g_assert_cmpuint (c.states[BF_AGREEMENT_STATE_AKTIV], ==, 48 * N_COVER / 100);
  g_assert_cmpuint (c.states[BF_AGREEMENT_STATE_UTKAST], ==, 10 * N_COVER / 100);
  g_assert_cmpuint (c.states[BF_AGREEMENT_STATE_AVSLUTTET], ==, 12 * N_COVER / 100);
  for (guint r = BF_END_REASON_UTLOPT; r <= BF_END_REASON_LEIEFORHOLD_AVSLUTTET; r++)
    g_assert_cmpuint (c.end_reasons[r], >, 0);
  g_assert_cmpuint (c.end_reasons[BF_END_REASON_NONE], ==, N_COVER - c.states[BF_AGREEMENT_STATE_AVSLUTTET]);

  /* Every log kind, visit type, entry condition, decision and status. */
  g_assert_cmpuint (c.visits, >, 0);
  g_assert_cmpuint (c.key_uses, >, 0);
  g_assert_cmpuint (c.evaluations, >, 0);
  g_assert_cmpuint (c.breaches, >, 0);
  for (guint t = BF_VISIT_TYPE_HJEMMEBESOK; t <= BF_VISIT_TYPE_FOLGE_TIL_AVTALE; t++)
    g_assert_cmpuint (c.visit_types[t], >, 0);
  g_assert_cmpuint (c.visit_types[BF_VISIT_TYPE_NONE], ==, 0);
  g_assert_cmpuint (c.visit_fire, >, 0);
  g_assert_cmpuint (c.visit_no_access, >, 0);
  g_assert_cmpuint (c.visit_concern, >, 0);
  for (guint e = BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE; e <= BF_ENTRY_CONDITION_ANNET; e++)
    g_assert_cmpuint (c.entry_conditions[e], >, 0);
  for (guint d = BF_EVALUATION_DECISION_VIDEREFORE; d <= BF_EVALUATION_DECISION_AVSLUTTE; d++)
    g_assert_cmpuint (c.decisions[d], >, 0);
  g_assert_cmpuint (c.decisions[BF_EVALUATION_DECISION_NONE], ==, 0);
  for (guint s = BF_MEASURE_STATUS_FUNGERER; s <= BF_MEASURE_STATUS_IKKE; s++)
    g_assert_cmpuint (c.measure_status[s], >, 0);
  g_assert_cmpuint (c.extension_with_visit, >, 0);
  g_assert_cmpuint (c.extension_without_visit, >, 0);
  g_assert_cmpuint (c.breach_lease, >, 0);
  g_assert_cmpuint (c.breach_only_agreement, >, 0);

  /* Key access with consent and justification, without, and none. */
  g_assert_cmpuint (c.key_with_consent, >, 0);
  g_assert_cmpuint (c.key_without_consent_or_justification, >, 0);
  g_assert_cmpuint (c.no_key_access, >, 0);

  /* Households and minors. */
  g_assert_cmpuint (c.children, >, 0);
  g_assert_cmpuint (c.minor_with_guardian, >, 0);
  g_assert_cmpuint (c.minor_without_guardian, >, 0);

  /* Signing: signed with strokes, declined, postponed; revised versions
   * and versions returned by a supervisor. */
  g_assert_cmpuint (c.signature_status[BF_SIGNATURE_STATUS_SIGNERT], >, 0);
  g_assert_cmpuint (c.signature_status[BF_SIGNATURE_STATUS_AVSLATT], >, 0);
  g_assert_cmpuint (c.signature_status[BF_SIGNATURE_STATUS_UTSATT], >, 0);
  g_assert_cmpuint (c.strokes, ==, c.signature_status[BF_SIGNATURE_STATUS_SIGNERT]);
  g_assert_cmpuint (c.revised, >, 0);
  g_assert_cmpuint (c.returned, >, 0);

  /* The rule situations the app must show, relative to today: R01 on
   * incomplete drafts, R02 on key access without consent or reason, R07
   * and R11 free text, R09 extension without a visit, R10 lease signed
   * first, R12 minors, R13 condition for housing, R14 red lamps, R15
   * overdue evaluations and expiring leases. */
  for (guint r = 1; r <= 15; r++)
    {
      g_test_message ("R%02u: %u agreements", r, c.rules[r]);
      g_assert_cmpuint (c.rules[r], >, 0);
    }
  /* A revision is signed again long after the lease, but the lease came
   * after the first signing, so R10 is no more common among revised
   * agreements than the few whose lease was signed too early. */
  g_test_message ("R10 on %u of %u revised agreements", c.revised_with_r10, c.revised);
  g_assert_cmpuint (c.revised_with_r10, <, c.revised / 4);
  /* Most agreements are not in trouble. */
  g_assert_cmpuint (c.rules[14], <, N_COVER / 4);
  g_assert_cmpuint (c.rules[1], <=, 4 * N_COVER / 100);
}

static void
test_round_trip (void)
{
  g_autoptr(BfDemo) demo = make_demo (11, TODAY);

  for (guint i = 0; i < N_COVER; i++)
    {
      g_autoptr(BfAgreement) a = generate (demo, i);
      g_autoptr(BfAgreement) b = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *ja = to_json (a);
      g_autofree char *jb = NULL;

      g_assert_true (g_uuid_string_is_valid (bf_agreement_get_id (a)));
      g_assert_true (bf_agreement_check_references (a, &error));
      g_assert_no_error (error);
      g_assert_false (bf_agreement_has_unsaved_changes (a));

      b = bf_agreement_new_from_json (ja, -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (b);
      jb = to_json (b);
      g_assert_cmpstr (ja, ==, jb);
    }
}

/* No text may look like a national ID number (fødselsnummer: 11 digits).
 * Ids and hashes are hexadecimal and are taken out first: they are not
 * text and can hold long runs of digits by chance. */
static void
test_no_national_id (void)
{
  g_autoptr(BfDemo) demo = make_demo (99, TODAY);
  g_autoptr(GRegex) ids = g_regex_new ("\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"|\"[0-9a-f]{64}\"",
                                       G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GRegex) eleven = g_regex_new ("[0-9]{11}", G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GRegex) spaced = g_regex_new ("[0-9]{6}[ .-]?[0-9]{5}", G_REGEX_OPTIMIZE, 0, NULL);

  /* The patterns catch what they are meant to catch. */
  g_assert_true (g_regex_match (eleven, "Fnr 01020312345.", 0, NULL));
  g_assert_true (g_regex_match (spaced, "Fnr 010203 12345.", 0, NULL));
  g_assert_false (g_regex_match (eleven, "01 23 45 67", 0, NULL));

  for (guint i = 0; i < N_COVER; i++)
    {
      g_autoptr(BfAgreement) a = generate (demo, i);
      g_autofree char *json = to_json (a);
      g_autofree char *text = g_regex_replace_literal (ids, json, -1, 0, "\"\"", 0, NULL);

      if (g_regex_match (eleven, text, 0, NULL) || g_regex_match (spaced, text, 0, NULL))
        g_error ("agreement %u has an 11-digit number: %s", i, text);
    }
}

/* Phone numbers are in the 01 series that no Norwegian number uses. */
static void
test_synthetic_contacts (void)
{
  g_autoptr(BfDemo) demo = make_demo (5, TODAY);

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(BfAgreement) a = generate (demo, i);
      GPtrArray *parties = bf_agreement_get_parties (a);

      for (guint j = 0; j < parties->len; j++)
        {
          BfParty *p = g_ptr_array_index (parties, j);

          g_assert_true (g_str_has_prefix (p->phone, "01 "));
          g_assert_cmpuint (strlen (p->phone), ==, 11);
          g_assert_nonnull (p->contact_person);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* bofastctl demo                                                            */

#define PASS "en passfrase som er lang nok"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs $BOFASTCTL with @input on stdin (a pipe, so not a terminal). */
static void
run (Result     *r,
     const char *input,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *bofastctl = g_getenv ("BOFASTCTL");
  const char *arg;
  va_list args;

  result_clear (r);
  g_assert_nonnull (bofastctl);
  g_ptr_array_add (argv, (char *) bofastctl);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("exit %d; stderr: %s", r->status, r->err);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
create_profile (const char *name)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) node = NULL;

  run (&r, PASS "\n", "profile", "create", "--name", name, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse (r.out);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "dir"));
}

static void
test_cli (void)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfDemo) demo = make_demo (7, TODAY);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = create_profile ("Demo");
  g_autofree char *dir2 = create_profile ("Demo to");
  g_autofree char *list_one = NULL;
  JsonObject *o;
  JsonObject *states;
  JsonObject *logs;
  guint sum = 0;
  guint revised = 0;

  /* Usage errors: exit 2, nothing read or written. */
  run (&r, NULL, "demo", "--profile", dir, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run (&r, NULL, "demo", "--profile", dir, "--agreements", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run (&r, NULL, "demo", "--profile", dir, "--agreements", "5", "--today", "15.03.2026", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run (&r, NULL, "demo", "--profile", dir, "--agreements", "5", "--seed", "-1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  /* A wrong passphrase: exit 1. */
  run (&r, "feil passfrase, men lang nok\n", "demo", "--profile", dir, "--agreements", "5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "bofastctl: "));

  run (&r, PASS "\n", "demo", "--profile", dir, "--agreements", "50", "--seed", "7",
       "--today", TODAY, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* stderr is not a terminal, so no progress line. */
  g_assert_cmpstr (r.err, ==, "");
  summary = parse (r.out);
  o = json_node_get_object (summary);
  g_assert_cmpint (json_object_get_int_member (o, "agreements"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (o, "seed"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (o, "today"), ==, TODAY);
  states = json_object_get_object_member (o, "states");
  for (guint i = BF_AGREEMENT_STATE_UTKAST; i <= BF_AGREEMENT_STATE_AVSLATT; i++)
    sum += json_object_get_int_member (states, bf_enum_to_token (BF_ENUM_AGREEMENT_STATE, i));
  g_assert_cmpuint (sum, ==, 50);
  g_assert_cmpint (json_object_get_int_member (states, "aktiv"), >, 10);
  logs = json_object_get_object_member (o, "logs");
  g_assert_cmpint (json_object_get_int_member (logs, "visit"), >, 50);
  g_assert_cmpint (json_object_get_int_member (logs, "evaluation"), >, 0);

  run (&r, PASS "\n", "agreement", "list", "--profile", dir, "--today", TODAY, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  list = parse (r.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 50);
  list_one = g_strdup (r.out);

  /* Again with the same seed and date: nothing new, nothing refused. */
  run (&r, PASS "\n", "demo", "--profile", dir, "--agreements", "60", "--seed", "7",
       "--today", TODAY, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&summary, json_node_unref);
  summary = parse (r.out);
  o = json_node_get_object (summary);
  g_assert_cmpint (json_object_get_int_member (o, "agreements"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, 50);
  run (&r, PASS "\n", "agreement", "list", "--profile", dir, "--today", TODAY, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&list, json_node_unref);
  list = parse (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 60);

  /* The same seed and date into another profile, with the summary as
   * text: the same agreements. */
  run (&r, PASS "\n", "demo", "--profile", dir2, "--agreements", "50", "--seed", "7",
       "--today", TODAY, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Added 50 agreements (seed 7, today " TODAY ")"));
  g_assert_nonnull (strstr (r.out, "Aktiv"));
  g_assert_nonnull (strstr (r.out, "Visits"));
  run (&r, PASS "\n", "agreement", "list", "--profile", dir2, "--today", TODAY, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, list_one);

  /* What the store holds is what the generator made, logs and earlier
   * versions included. */
  profile = bf_profile_load (dir, &error);
  g_assert_no_error (error);
  g_assert_true (bf_profile_unlock (profile, PASS, &error));
  g_assert_no_error (error);
  store = bf_agreement_store_new (bf_profile_get_store (profile));
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(BfAgreement) made = generate (demo, i);
      g_autoptr(BfAgreement) stored = bf_agreement_store_load (store, bf_agreement_get_id (made), &error);
      g_autoptr(GPtrArray) versions = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (stored);
      a = to_json (made);
      b = to_json (stored);
      g_assert_cmpstr (a, ==, b);
      versions = bf_agreement_store_list_versions (store, bf_agreement_get_id (made), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (versions->len, ==, bf_agreement_get_version (made));
      if (versions->len > 1)
        revised++;
    }
  g_test_message ("%u revised agreements with their history", revised);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();
  /* A child that fails before reading stdin closes the pipe under us. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/demo/same-seed", test_same_seed);
  g_test_add_func ("/demo/any-order", test_any_order);
  g_test_add_func ("/demo/different-seed", test_different_seed);
  g_test_add_func ("/demo/today", test_today);
  g_test_add_func ("/demo/coverage", test_coverage);
  g_test_add_func ("/demo/round-trip", test_round_trip);
  g_test_add_func ("/demo/no-national-id", test_no_national_id);
  g_test_add_func ("/demo/synthetic-contacts", test_synthetic_contacts);
  g_test_add_func ("/demo/cli", test_cli);

  return g_test_run ();
}
