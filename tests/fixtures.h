/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * A complete, realistic agreement shared by the model, JSON and rule tests:
 * every section and every log filled in, with æøå and signature strokes,
 * fixed ids and fixed times so that its JSON is the same on every run. On
 * FIXTURE_TODAY it gives no rule findings at all; each rule test changes one
 * thing and checks that exactly that rule speaks up.
 */

#include "bf-agreement.h"
#include "bf-agreement-json.h"
#include "bf-date.h"
#include "bf-rules.h"

#define FIXTURE_TODAY "2025-03-01"

#define ID_AGREEMENT "6f1c2f0e-8a51-4c8e-9a55-2d7c1b0e4a01"
#define ID_TENANT    "0b6a4c3e-1f2d-4e5a-8b7c-9d0e1f2a3b01"
#define ID_OFFICE    "0b6a4c3e-1f2d-4e5a-8b7c-9d0e1f2a3b02"
#define ID_WORKER    "0b6a4c3e-1f2d-4e5a-8b7c-9d0e1f2a3b03"
#define ID_NAV       "0b6a4c3e-1f2d-4e5a-8b7c-9d0e1f2a3b04"
#define ID_RUS       "0b6a4c3e-1f2d-4e5a-8b7c-9d0e1f2a3b05"
#define ID_MEASURE1  "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e01"
#define ID_MEASURE2  "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e02"
#define ID_MEASURE3  "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e03"

static inline GDateTime *
fixture_time (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static inline void
fixture_today (GDate *date)
{
  g_assert_true (bf_date_parse (FIXTURE_TODAY, date));
}

static inline void
set_id (char       **id,
        const char  *value)
{
  g_free (*id);
  *id = g_strdup (value);
}

static inline BfParty *
add_party (BfAgreement *a,
           const char  *id,
           BfPartyRole  role,
           const char  *organisation,
           const char  *person,
           const char  *phone)
{
  BfParty *p = bf_party_new (role);

  set_id (&p->id, id);
  p->organisation = g_strdup (organisation);
  p->contact_person = g_strdup (person);
  p->phone = g_strdup (phone);
  return bf_agreement_add_party (a, p);
}

static inline BfMeasure *
add_measure (BfAgreement       *a,
             const char        *id,
             BfMeasureCategory  category,
             const char        *party,
             const char        *description,
             const char        *frequency,
             const char        *commitment)
{
  BfMeasure *m = bf_measure_new (category, party);

  set_id (&m->id, id);
  m->description = g_strdup (description);
  m->frequency = g_strdup (frequency);
  m->start = g_strdup ("2025-02-01");
  m->end = g_strdup ("2026-01-31");
  m->tenant_commitment = g_strdup (commitment);
  return bf_agreement_add_measure (a, m);
}

/* The text of the agreement: a draft, not yet saved. */
static inline BfAgreement *
fixture_draft (void)
{
  BfAgreement *a = bf_agreement_new_with_id (ID_AGREEMENT);
  BfHeader *h = bf_agreement_get_header (a);
  BfBackground *b = bf_agreement_get_background (a);
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  BfConsent *c = bf_agreement_get_consent (a);
  BfMeeting *meeting;
  BfSharingConsent *share;

  h->type = BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE;
  h->tenant_name = g_strdup ("Kari Østby Ålien");
  h->tenant_birth_date = g_strdup ("1990-04-12");
  h->household_with_children = TRUE;
  h->address = g_strdup ("Bjørnstadveien 12 B, 7021 Trondheim");
  h->housing_type = BF_HOUSING_TYPE_ORDINAER;
  h->unit = g_strdup ("Helse- og velferdskontor Lerkendal");
  h->decision_reference = g_strdup ("2025/1234-5");
  h->decision_date = g_strdup ("2025-01-10");
  h->condition_for_allocation = TRUE;
  h->alternative_offered = g_strdup ("Plass i bofellesskap på Ørnes, som søker takket nei til");
  h->lease_start = g_strdup ("2025-02-01");
  h->lease_expiry = g_strdup ("2028-01-31");
  h->trial_period_until = g_strdup ("2025-07-31");
  h->lease_signed = g_strdup ("2025-01-30");
  h->case_type = BF_CASE_TYPE_NY_TILDELING;

  add_party (a, ID_TENANT, BF_PARTY_ROLE_LEIETAKER, NULL, "Kari Østby Ålien", "+47 912 34 567");
  add_party (a, ID_OFFICE, BF_PARTY_ROLE_KOMMUNALT_KONTOR, "Helse- og velferdskontor Lerkendal", "Per Saksbehandler", "72 54 00 00");
  add_party (a, ID_WORKER, BF_PARTY_ROLE_BOOPPFOLGER, "Booppfølgingstjenesten", "Åse Grønli", "+47 934 56 789");
  add_party (a, ID_NAV, BF_PARTY_ROLE_NAV, "NAV Lerkendal", "Jørn Økland", "55 55 33 33");
  add_party (a, ID_RUS, BF_PARTY_ROLE_RUSTJENESTE, "Enhet for rustjenester", "Siv Hæreid", NULL);

  b->background = g_strdup ("Leietaker har tidligere mistet et privat leieforhold på grunn av husleierestanse og "
                            "har hatt perioder med rusproblemer. Hun er nå i poliklinisk behandling.");
  b->main_goal = g_strdup ("At leietaker mestrer å bo i egen bolig og beholder leieforholdet.");
  g_ptr_array_add (b->goals_short_term, g_strdup ("Husleien betales hver måned via fast trekk."));
  g_ptr_array_add (b->goals_short_term, g_strdup ("Leiligheten holdes ryddig slik at rømningsveien er fri."));
  g_ptr_array_add (b->goals_long_term, g_strdup ("Leietaker klarer seg med lite oppfølging innen to år."));
  b->tenant_goals = g_strdup ("Jeg vil få orden på økonomien og ha barna på besøk i helgene.");
  b->difficult_period_wishes = g_strdup ("Ring søsteren min Ragnhild og ta kontakt med fastlegen.");

  add_measure (a, ID_MEASURE1, BF_MEASURE_CATEGORY_BO_OPPFOLGING, ID_WORKER,
               "Hjemmebesøk med praktisk veiledning i renhold og rydding.", "Hver uke",
               "Jeg er hjemme til avtalt tid eller gir beskjed dagen før.");
  add_measure (a, ID_MEASURE2, BF_MEASURE_CATEGORY_OKONOMI, ID_NAV,
               "Husleieplan og frivillig forvaltning av husleie og strøm.", "Månedlig",
               "Jeg gir NAV beskjed om endringer i inntekt.");
  add_measure (a, ID_MEASURE3, BF_MEASURE_CATEGORY_HELSE, ID_RUS,
               "Samtaler ved poliklinikken og koordinering med fastlegen.", "Annenhver uke", NULL);

  bf_agreement_set_responsibility (a, "Helse- og velferdskontoret koordinerer avtalen og kaller inn til evaluering. "
                                      "Booppfølgingstjenesten har ansvar for hjemmebesøk. NAV har ansvar for husleieplanen. "
                                      "Rustjenesten har ansvar for behandlingen.");

  meeting = bf_meeting_new ();
  set_id (&meeting->id, "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f01");
  meeting->description = g_strdup ("Hjemmebesøk");
  meeting->frequency = g_strdup ("Hver tirsdag kl. 10");
  meeting->participants = g_strdup ("Leietaker og booppfølger");
  g_ptr_array_add (bf_agreement_get_meetings (a), meeting);
  meeting = bf_meeting_new ();
  set_id (&meeting->id, "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f02");
  meeting->description = g_strdup ("Ansvarsgruppemøte");
  meeting->frequency = g_strdup ("Hver tredje måned");
  meeting->participants = g_strdup ("Alle parter");
  g_ptr_array_add (bf_agreement_get_meetings (a), meeting);

  k->agreed = TRUE;
  k->consent_recorded = TRUE;
  k->consent_date = g_strdup ("2025-01-20");
  k->consent_form = BF_CONSENT_FORM_SKRIFTLIG;
  k->justification = g_strdup ("Leietaker har ved to anledninger blitt funnet bevisstløs, og ønsker selv at "
                               "booppfølger kan låse seg inn ved fare for liv eller helse.");
  k->conditions.danger_to_life_or_health = TRUE;
  k->conditions.no_contact_hours = 48;
  k->conditions.partner_concern = TRUE;
  k->conditions.fire_or_hms_risk = TRUE;
  k->notice_rule = BF_NOTICE_RULE_UTEN_VARSEL_AKUTT;
  k->notice_details = g_strdup ("Varsel på SMS dagen før, unntatt ved akutt fare.");
  k->who_may_enter = g_strdup ("Booppfølgingstjenesten");
  k->staff_count = 2;
  k->procedure.knock_first = TRUE;
  k->procedure.call_out = TRUE;
  k->procedure.leave_on_signs_of_life = TRUE;
  k->key_holder = g_strdup ("Booppfølgingstjenesten, nøkkelskap på kontoret");
  k->key_return = g_strdup ("Nøkkelen leveres tilbake når avtalen avsluttes eller samtykket trekkes.");

  bf_agreement_set_breach_consequences (a, "Brudd på avtalen fører til en ny samtale og eventuelt revidering av avtalen. "
                                           "Leietaker kan ikke sies opp for brudd på oppfølgingsavtalen alene; bare brudd på "
                                           "husleiekontrakten eller husordensreglene kan få følger for leieforholdet.");

  bf_agreement_get_evaluation_plan (a)->date = g_strdup ("2025-07-15");
  bf_agreement_get_evaluation_plan (a)->scope = g_strdup ("Om tiltakene fungerer, husleiebetaling og nøkkeltilgangen.");
  bf_agreement_get_duration (a)->from = g_strdup ("2025-02-01");
  bf_agreement_get_duration (a)->to = g_strdup ("2026-01-31");

  share = bf_sharing_consent_new ("NAV Lerkendal");
  set_id (&share->id, "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a01");
  share->party = g_strdup (ID_NAV);
  share->form = BF_CONSENT_FORM_SKRIFTLIG;
  share->given = g_strdup ("2025-01-20");
  g_ptr_array_add (c->sharing, share);
  share = bf_sharing_consent_new ("Fastlege Bjørn Ås");
  set_id (&share->id, "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a02");
  share->form = BF_CONSENT_FORM_MUNTLIG;
  share->given = g_strdup ("2025-01-20");
  share->withdrawn = g_strdup ("2025-02-15");
  g_ptr_array_add (c->sharing, share);
  c->reviewed_orally = TRUE;
  c->informed_of_rights = TRUE;
  c->tenant_proposed_changes = g_strdup ("Ønsket hjemmebesøk tirsdag i stedet for mandag; tatt inn.");
  c->copy_given = TRUE;
  c->copy_given_date = g_strdup ("2025-01-28");

  bf_agreement_changed (a);
  return a;
}

static inline GPtrArray *
fixture_strokes (void)
{
  GPtrArray *strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *s1 = bf_stroke_new ();
  GArray *s2 = bf_stroke_new ();

  bf_stroke_add_point (s1, 100, 200, 512, 0);
  bf_stroke_add_point (s1, 140, 180, 600, 16);
  bf_stroke_add_point (s1, 190, 230, 480, 33);
  bf_stroke_add_point (s2, 220, 210, -1, -1);
  bf_stroke_add_point (s2, 260, 215, -1, -1);
  g_ptr_array_add (strokes, s1);
  g_ptr_array_add (strokes, s2);
  return strokes;
}

/* The draft saved, signed by every party and active, with all four logs. */
static inline BfAgreement *
fixture_active (void)
{
  BfAgreement *a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) saved = fixture_time ("2025-01-27T09:30:00Z");
  g_autoptr(GDateTime) signed_at = fixture_time ("2025-01-28T10:15:00Z");
  GPtrArray *parties = bf_agreement_get_parties (a);
  BfVisit *v;
  BfKeyUse *u;
  BfEvaluation *e;
  BfMeasureReview *r;
  BfBreach *br;
  GDate today;

  fixture_today (&today);
  g_assert_true (bf_agreement_save_version (a, saved, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);

      g_assert_true (bf_agreement_sign (a, p->id, BF_SIGNATURE_STATUS_SIGNERT, signed_at,
                                        i == 0 ? fixture_strokes () : NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_AKTIV, 0, &today, &error));
  g_assert_no_error (error);

  v = bf_visit_new ("2025-02-11", BF_VISIT_TYPE_HJEMMEBESOK);
  set_id (&v->id, "4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b01");
  v->observations = g_strdup ("Ryddig i stua. Kjøleskapet var tomt; vi handlet sammen.");
  v->fire_risk = TRUE;
  v->next_contact = g_strdup ("2025-02-18");
  v->author = g_strdup ("Åse Grønli");
  bf_agreement_add_visit (a, v);
  v = bf_visit_new ("2025-02-20", BF_VISIT_TYPE_TELEFON);
  set_id (&v->id, "4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b02");
  v->observations = g_strdup ("Leietaker høres sliten ut, men er trygg.");
  v->concern = TRUE;
  v->next_contact = g_strdup ("2025-02-25");
  bf_agreement_add_visit (a, v);

  u = bf_key_use_new ("2025-02-16T14:05:00Z", BF_ENTRY_CONDITION_INGEN_KONTAKT);
  set_id (&u->id, "5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c01");
  u->notice_given = TRUE;
  u->notice_to = g_strdup ("Leietaker (SMS) og søster");
  u->notice_at = g_strdup ("2025-02-15T12:00:00Z");
  g_ptr_array_add (u->staff_present, g_strdup ("Åse Grønli"));
  g_ptr_array_add (u->staff_present, g_strdup ("Ørjan Bø"));
  u->found_and_done = g_strdup ("Leietaker sov; ingen fare. Avtalt ny tid for hjemmebesøk.");
  bf_agreement_add_key_use (a, u);

  e = bf_evaluation_new ("2025-02-25");
  set_id (&e->id, "6b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d01");
  e->home_visit_done = TRUE;
  r = bf_measure_review_new (ID_MEASURE1, BF_MEASURE_STATUS_FUNGERER);
  g_ptr_array_add (e->measures, r);
  r = bf_measure_review_new (ID_MEASURE2, BF_MEASURE_STATUS_DELVIS);
  r->comment = g_strdup ("Strømregningen for januar er ikke betalt.");
  g_ptr_array_add (e->measures, r);
  r = bf_measure_review_new (ID_MEASURE3, BF_MEASURE_STATUS_IKKE);
  g_ptr_array_add (e->measures, r);
  e->goal_attainment = g_strdup ("Delvis nådd: husleien er betalt, men ikke strøm.");
  e->tenant_view = g_strdup ("Leietaker er fornøyd med hjemmebesøkene.");
  e->decision = BF_EVALUATION_DECISION_FORLENGE;
  e->next_date = g_strdup ("2025-07-15");
  g_assert_true (bf_agreement_add_evaluation (a, e, &error));
  g_assert_no_error (error);

  br = bf_breach_new ("2025-02-22", "Leietaker møtte ikke til tre avtalte hjemmebesøk.");
  set_id (&br->id, "7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e01");
  br->lease_also_breached = FALSE;
  br->assessment = g_strdup ("Bruddet er ikke alvorlig vurdert mot formålet med avtalen.");
  br->consequence = g_strdup ("Ny samtale om tidspunkt for besøk.");
  bf_agreement_add_breach (a, br);

  return a;
}

/* Every party signs the saved version at @iso, which must be out for
 * signing. */
static inline void
fixture_sign_all (BfAgreement *a,
                  const char  *iso)
{
  g_autoptr(GDateTime) at = fixture_time (iso);
  g_autoptr(GError) error = NULL;
  GPtrArray *parties = bf_agreement_get_parties (a);

  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);

      g_assert_true (bf_agreement_sign (a, p->id, BF_SIGNATURE_STATUS_SIGNERT, at, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Revises an active agreement after an evaluation: back to a draft, a
 * change, saved at @saved_iso as a new version and sent for signing, so
 * that every party must sign again. */
static inline void
fixture_revise (BfAgreement *a,
                const char  *saved_iso)
{
  g_autoptr(GDateTime) saved = fixture_time (saved_iso);
  g_autoptr(GError) error = NULL;
  g_autofree char *change = g_strdup_printf ("Ny ansvarsfordeling fra %s.", saved_iso);
  GDate today;

  fixture_today (&today);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_UTKAST, 0, &today, &error));
  g_assert_no_error (error);
  bf_agreement_set_responsibility (a, change);
  g_assert_true (bf_agreement_save_version (a, saved, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);
}
