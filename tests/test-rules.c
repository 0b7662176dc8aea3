/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "fixtures.h"

static GPtrArray *
check_at (BfAgreement *a,
          const char  *today_text)
{
  GDate today;

  g_assert_true (bf_date_parse (today_text, &today));
  return bf_rules_check (a, &today);
}

static BfFinding *
find (GPtrArray  *findings,
      const char *rule_id,
      const char *field)
{
  for (guint i = 0; i < findings->len; i++)
    {
      BfFinding *f = g_ptr_array_index (findings, i);

      if (strcmp (f->rule_id, rule_id) == 0 && (field == NULL || g_strcmp0 (f->field, field) == 0))
        return f;
    }
  return NULL;
}

static void
dump (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      BfFinding *f = g_ptr_array_index (findings, i);

      g_test_message ("%s %s %s: %s", f->rule_id, bf_rule_kind_to_string (f->kind), f->field, f->message_en);
    }
}

/* Asserts that @rule_id (on @field, if given) is found, of @kind, and that
 * the finding carries both sentences and its source. */
static BfFinding *
assert_found (GPtrArray  *findings,
              const char *rule_id,
              const char *field,
              BfRuleKind  kind)
{
  BfFinding *f = find (findings, rule_id, field);

  if (f == NULL)
    {
      dump (findings);
      g_error ("expected %s on %s", rule_id, field ? field : "(any field)");
    }
  g_assert_cmpint (f->kind, ==, kind);
  g_assert_true (g_str_has_suffix (f->message_nb, "."));
  g_assert_true (g_str_has_suffix (f->message_en, "."));
  g_assert_null (strstr (f->message_nb, "{}"));
  g_assert_nonnull (strstr (f->source, "dok. 00"));
  /* The editor can open the section the finding is about. */
  g_assert_cmpint (bf_section_for_field (f->field), !=, BF_SECTION_NONE);
  return f;
}

static void
assert_not_found (GPtrArray  *findings,
                  const char *rule_id)
{
  if (find (findings, rule_id, NULL) != NULL)
    {
      dump (findings);
      g_error ("did not expect %s", rule_id);
    }
}

static void
test_table (void)
{
  guint n;
  const BfRule *rules = bf_rules_get_all (&n);

  for (guint r = 1; r <= 15; r++)
    {
      g_autofree char *id = g_strdup_printf ("R%02u", r);

      g_assert_nonnull (bf_rules_lookup (id, NULL));
    }
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (rules[i].message_nb);
      g_assert_nonnull (rules[i].message_en);
      g_assert_true (g_str_has_suffix (rules[i].message_nb, "."));
      g_assert_true (g_str_has_suffix (rules[i].message_en, "."));
      g_assert_nonnull (strstr (rules[i].source, "dok. 00"));
    }
  g_assert_cmpint (bf_rules_lookup ("R08", NULL)->kind, ==, BF_RULE_KIND_BLOCKS);
  g_assert_cmpint (bf_rules_lookup ("R08", "after-lease")->kind, ==, BF_RULE_KIND_WARNS);
  g_assert_cmpint (bf_rules_lookup ("R14", NULL)->kind, ==, BF_RULE_KIND_RED_LAMP);
  g_assert_cmpstr (bf_rule_kind_to_string (BF_RULE_KIND_RED_LAMP), ==, "red-lamp");
  g_assert_null (bf_rules_lookup ("R16", NULL));
}

/* The fixture is a well-made agreement: nothing to say. */
static void
test_clean (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GPtrArray) findings = check_at (a, FIXTURE_TODAY);

  dump (findings);
  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_false (bf_findings_block_signing (findings));
  g_assert_null (bf_findings_first_blocking (findings));
}

static void
clear_str (char **s)
{
  g_clear_pointer (s, g_free);
}

static void
test_r01 (void)
{
  static const char * const fields[] = {
    "parties", "background.background", "background.main_goal", "breach_consequences",
    "evaluation.date", "evaluation.scope", "duration.from", "duration.to",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(BfAgreement) a = fixture_draft ();
      g_autoptr(GPtrArray) findings = NULL;
      BfFinding *f;

      switch (i)
        {
        case 0: g_ptr_array_set_size (bf_agreement_get_parties (a), 1); g_ptr_array_set_size (bf_agreement_get_measures (a), 0); break;
        case 1: clear_str (&bf_agreement_get_background (a)->background); break;
        case 2: clear_str (&bf_agreement_get_background (a)->main_goal); break;
        case 3: bf_agreement_set_breach_consequences (a, NULL); break;
        case 4: clear_str (&bf_agreement_get_evaluation_plan (a)->date); break;
        case 5: clear_str (&bf_agreement_get_evaluation_plan (a)->scope); break;
        case 6: clear_str (&bf_agreement_get_duration (a)->from); break;
        case 7: clear_str (&bf_agreement_get_duration (a)->to); break;
        default: g_assert_not_reached ();
        }
      findings = check_at (a, FIXTURE_TODAY);
      f = assert_found (findings, "R01", fields[i], BF_RULE_KIND_BLOCKS);
      g_assert_true (bf_findings_block_signing (findings));
      g_assert_true (g_str_has_prefix (f->message_nb, "Avtalen mangler "));
    }

  {
    g_autoptr(BfAgreement) a = fixture_draft ();
    g_autoptr(GPtrArray) findings = check_at (a, FIXTURE_TODAY);

    assert_not_found (findings, "R01");
  }
}

static void
test_r02 (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;

  k->consent_recorded = FALSE;
  clear_str (&k->justification);
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R02", "key_access.consent_recorded", BF_RULE_KIND_BLOCKS);
  assert_found (f1, "R02", "key_access.justification", BF_RULE_KIND_BLOCKS);
  g_assert_true (bf_findings_block_signing (f1));

  /* Withdrawn consent ends key access. */
  k->consent_recorded = TRUE;
  bf_set_str (&k->justification, "Fare for liv.");
  bf_set_str (&k->consent_withdrawn, "2025-02-27");
  {
    g_autoptr(GPtrArray) f3 = check_at (a, FIXTURE_TODAY);

    assert_found (f3, "R02", "key_access.consent_withdrawn", BF_RULE_KIND_BLOCKS);
    g_assert_null (find (f3, "R02", "key_access.justification"));
  }

  /* No key access agreed: nothing to justify. */
  k->agreed = FALSE;
  f2 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f2, "R02");
}

static void
test_r03 (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  BfFinding *f;

  memset (&k->conditions, 0, sizeof k->conditions);
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R03", "key_access.entry_conditions", BF_RULE_KIND_WARNS);
  g_assert_false (bf_findings_block_signing (f1));

  k->conditions.danger_to_life_or_health = TRUE;
  k->conditions.any_time = TRUE;
  f2 = check_at (a, FIXTURE_TODAY);
  f = assert_found (f2, "R03", NULL, BF_RULE_KIND_WARNS);
  g_assert_nonnull (strstr (f->message_nb, "når som helst"));

  k->conditions.any_time = FALSE;
  f3 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f3, "R03");

  /* The same said in words. */
  bf_set_str (&k->conditions.other, "Personalet kan låse seg inn når som helst for å kontrollere boligen.");
  {
    g_autoptr(GPtrArray) f4 = check_at (a, FIXTURE_TODAY);

    assert_found (f4, "R03", NULL, BF_RULE_KIND_WARNS);
  }
}

static void
test_r03_text (void)
{
  static const char * const any_time[] = {
    "Booppfølger kan gå inn når som helst.",
    "Nøkkelen brukes til uanmeldte kontroller.",
    "Inspeksjon av leiligheten hver måned.",
    "Kommunen kan kontrollere boligen etter eget skjønn.",
    "Tilgang til enhver tid.",
  };
  static const char * const concrete[] = {
    "Ved fare for liv eller helse, og når vi ikke har hatt kontakt på 48 timer.",
    "Nøkkelen brukes ikke når som helst, bare ved akutt fare.",
    "HMS-tilsyn etter avtale med leietaker.",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (any_time); i++)
    if (!bf_text_allows_entry_any_time (any_time[i]))
      g_error ("R03 should warn about: %s", any_time[i]);
  for (guint i = 0; i < G_N_ELEMENTS (concrete); i++)
    if (bf_text_allows_entry_any_time (concrete[i]))
      g_error ("R03 should not warn about: %s", concrete[i]);
}

static void
test_r04 (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  BfKeyUse *u;

  k->notice_rule = BF_NOTICE_RULE_UTEN_VARSEL;
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R04", "key_access.notice_rule", BF_RULE_KIND_WARNS);
  k->notice_rule = BF_NOTICE_RULE_ETT_DOGN;

  /* Entering without notice in acute danger is what the rule allows. */
  u = bf_key_use_new ("2025-02-26T08:00:00Z", BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE);
  bf_agreement_add_key_use (a, u);
  f2 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f2, "R04");

  u->condition = BF_ENTRY_CONDITION_INGEN_KONTAKT;
  f3 = check_at (a, FIXTURE_TODAY);
  assert_found (f3, "R04", "logs.key_uses[1].notice_given", BF_RULE_KIND_WARNS);
}

static void
test_r05 (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;

  k->staff_count = 1;
  k->procedure.knock_first = FALSE;
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R05", "key_access.staff_count", BF_RULE_KIND_ADVISES);
  assert_found (f1, "R05", "key_access.procedure.knock_first", BF_RULE_KIND_ADVISES);

  k->staff_count = 2;
  k->procedure.knock_first = TRUE;
  f2 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f2, "R05");
}

static void
test_r06 (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfAgreement) b = bf_agreement_new ();
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;

  /* Municipality, NAV and the substance-use service. */
  bf_agreement_set_responsibility (a, NULL);
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R06", "responsibility", BF_RULE_KIND_BLOCKS);

  /* The office and its own follow-up worker are one service. */
  bf_agreement_add_party (b, bf_party_new (BF_PARTY_ROLE_LEIETAKER));
  bf_agreement_add_party (b, bf_party_new (BF_PARTY_ROLE_KOMMUNALT_KONTOR));
  bf_agreement_add_party (b, bf_party_new (BF_PARTY_ROLE_BOOPPFOLGER));
  bf_agreement_add_party (b, bf_party_new (BF_PARTY_ROLE_VERGE));
  f2 = check_at (b, FIXTURE_TODAY);
  assert_not_found (f2, "R06");
}

static const char * const threatening[] = {
  "Brudd på avtalen kan føre til oppsigelse av leieforholdet.",
  "Ved gjentatte brudd vil leieforholdet bli sagt opp.",
  "Dersom leietaker ikke overholder avtalen, kan kommunen heve leieforholdet.",
  "Leietaker risikerer utkastelse ved brudd på oppfølgingsavtalen.",
  "Bryter du avtalen, kan du bli kastet ut.",
  "Brudd kan medføre at leietaker mister boligen.",
  "Kommunen vil avslutte leieforholdet dersom avtalen ikke følges.",
  "Leietaker sies opp hvis hun ikke tar imot oppfølging.",
  "OPPSIGELSE KAN BLI AKTUELT VED BRUDD.",
  "Ved brudd pa avtalen kan leietaker miste boligen",
  "Dersom leietaker ikke overholder avtalen kan leieforholdet sies opp",
  "Brudd på avtalen kan føre til heving av leiekontrakten.",
  "Leietaker må flytte ut dersom avtalen brytes.",
  "Ny samtale ved første brudd. Ved nye brudd: oppsigelsen sendes.",
  "Ved vesentlige brudd kan kommunen si opp leiekontrakten.",
  "Leietaker vil miste retten til å bo i leiligheten.",
  "Leietaker vil bli bedt om å flytte dersom avtalen ikke overholdes.",
  "Leiekontrakten vil bli hevet ved brudd på avtalen.",
  "Brudd på avtalen kan føre til tap av bolig.",
  "Avtalebrudd gir grunnlag for oppsigelse.",
};

static const char * const not_threatening[] = {
  "Leieforholdet kan kun sies opp ved brudd på husleiekontrakten.",
  "Brudd på denne avtalen alene kan ikke føre til oppsigelse.",
  "Leietaker kan ikke bli sagt opp på bakgrunn av brudd på oppfølgingsavtalen alene.",
  "Ved brudd på avtalen tas det en ny samtale, og avtalen evalueres på nytt.",
  "Avtalen kan sies opp av begge parter med en måneds varsel.",
  "Dersom det i tillegg er brudd på husordensreglene, kan leieforholdet sies opp.",
  "Oppsigelse kan bare skje etter husleielovens regler.",
  "Brudd på avtalen kan føre til oppsigelse. Dette gjelder kun dersom husleiekontrakten også er brutt.",
  "Brudd på oppfølgingsavtalen kan få betydning ved søknad om forlengelse av leiekontrakten, "
  "men leietaker kan ikke sies opp bare på grunn av dette.",
  "Brudd på avtalen fører ikke til at leietaker mister boligen.",
  "Utkastet til avtale ble gjennomgått med leietaker.",
  "Leietaker har selv ansvar for å si opp strømavtalen ved flytting.",
  "Brudd på avtalen vil kunne få betydning ved søknad om forlengelse av leieforholdet.",
  "Ved vesentlige brudd på leiekontrakten kan kommunen si opp leieforholdet.",
  "",
};

static void
test_r07_text (void)
{
  g_assert_false (bf_text_threatens_tenancy (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (threatening); i++)
    if (!bf_text_threatens_tenancy (threatening[i]))
      g_error ("R07 should warn about: %s", threatening[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_threatening); i++)
    if (bf_text_threatens_tenancy (not_threatening[i]))
      g_error ("R07 should not warn about: %s", not_threatening[i]);
}

static void
test_r07 (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = check_at (a, FIXTURE_TODAY);

  assert_not_found (f2, "R07");
  bf_agreement_set_breach_consequences (a, "Gjentatte brudd på denne avtalen kan føre til at leieforholdet sies opp.");
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R07", "breach_consequences", BF_RULE_KIND_WARNS);
  /* The rule never changes the user's text. */
  g_assert_cmpstr (bf_agreement_get_breach_consequences (a), ==,
                   "Gjentatte brudd på denne avtalen kan føre til at leieforholdet sies opp.");
}

static void
test_r08 (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  BfEvaluationPlan *e = bf_agreement_get_evaluation_plan (a);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  g_autoptr(GPtrArray) f4 = NULL;

  bf_set_str (&e->date, "2026-03-01");
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R08", "evaluation.date", BF_RULE_KIND_BLOCKS);
  g_assert_true (bf_findings_block_signing (f1));

  bf_set_str (&e->date, "2025-01-15");
  f2 = check_at (a, FIXTURE_TODAY);
  assert_found (f2, "R08", "evaluation.date", BF_RULE_KIND_BLOCKS);

  /* Within the agreement, but after the lease expires: a warning only. */
  bf_set_str (&e->date, "2025-07-15");
  bf_set_str (&bf_agreement_get_header (a)->lease_expiry, "2025-06-30");
  f3 = check_at (a, FIXTURE_TODAY);
  assert_found (f3, "R08", "evaluation.date", BF_RULE_KIND_WARNS);
  g_assert_nonnull (strstr (find (f3, "R08", NULL)->message_nb, "leiekontrakten"));

  bf_set_str (&bf_agreement_get_header (a)->lease_expiry, "2028-01-31");
  f4 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f4, "R08");
}

static void
test_r09 (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  BfEvaluation *e = g_ptr_array_index (bf_agreement_get_evaluations (a), 0);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;

  e->home_visit_done = FALSE;
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R09", "logs.evaluations[0].home_visit_done", BF_RULE_KIND_BLOCKS);
  g_assert_true (bf_findings_block_signing (f1));

  /* Continuing (not extending) needs no home visit. */
  e->decision = BF_EVALUATION_DECISION_VIDEREFORE;
  f2 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f2, "R09");
}

static void
test_r10 (void)
{
  g_autoptr(BfAgreement) draft = fixture_draft ();
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;

  /* Lease signed, agreement not yet signed by anyone. */
  f1 = check_at (draft, FIXTURE_TODAY);
  assert_found (f1, "R10", "header.lease_signed", BF_RULE_KIND_WARNS);

  /* Everyone signed on 28 January, but the lease was signed the day before. */
  bf_set_str (&bf_agreement_get_header (a)->lease_signed, "2025-01-27");
  f2 = check_at (a, FIXTURE_TODAY);
  assert_found (f2, "R10", "header.lease_signed", BF_RULE_KIND_WARNS);

  bf_set_str (&bf_agreement_get_header (a)->lease_signed, "2025-01-28");
  f3 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f3, "R10");
}

/* A revision is signed again after the lease; the lease still came after
 * the first time every party signed, so R10 stays quiet throughout. */
static void
test_r10_revised (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) copy = NULL;
  g_autoptr(BfAgreement) loaded = NULL;
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  g_autoptr(GPtrArray) f4 = NULL;
  g_autoptr(GPtrArray) f5 = NULL;
  g_autoptr(GPtrArray) f6 = NULL;
  g_autoptr(GPtrArray) f7 = NULL;
  g_autoptr(GDateTime) at = fixture_time ("2025-02-21T10:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  GDate today;

  /* Signed by all on 28 January, lease on 30 January, revised in February. */
  fixture_today (&today);
  g_assert_cmpstr (bf_agreement_get_header (a)->lease_signed, ==, "2025-01-30");
  fixture_revise (a, "2025-02-20T09:00:00Z");

  /* Out for signing again, nobody has signed the new version yet. */
  f1 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f1, "R10");

  /* One party has signed it. */
  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_SIGNERT, at, NULL, NULL, &error));
  g_assert_no_error (error);
  f2 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f2, "R10");

  /* Everyone has signed it, weeks after the lease, and it is active. */
  fixture_sign_all (a, "2025-02-24T11:00:00Z");
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_AKTIV, 0, &today, &error));
  g_assert_no_error (error);
  f3 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f3, "R10");

  /* So it is for a copy, and after a JSON round trip (a store's copy). */
  copy = bf_agreement_dup (a);
  f4 = check_at (copy, FIXTURE_TODAY);
  assert_not_found (f4, "R10");
  json = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  loaded = bf_agreement_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  f5 = check_at (loaded, FIXTURE_TODAY);
  assert_not_found (f5, "R10");

  /* A lease signed before the first signing is still caught after a
   * revision, and on the day of it is not. */
  bf_set_str (&bf_agreement_get_header (a)->lease_signed, "2025-01-27");
  f6 = check_at (a, FIXTURE_TODAY);
  assert_found (f6, "R10", "header.lease_signed", BF_RULE_KIND_WARNS);
  bf_set_str (&bf_agreement_get_header (a)->lease_signed, "2025-01-28");
  f7 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f7, "R10");
}

/* The first version was never signed by everyone; the lease was signed
 * anyway, and only then did everyone sign a second version. */
static void
test_r10_never_fully_signed (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  g_autoptr(GDateTime) at = fixture_time ("2025-01-28T10:15:00Z");
  g_autoptr(GError) error = NULL;
  GDate today;

  fixture_today (&today);
  g_assert_cmpstr (bf_agreement_get_header (a)->lease_signed, ==, "2025-01-30");
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_sign (a, ID_OFFICE, BF_SIGNATURE_STATUS_SIGNERT, at, NULL, NULL, &error));
  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_UTSATT, at, NULL, NULL, &error));
  g_assert_no_error (error);
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R10", "header.lease_signed", BF_RULE_KIND_WARNS);

  /* The tenant wanted a change: a new version, sent for signing. */
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_UTKAST, 0, &today, &error));
  g_assert_no_error (error);
  bf_agreement_set_responsibility (a, "Ny ansvarsfordeling etter ønske fra leietaker.");
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_null (bf_agreement_get_first_signed_at (a));
  f2 = check_at (a, FIXTURE_TODAY);
  assert_found (f2, "R10", "header.lease_signed", BF_RULE_KIND_WARNS);

  /* Everyone signs it on 5 February, after the lease. */
  fixture_sign_all (a, "2025-02-05T12:00:00Z");
  g_assert_cmpstr (bf_agreement_get_first_signed_at (a), ==, "2025-02-05T12:00:00Z");
  f3 = check_at (a, FIXTURE_TODAY);
  assert_found (f3, "R10", "header.lease_signed", BF_RULE_KIND_WARNS);
}

/* JSON written before first_signed_at existed: a fully signed agreement is
 * judged by its signatures, as before. */
static void
test_r10_old_json (void)
{
  g_autoptr(BfAgreement) active = fixture_active ();
  g_autoptr(JsonNode) node = bf_agreement_to_json_node (active, BF_AGREEMENT_JSON_DEFAULT);
  g_autoptr(BfAgreement) a = NULL;
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GError) error = NULL;

  json_object_remove_member (json_node_get_object (node), "first_signed_at");
  a = bf_agreement_new_from_json_node (node, &error);
  g_assert_no_error (error);
  g_assert_null (bf_agreement_get_first_signed_at (a));

  f1 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f1, "R10");
  bf_set_str (&bf_agreement_get_header (a)->lease_signed, "2025-01-27");
  f2 = check_at (a, FIXTURE_TODAY);
  assert_found (f2, "R10", "header.lease_signed", BF_RULE_KIND_WARNS);
}

static const struct { const char *text; BfIntrusiveCondition expected; } intrusive[] = {
  { "Leietaker skal ikke drikke alkohol i boligen.", BF_INTRUSIVE_ALCOHOL_BAN },
  { "Det er alkoholforbud i leiligheten.", BF_INTRUSIVE_ALCOHOL_BAN },
  { "Beboer forplikter seg til å ikke innta rusmidler eller alkohol i boligen.", BF_INTRUSIVE_ALCOHOL_BAN },
  { "Leietaker kan ikke ha besøk etter kl. 22.", BF_INTRUSIVE_VISITOR_LIMIT },
  { "Maks to besøkende om gangen.", BF_INTRUSIVE_VISITOR_LIMIT },
  { "Det er besøksforbud for personer i rusmiljøet.", BF_INTRUSIVE_VISITOR_LIMIT },
  { "Deltakelse i dagaktivitet er obligatorisk.", BF_INTRUSIVE_COMPULSORY },
  { "Leietaker må delta i arbeidstrening tre dager i uken.", BF_INTRUSIVE_COMPULSORY },
  { "Krav om behandling ved poliklinikken.", BF_INTRUSIVE_COMPULSORY },
  { "Eventuelle våpen beslaglegges av personalet.", BF_INTRUSIVE_WEAPONS },
  { "Kniver og andre våpen skal leveres til personalet.", BF_INTRUSIVE_WEAPONS },
  { "Booppfølger håndterer leietakers post.", BF_INTRUSIVE_MAIL },
  { "Personalet åpner posten sammen med beboer.", BF_INTRUSIVE_MAIL },
  { "Ved truende atferd kan beboer bortvises fra boligen i inntil én uke.", BF_INTRUSIVE_EXPULSION },
  { "Beboer kan vises bort i en begrenset periode.", BF_INTRUSIVE_EXPULSION },
  { "BESØKSFORBUD. Alkohol er ikke tillatt.", BF_INTRUSIVE_VISITOR_LIMIT | BF_INTRUSIVE_ALCOHOL_BAN },
  { "Beboer skal avstå fra bruk av alkohol i boligen.", BF_INTRUSIVE_ALCOHOL_BAN },
  { "Boligen skal være rusfri.", BF_INTRUSIVE_ALCOHOL_BAN },
  { "Ingen overnattingsgjester.", BF_INTRUSIVE_VISITOR_LIMIT },
  { "Leietaker må levere urinprøver ved mistanke om rus.", BF_INTRUSIVE_COMPULSORY },
  { "Booppfolger har postfullmakt.", BF_INTRUSIVE_MAIL },
};

static const char * const not_intrusive[] = {
  "Leietaker ønsker hjelp til å redusere alkoholbruken.",
  "Leietaker kan fritt ta imot besøk.",
  "Booppfølger kommer på hjemmebesøk hver torsdag.",
  "Det er ingen begrensninger på besøk i boligen.",
  "Leietaker tømmer postkassen selv og tar med brev som er vanskelige til møtene.",
  "Leietaker deltar på ansvarsgruppemøter hver tredje måned.",
  "Booppfølger bistår med å søke om dagaktivitet dersom leietaker ønsker det.",
  "Leietaker kan ikke nekte besøk fra booppfølger.",
  "Rustjenesten gir ikke tilbud om behandling i helgene.",
  "Posten leveres i postkassen i første etasje.",
  "Leietaker ønsker å bli rusfri og vil ha hjelp til det.",
  "Leietaker kan gjerne be om urinprøve selv for å dokumentere rusfrihet.",
  "",
};

static void
test_r11_text (void)
{
  g_assert_cmpint (bf_text_find_intrusive_conditions (NULL), ==, BF_INTRUSIVE_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (intrusive); i++)
    {
      BfIntrusiveCondition got = bf_text_find_intrusive_conditions (intrusive[i].text);

      if (got != intrusive[i].expected)
        g_error ("R11 found %#x, expected %#x in: %s", got, intrusive[i].expected, intrusive[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_intrusive); i++)
    {
      BfIntrusiveCondition got = bf_text_find_intrusive_conditions (not_intrusive[i]);

      if (got != BF_INTRUSIVE_NONE)
        g_error ("R11 found %#x in: %s", got, not_intrusive[i]);
    }
}

static void
test_r11 (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  BfMeasure *m = g_ptr_array_index (bf_agreement_get_measures (a), 0);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = check_at (a, FIXTURE_TODAY);
  BfFinding *f;

  assert_not_found (f2, "R11");
  bf_set_str (&m->tenant_commitment, "Jeg skal ikke drikke alkohol og ikke ha besøk etter kl. 22.");
  f1 = check_at (a, FIXTURE_TODAY);
  f = assert_found (f1, "R11", "measures[0].tenant_commitment", BF_RULE_KIND_WARNS);
  g_assert_cmpstr (f->message_nb, ==,
                   "Vilkår som alkoholforbud, besøksforbud eller besøksbegrensning er juridisk usikre og bør begrunnes eller fjernes.");
  g_assert_nonnull (strstr (f->message_en, "an alcohol ban"));
}

static void
test_r12 (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  BfHeader *h = bf_agreement_get_header (a);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  g_autoptr(GPtrArray) f4 = NULL;
  BfParty *guardian;

  bf_set_str (&h->tenant_birth_date, "2008-06-01");
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R12", "parties", BF_RULE_KIND_WARNS);
  g_assert_nonnull (strstr (find (f1, "R12", NULL)->message_nb, "utsette signeringen"));

  /* Eighteen today. */
  bf_set_str (&h->tenant_birth_date, "2007-03-01");
  f2 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f2, "R12");

  h->consent_capacity_in_doubt = TRUE;
  f3 = check_at (a, FIXTURE_TODAY);
  assert_found (f3, "R12", "parties", BF_RULE_KIND_WARNS);

  guardian = bf_party_new (BF_PARTY_ROLE_VERGE);
  guardian->contact_person = g_strdup ("Ragnhild Ålien");
  bf_agreement_add_party (a, guardian);
  f4 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f4, "R12");
}

static void
test_r13 (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  BfHeader *h = bf_agreement_get_header (a);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;

  clear_str (&h->alternative_offered);
  f1 = check_at (a, FIXTURE_TODAY);
  assert_found (f1, "R13", "header.alternative_offered", BF_RULE_KIND_WARNS);

  h->condition_for_allocation = FALSE;
  f2 = check_at (a, FIXTURE_TODAY);
  assert_not_found (f2, "R13");
}

static void
test_r14 (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) draft = fixture_draft ();
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  g_autoptr(GPtrArray) f4 = NULL;
  g_autoptr(GPtrArray) f5 = NULL;
  BfVisit *v;

  /* The last contact was 20 February. */
  f1 = check_at (a, "2025-03-12");
  assert_not_found (f1, "R14");
  f2 = check_at (a, "2025-03-13");
  assert_found (f2, "R14", "logs.visits", BF_RULE_KIND_RED_LAMP);
  g_assert_false (bf_findings_block_signing (f2));

  /* Nobody at home is not a contact. */
  v = bf_visit_new ("2025-03-10", BF_VISIT_TYPE_HJEMMEBESOK);
  v->no_access = TRUE;
  bf_agreement_add_visit (a, v);
  f3 = check_at (a, "2025-03-13");
  assert_found (f3, "R14", NULL, BF_RULE_KIND_RED_LAMP);
  bf_agreement_add_visit (a, bf_visit_new ("2025-03-11", BF_VISIT_TYPE_TELEFON));
  f4 = check_at (a, "2025-03-13");
  assert_not_found (f4, "R14");

  /* A draft is not followed up yet. */
  f5 = check_at (draft, "2025-12-01");
  assert_not_found (f5, "R14");
}

static void
test_r15 (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  BfHeader *h = bf_agreement_get_header (a);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  g_autoptr(GPtrArray) f4 = NULL;
  g_autoptr(GPtrArray) f5 = NULL;

  /* The latest evaluation set the next one for 15 July. */
  f1 = check_at (a, "2025-07-15");
  assert_not_found (f1, "R15");
  f2 = check_at (a, "2025-07-16");
  assert_found (f2, "R15", "logs.evaluations", BF_RULE_KIND_REMINDS);

  /* The lease expires 31 January 2028; with children the reminder comes
   * a year ahead, otherwise six months ahead. */
  bf_set_str (&bf_agreement_get_evaluation_plan (a)->date, "2099-01-01");
  g_ptr_array_set_size (bf_agreement_get_evaluations (a), 0);
  f3 = check_at (a, "2027-02-01");
  assert_found (f3, "R15", "header.lease_expiry", BF_RULE_KIND_REMINDS);
  g_assert_nonnull (strstr (find (f3, "R15", "header.lease_expiry")->message_nb, "ett år"));
  h->household_with_children = FALSE;
  f4 = check_at (a, "2027-02-01");
  g_assert_null (find (f4, "R15", "header.lease_expiry"));
  f5 = check_at (a, "2027-08-01");
  assert_found (f5, "R15", "header.lease_expiry", BF_RULE_KIND_REMINDS);
}

static void
test_findings_json (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *json = NULL;
  g_autofree char *empty = bf_findings_to_json (none, FALSE);

  bf_agreement_set_breach_consequences (a, NULL);
  findings = check_at (a, FIXTURE_TODAY);
  json = bf_findings_to_json (findings, FALSE);
  g_assert_cmpstr (empty, ==, "[]");
  g_assert_true (g_str_has_prefix (json, "[{\"field\":\"breach_consequences\",\"kind\":\"blocks\","
                                          "\"message_en\":\"The agreement lacks consequences of a breach, which must be present before it is sent for signing.\","
                                          "\"message_nb\":\"Avtalen mangler konsekvenser ved brudd, som må være med før den sendes til signering.\","
                                          "\"rule\":\"R01\",\"section\":\"breach_consequences\",\"source\":"));
  g_assert_nonnull (strstr (json, "\"rule\":\"R10\""));
}

/* Without a date, the date-dependent rules stay silent rather than guess. */
static void
test_no_today (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GPtrArray) findings = NULL;

  bf_set_str (&bf_agreement_get_header (a)->tenant_birth_date, "2020-01-01");
  findings = bf_rules_check (a, NULL);
  assert_not_found (findings, "R12");
  assert_not_found (findings, "R14");
  assert_not_found (findings, "R15");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/table", test_table);
  g_test_add_func ("/rules/clean", test_clean);
  g_test_add_func ("/rules/R01", test_r01);
  g_test_add_func ("/rules/R02", test_r02);
  g_test_add_func ("/rules/R03", test_r03);
  g_test_add_func ("/rules/R03/text", test_r03_text);
  g_test_add_func ("/rules/R04", test_r04);
  g_test_add_func ("/rules/R05", test_r05);
  g_test_add_func ("/rules/R06", test_r06);
  g_test_add_func ("/rules/R07/text", test_r07_text);
  g_test_add_func ("/rules/R07", test_r07);
  g_test_add_func ("/rules/R08", test_r08);
  g_test_add_func ("/rules/R09", test_r09);
  g_test_add_func ("/rules/R10", test_r10);
  g_test_add_func ("/rules/R10/revised", test_r10_revised);
  g_test_add_func ("/rules/R10/never-fully-signed", test_r10_never_fully_signed);
  g_test_add_func ("/rules/R10/old-json", test_r10_old_json);
  g_test_add_func ("/rules/R11/text", test_r11_text);
  g_test_add_func ("/rules/R11", test_r11);
  g_test_add_func ("/rules/R12", test_r12);
  g_test_add_func ("/rules/R13", test_r13);
  g_test_add_func ("/rules/R14", test_r14);
  g_test_add_func ("/rules/R15", test_r15);
  g_test_add_func ("/rules/no-today", test_no_today);
  g_test_add_func ("/rules/findings-json", test_findings_json);

  return g_test_run ();
}
