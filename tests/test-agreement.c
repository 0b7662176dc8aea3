/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "bf-json.h"
#include "fixtures.h"

static void
test_new (void)
{
  g_autoptr(BfAgreement) a = bf_agreement_new ();
  g_autoptr(BfAgreement) b = bf_agreement_new ();

  g_assert_true (g_uuid_string_is_valid (bf_agreement_get_id (a)));
  g_assert_cmpstr (bf_agreement_get_id (a), !=, bf_agreement_get_id (b));
  g_assert_cmpint (bf_agreement_get_state (a), ==, BF_AGREEMENT_STATE_UTKAST);
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 0);
  g_assert_null (bf_agreement_get_version_hash (a));
  g_assert_false (bf_agreement_is_text_locked (a));
  g_assert_false (bf_agreement_has_breach (a));
  g_assert_cmpuint (bf_agreement_get_parties (a)->len, ==, 0);
  g_assert_nonnull (bf_agreement_get_background (a)->goals_short_term);
}

static void
changed_cb (BfAgreement *a,
            guint       *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  g_autoptr(BfAgreement) a = bf_agreement_new ();
  guint count = 0;

  g_signal_connect (a, "changed", G_CALLBACK (changed_cb), &count);
  bf_agreement_set_breach_consequences (a, "Ny samtale.");
  bf_agreement_set_breach_consequences (a, "Ny samtale.");
  g_assert_cmpuint (count, ==, 1);
  bf_agreement_add_party (a, bf_party_new (BF_PARTY_ROLE_LEIETAKER));
  g_assert_cmpuint (count, ==, 2);
}

static void
test_parties (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  BfParty *extra;
  g_autofree char *extra_id = NULL;

  g_assert_cmpuint (bf_agreement_get_parties (a)->len, ==, 5);
  g_assert_cmpstr (bf_agreement_find_party (a, ID_NAV)->organisation, ==, "NAV Lerkendal");
  g_assert_null (bf_agreement_find_party (a, "00000000-0000-4000-8000-000000000000"));
  g_assert_cmpstr (bf_agreement_find_party_by_role (a, BF_PARTY_ROLE_LEIETAKER)->id, ==, ID_TENANT);
  g_assert_null (bf_agreement_find_party_by_role (a, BF_PARTY_ROLE_VERGE));

  /* NAV is responsible for a measure, so it cannot go. */
  g_assert_false (bf_agreement_remove_party (a, ID_NAV, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE);
  g_assert_nonnull (strstr (error->message, "measures[1].responsible_party"));
  g_clear_error (&error);

  extra = bf_agreement_add_party (a, bf_party_new (BF_PARTY_ROLE_VERGE));
  extra_id = g_strdup (extra->id);
  g_assert_true (g_uuid_string_is_valid (extra_id));
  g_assert_true (bf_agreement_remove_party (a, extra_id, &error));
  g_assert_no_error (error);
  g_assert_null (bf_agreement_find_party (a, extra_id));
  g_assert_false (bf_agreement_remove_party (a, extra_id, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE);
}

static void
test_measures (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  BfMeasure *m;

  g_assert_cmpuint (bf_agreement_get_measures (a)->len, ==, 3);
  m = bf_agreement_find_measure (a, ID_MEASURE2);
  g_assert_nonnull (m);
  g_assert_cmpint (m->category, ==, BF_MEASURE_CATEGORY_OKONOMI);
  g_assert_cmpstr (m->responsible_party, ==, ID_NAV);
  g_assert_true (bf_agreement_check_references (a, &error));
  g_assert_no_error (error);

  bf_agreement_add_measure (a, bf_measure_new (BF_MEASURE_CATEGORY_ANNET,
                                               "00000000-0000-4000-8000-000000000000"));
  g_assert_false (bf_agreement_check_references (a, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE);
  g_assert_cmpstr (error->message, ==, "measures[3].responsible_party: refers to a party that does not exist");
  g_clear_error (&error);

  /* A dangling reference cannot be saved as a version either. */
  g_assert_false (bf_agreement_save_version (a, NULL, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE);
}

static void
test_duplicate_ids (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  BfParty *p = bf_party_new (BF_PARTY_ROLE_VERGE);

  set_id (&p->id, ID_NAV);
  bf_agreement_add_party (a, p);
  g_assert_false (bf_agreement_check_references (a, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "parties[5].id: the same id is used twice");
}

static void
test_save_version (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) t1 = fixture_time ("2025-01-27T09:30:00+01:00");
  g_autoptr(GDateTime) t2 = fixture_time ("2025-01-27T10:00:00Z");
  g_autofree char *json = bf_agreement_dup_content_json (a);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  g_autofree char *first_hash = NULL;

  g_assert_true (bf_agreement_has_unsaved_changes (a));
  g_assert_true (bf_agreement_save_version (a, t1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 1);
  g_assert_cmpstr (bf_agreement_get_version_hash (a), ==, expected);
  g_assert_cmpuint (strlen (bf_agreement_get_version_hash (a)), ==, 64);
  g_assert_cmpstr (bf_agreement_get_saved_at (a), ==, "2025-01-27T08:30:00Z");
  g_assert_false (bf_agreement_has_unsaved_changes (a));

  /* Saving the same text again makes no new version. */
  g_assert_true (bf_agreement_save_version (a, t2, &error));
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 1);
  g_assert_cmpstr (bf_agreement_get_saved_at (a), ==, "2025-01-27T08:30:00Z");

  first_hash = g_strdup (bf_agreement_get_version_hash (a));
  bf_agreement_get_header (a)->address = (g_free (bf_agreement_get_header (a)->address),
                                          g_strdup ("Ny adresse 1"));
  g_assert_true (bf_agreement_has_unsaved_changes (a));
  g_assert_true (bf_agreement_save_version (a, t2, &error));
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 2);
  g_assert_cmpstr (bf_agreement_get_version_hash (a), !=, first_hash);
}

static void
test_hash_covers_only_text (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autofree char *before = bf_agreement_compute_content_hash (a);
  g_autofree char *after = NULL;
  g_autofree char *content = bf_agreement_dup_content_json (a);

  bf_agreement_add_visit (a, bf_visit_new ("2025-02-28", BF_VISIT_TYPE_MOTE));
  bf_agreement_add_breach (a, bf_breach_new ("2025-02-28", "Nytt brudd"));
  after = bf_agreement_compute_content_hash (a);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (before, ==, bf_agreement_get_version_hash (a));
  g_assert_null (strstr (content, "\"signatures\""));
  g_assert_null (strstr (content, "\"state\""));
  g_assert_null (strstr (content, "\"logs\""));
  g_assert_nonnull (strstr (content, "Kari Østby Ålien"));
}

static void
test_locked_after_sending (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  GDate today;

  fixture_today (&today);
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_is_text_locked (a));

  bf_agreement_set_breach_consequences (a, "Endret etter at avtalen ble sendt til signering.");
  g_assert_false (bf_agreement_save_version (a, NULL, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 1);

  g_assert_false (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_SIGNERT, NULL, NULL, NULL, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SAVED);
}

static void
test_sign (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = fixture_time ("2025-01-28T10:15:00Z");
  BfSignature *s;
  GDate today;

  fixture_today (&today);
  g_assert_false (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_SIGNERT, at, NULL, NULL, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));

  g_assert_false (bf_agreement_sign (a, "00000000-0000-4000-8000-000000000000",
                                     BF_SIGNATURE_STATUS_SIGNERT, at, NULL, NULL, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_IKKE_SIGNERT, at, NULL, NULL, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_UTSATT, at, NULL,
                                    "Leietaker ønsker å lese avtalen med søsteren først.", &error));
  g_assert_no_error (error);
  s = bf_agreement_get_signature (a, ID_TENANT);
  g_assert_cmpint (s->status, ==, BF_SIGNATURE_STATUS_UTSATT);
  g_assert_cmpstr (s->version_hash, ==, bf_agreement_get_version_hash (a));
  g_assert_cmpstr (s->at, ==, "2025-01-28T10:15:00Z");
  g_assert_false (bf_agreement_all_signed (a));

  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_SIGNERT, at, fixture_strokes (), NULL, &error));
  g_assert_cmpuint (bf_agreement_get_signatures (a)->len, ==, 1);
  g_assert_cmpint (s->status, ==, BF_SIGNATURE_STATUS_SIGNERT);
  g_assert_cmpuint (s->strokes->len, ==, 2);
  g_assert_cmpint (g_array_index ((GArray *) g_ptr_array_index (s->strokes, 0), BfPoint, 1).x, ==, 140);
  g_assert_false (bf_agreement_all_signed (a));

  /* Declining afterwards leaves no signature drawn on the line. */
  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_AVSLATT, at, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->status, ==, BF_SIGNATURE_STATUS_AVSLATT);
  g_assert_cmpuint (s->strokes->len, ==, 0);
}

static void
test_new_version_needs_new_signatures (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GError) error = NULL;
  GDate today;

  fixture_today (&today);
  g_assert_true (bf_agreement_all_signed (a));
  g_assert_cmpint (bf_agreement_get_state (a), ==, BF_AGREEMENT_STATE_AKTIV);

  /* Revising: back to a draft, change, save as version 2. */
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_UTKAST, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_all_signed (a));
  bf_agreement_set_responsibility (a, "Ny ansvarsfordeling etter evalueringen.");
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_cmpuint (bf_agreement_get_version (a), ==, 2);
  g_assert_cmpuint (bf_agreement_get_signatures (a)->len, ==, 0);
  g_assert_false (bf_agreement_all_signed (a));

  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_AKTIV, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SIGNED);
}

/* The first time every party signed is recorded once, as the latest of
 * those signatures, and survives revisions that are signed again. */
static void
test_first_signed_at (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfAgreement) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) early = fixture_time ("2025-01-27T14:00:00Z");
  g_autoptr(GDateTime) late = fixture_time ("2025-01-28T10:15:00Z");
  g_autoptr(GDateTime) later = fixture_time ("2025-01-29T08:00:00+01:00");
  GPtrArray *parties = bf_agreement_get_parties (a);
  GDate today;

  fixture_today (&today);
  g_assert_null (bf_agreement_get_first_signed_at (a));
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);

  /* Postponed and partly signed: nobody has entered into it yet. */
  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_UTSATT, early, NULL, NULL, &error));
  g_assert_null (bf_agreement_get_first_signed_at (a));
  g_assert_cmpuint (parties->len, >=, 3);
  for (guint i = 1; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);

      /* The second party's signature is the latest, though not the last
       * one recorded. */
      g_assert_true (bf_agreement_sign (a, p->id, BF_SIGNATURE_STATUS_SIGNERT,
                                        i == 1 ? late : early, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_null (bf_agreement_get_first_signed_at (a));
    }
  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_SIGNERT, early, NULL, NULL, &error));
  g_assert_true (bf_agreement_all_signed (a));
  g_assert_cmpstr (bf_agreement_get_first_signed_at (a), ==, "2025-01-28T10:15:00Z");

  /* Signing again does not move it. */
  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_SIGNERT, later, NULL, NULL, &error));
  g_assert_cmpstr (bf_agreement_get_first_signed_at (a), ==, "2025-01-28T10:15:00Z");
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_AKTIV, 0, &today, &error));
  g_assert_no_error (error);

  /* A revision drops the signatures, not the first signing, and is not
   * part of the signed text. */
  fixture_revise (a, "2025-02-20T09:00:00Z");
  g_assert_cmpuint (bf_agreement_get_signatures (a)->len, ==, 0);
  g_assert_false (bf_agreement_has_unsaved_changes (a));
  g_assert_cmpstr (bf_agreement_get_first_signed_at (a), ==, "2025-01-28T10:15:00Z");
  fixture_sign_all (a, "2025-02-24T11:00:00Z");
  g_assert_true (bf_agreement_all_signed (a));
  g_assert_cmpstr (bf_agreement_get_first_signed_at (a), ==, "2025-01-28T10:15:00Z");

  copy = bf_agreement_dup (a);
  g_assert_cmpstr (bf_agreement_get_first_signed_at (copy), ==, "2025-01-28T10:15:00Z");
}

/* JSON written before first_signed_at existed: a fully signed agreement
 * keeps the fact when a revision drops its signatures. */
static void
test_first_signed_at_from_old_json (void)
{
  g_autoptr(BfAgreement) active = fixture_active ();
  g_autoptr(BfAgreement) a = NULL;
  g_autoptr(JsonNode) node = bf_agreement_to_json_node (active, BF_AGREEMENT_JSON_DEFAULT);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_object_has_member (json_node_get_object (node), "first_signed_at"));
  json_object_remove_member (json_node_get_object (node), "first_signed_at");
  a = bf_agreement_new_from_json_node (node, &error);
  g_assert_no_error (error);
  g_assert_null (bf_agreement_get_first_signed_at (a));
  g_assert_true (bf_agreement_all_signed (a));

  fixture_revise (a, "2025-02-20T09:00:00Z");
  g_assert_cmpstr (bf_agreement_get_first_signed_at (a), ==, "2025-01-28T10:15:00Z");
}

/* Every pair of states: exactly the documented edges are allowed. */
static void
test_lifecycle_edges (void)
{
  static const struct { BfAgreementState from, to; } allowed[] = {
    { BF_AGREEMENT_STATE_UTKAST, BF_AGREEMENT_STATE_TIL_SIGNERING },
    { BF_AGREEMENT_STATE_UTKAST, BF_AGREEMENT_STATE_AVSLATT },
    { BF_AGREEMENT_STATE_TIL_SIGNERING, BF_AGREEMENT_STATE_UTKAST },
    { BF_AGREEMENT_STATE_TIL_SIGNERING, BF_AGREEMENT_STATE_AKTIV },
    { BF_AGREEMENT_STATE_TIL_SIGNERING, BF_AGREEMENT_STATE_AVSLATT },
    { BF_AGREEMENT_STATE_AKTIV, BF_AGREEMENT_STATE_TIL_EVALUERING },
    { BF_AGREEMENT_STATE_AKTIV, BF_AGREEMENT_STATE_UTKAST },
    { BF_AGREEMENT_STATE_AKTIV, BF_AGREEMENT_STATE_AVSLUTTET },
    { BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_AKTIV },
    { BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_UTKAST },
    { BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_FORLENGET },
    { BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_AVSLUTTET },
    { BF_AGREEMENT_STATE_FORLENGET, BF_AGREEMENT_STATE_TIL_EVALUERING },
    { BF_AGREEMENT_STATE_FORLENGET, BF_AGREEMENT_STATE_UTKAST },
    { BF_AGREEMENT_STATE_FORLENGET, BF_AGREEMENT_STATE_AVSLUTTET },
  };
  guint n_allowed = 0;

  for (int from = BF_AGREEMENT_STATE_UTKAST; from <= BF_AGREEMENT_STATE_AVSLATT; from++)
    for (int to = BF_AGREEMENT_STATE_UTKAST; to <= BF_AGREEMENT_STATE_AVSLATT; to++)
      {
        g_autoptr(GError) error = NULL;
        gboolean expected = FALSE;
        gboolean ok;

        for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
          if (allowed[i].from == (BfAgreementState) from && allowed[i].to == (BfAgreementState) to)
            expected = TRUE;
        ok = bf_lifecycle_can_transition (from, to, &error);
        g_assert_cmpint (ok, ==, expected);
        if (ok)
          {
            g_assert_no_error (error);
            n_allowed++;
          }
        else
          {
            g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED);
            /* A sentence, not a code. */
            g_assert_true (g_str_has_suffix (error->message, "."));
          }
      }
  g_assert_cmpuint (n_allowed, ==, G_N_ELEMENTS (allowed));
}

static void
test_transition_refusals (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfAgreement) empty = bf_agreement_new ();
  g_autoptr(GError) error = NULL;
  GDate today;

  fixture_today (&today);

  /* A draft cannot become active directly. */
  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_AKTIV, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* Not saved yet. */
  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SAVED);
  g_clear_error (&error);

  /* Saved, but a required section is missing (R01). */
  g_assert_true (bf_agreement_save_version (empty, NULL, &error));
  g_assert_false (bf_agreement_transition (empty, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_BLOCKED);
  g_assert_nonnull (strstr (error->message, "parties"));
  g_clear_error (&error);
  g_assert_cmpint (bf_agreement_get_state (empty), ==, BF_AGREEMENT_STATE_UTKAST);

  /* Changed after saving. */
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  bf_agreement_set_responsibility (a, "Endret");
  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SAVED);
  g_clear_error (&error);
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);

  /* Nobody signed yet. */
  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_AKTIV, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SIGNED);
  g_clear_error (&error);

  /* Back to a draft is allowed while signing. */
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_UTKAST, 0, &today, &error));
  g_assert_no_error (error);
}

static void
test_transition_end (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GError) error = NULL;
  GDate today;

  fixture_today (&today);
  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_AVSLUTTET, BF_END_REASON_NONE, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NEEDS_REASON);
  g_clear_error (&error);

  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_AVSLUTTET, BF_END_REASON_SAMTYKKE_TRUKKET, &today, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_agreement_get_state (a), ==, BF_AGREEMENT_STATE_AVSLUTTET);
  g_assert_cmpint (bf_agreement_get_end_reason (a), ==, BF_END_REASON_SAMTYKKE_TRUKKET);

  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_AKTIV, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "final"));
}

static void
test_transition_evaluation (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GError) error = NULL;
  BfEvaluation *last;
  GDate today;

  fixture_today (&today);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_EVALUERING, 0, &today, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_AKTIV, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_agreement_get_state (a), ==, BF_AGREEMENT_STATE_AKTIV);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_EVALUERING, 0, &today, &error));

  /* The latest evaluation decided to extend without a home visit. */
  last = bf_evaluation_new ("2025-02-28");
  last->decision = BF_EVALUATION_DECISION_FORLENGE;
  last->home_visit_done = FALSE;
  g_assert_true (bf_agreement_add_evaluation (a, last, &error));
  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_FORLENGET, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NEEDS_HOME_VISIT);
  g_clear_error (&error);

  last->home_visit_done = TRUE;
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_FORLENGET, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_EVALUERING, 0, &today, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_AVSLUTTET, BF_END_REASON_MAL_NADD, &today, &error));
  g_assert_no_error (error);
}

static void
test_transition_declined (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfAgreement) b = fixture_active ();
  g_autoptr(GError) error = NULL;
  GDate today;

  fixture_today (&today);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_AVSLATT, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bf_agreement_get_state (a), ==, BF_AGREEMENT_STATE_AVSLATT);
  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_UTKAST, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_false (bf_agreement_transition (b, BF_AGREEMENT_STATE_AVSLATT, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_declined_while_signing (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = fixture_time ("2025-01-28T10:15:00Z");
  guint state_notifies = 0;
  guint version_notifies = 0;
  GDate today;

  fixture_today (&today);
  g_signal_connect (a, "notify::state", G_CALLBACK (notify_cb), &state_notifies);
  g_signal_connect (a, "notify::version", G_CALLBACK (notify_cb), &version_notifies);
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_cmpuint (version_notifies, ==, 1);
  g_assert_cmpuint (state_notifies, ==, 1);

  g_assert_false (bf_agreement_transition (a, BF_AGREEMENT_STATE_AVSLATT, 0, &today, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SIGNED);
  g_clear_error (&error);
  g_assert_cmpuint (state_notifies, ==, 1);

  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_AVSLATT, at, NULL,
                                    "Ønsker ikke nøkkeltilgang.", &error));
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_AVSLATT, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state_notifies, ==, 2);
  g_assert_cmpint (bf_agreement_get_signature (a, ID_TENANT)->status, ==, BF_SIGNATURE_STATUS_AVSLATT);
}

static void
test_breach_is_a_flag (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  GDate today;
  g_autoptr(GPtrArray) findings = NULL;

  fixture_today (&today);
  g_assert_true (bf_agreement_has_breach (a));
  bf_agreement_add_breach (a, bf_breach_new ("2025-02-27", "Alvorlig brudd på avtalen."));
  g_assert_cmpint (bf_agreement_get_state (a), ==, BF_AGREEMENT_STATE_AKTIV);
  g_assert_cmpuint (bf_agreement_get_breaches (a)->len, ==, 2);
  findings = bf_rules_check (a, &today);
  g_assert_false (bf_findings_block_signing (findings));
}

static void
test_logs (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GError) error = NULL;
  BfEvaluation *bad = bf_evaluation_new ("2025-02-28");

  g_assert_cmpuint (bf_agreement_get_visits (a)->len, ==, 2);
  g_assert_cmpuint (bf_agreement_get_key_uses (a)->len, ==, 1);
  g_assert_cmpuint (bf_agreement_get_evaluations (a)->len, ==, 1);

  g_ptr_array_add (bad->measures, bf_measure_review_new ("00000000-0000-4000-8000-000000000000",
                                                         BF_MEASURE_STATUS_FUNGERER));
  g_assert_false (bf_agreement_add_evaluation (a, bad, &error));
  g_assert_error (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE);
  g_assert_cmpstr (error->message, ==, "measures[0].measure: refers to a measure that does not exist");
  g_assert_cmpuint (bf_agreement_get_evaluations (a)->len, ==, 1);
}

static void
test_review (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;

  g_assert_false (bf_agreement_set_review (a, BF_REVIEW_STATUS_INNSENDT, NULL, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SAVED);
  g_clear_error (&error);

  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_false (bf_agreement_set_review (a, BF_REVIEW_STATUS_GODKJENT, NULL, &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_true (bf_agreement_set_review (a, BF_REVIEW_STATUS_INNSENDT, NULL, &error));
  g_assert_false (bf_agreement_set_review (a, BF_REVIEW_STATUS_RETURNERT, "", &error));
  g_assert_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NEEDS_REASON);
  g_clear_error (&error);
  g_assert_true (bf_agreement_set_review (a, BF_REVIEW_STATUS_RETURNERT, "Begrunn nøkkeltilgangen bedre.", &error));
  g_assert_cmpint (bf_agreement_get_review_status (a), ==, BF_REVIEW_STATUS_RETURNERT);
  g_assert_cmpstr (bf_agreement_get_review_comment (a), ==, "Begrunn nøkkeltilgangen bedre.");

  /* A new version starts the review over. */
  bf_agreement_set_responsibility (a, "Bedre begrunnet.");
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_cmpint (bf_agreement_get_review_status (a), ==, BF_REVIEW_STATUS_NONE);
  g_assert_true (bf_agreement_set_review (a, BF_REVIEW_STATUS_INNSENDT, NULL, &error));
  g_assert_true (bf_agreement_set_review (a, BF_REVIEW_STATUS_GODKJENT, NULL, &error));
  g_assert_no_error (error);
}

static void
test_dup (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) copy = bf_agreement_dup (a);
  g_autofree char *ja = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  g_autofree char *jc = bf_agreement_to_json (copy, BF_AGREEMENT_JSON_WITH_LOGS);
  g_autofree char *after = NULL;

  g_assert_true (a != copy);
  g_assert_cmpstr (ja, ==, jc);
  /* Deep: changing the copy leaves the original alone. */
  bf_set_str (&bf_agreement_get_header (copy)->tenant_name, "Endret");
  after = bf_agreement_to_json (a, BF_AGREEMENT_JSON_WITH_LOGS);
  g_assert_cmpstr (ja, ==, after);
}

static void
test_dashboard_dates (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) d = fixture_draft ();
  BfVisit *v = bf_visit_new ("2025-02-27", BF_VISIT_TYPE_HJEMMEBESOK);

  g_assert_cmpstr (bf_agreement_get_last_contact (a), ==, "2025-02-20");
  v->no_access = TRUE;
  bf_agreement_add_visit (a, v);
  g_assert_cmpstr (bf_agreement_get_last_contact (a), ==, "2025-02-20");
  g_assert_null (bf_agreement_get_last_contact (d));

  g_assert_cmpstr (bf_agreement_get_next_evaluation (d), ==, "2025-07-15");
  ((BfEvaluation *) g_ptr_array_index (bf_agreement_get_evaluations (a), 0))->next_date[3] = '6';
  g_assert_cmpstr (bf_agreement_get_next_evaluation (a), ==, "2026-07-15");
}

static void
test_enums (void)
{
  int v = -1;

  for (BfEnumKind k = 0; k < BF_N_ENUMS; k++)
    {
      g_assert_cmpuint (bf_enum_n_values (k), >=, 3);
      g_assert_null (bf_enum_to_token (k, 0));
      for (guint i = 1; i < bf_enum_n_values (k); i++)
        {
          const char *token = bf_enum_to_token (k, (int) i);

          g_assert_nonnull (token);
          g_assert_true (bf_enum_from_token (k, token, &v));
          g_assert_cmpint (v, ==, (int) i);
          g_assert_nonnull (bf_enum_label_nb (k, (int) i));
          g_assert_nonnull (bf_enum_label_en (k, (int) i));
          for (const char *p = token; *p; p++)
            g_assert_true (g_ascii_islower (*p) || *p == '_');
        }
      g_assert_false (bf_enum_from_token (k, "finnes_ikke", &v));
    }
  g_assert_cmpstr (bf_enum_label_nb (BF_ENUM_PARTY_ROLE, BF_PARTY_ROLE_BOMILJOTEAM), ==, "Bomiljøteam");
  g_assert_cmpstr (bf_enum_to_token (BF_ENUM_VISIT_TYPE, BF_VISIT_TYPE_HJEMMEBESOK), ==, "hjemmebesok");

  g_assert_cmpint (bf_section_for_field ("measures[2].responsible_party"), ==, BF_SECTION_MEASURES);
  g_assert_cmpint (bf_section_for_field ("key_access.procedure.knock_first"), ==, BF_SECTION_KEY_ACCESS);
  g_assert_cmpint (bf_section_for_field ("breach_consequences"), ==, BF_SECTION_BREACH_CONSEQUENCES);
  g_assert_cmpint (bf_section_for_field ("logs.visits"), ==, BF_SECTION_LOGS);
  g_assert_cmpint (bf_section_for_field ("schema"), ==, BF_SECTION_NONE);
  g_assert_cmpint (bf_section_for_field (NULL), ==, BF_SECTION_NONE);
  g_assert_cmpstr (bf_enum_label_nb (BF_ENUM_SECTION, BF_SECTION_KEY_ACCESS), ==, "Nøkkeltilgang");
}

static void
test_dates (void)
{
  GDate d;
  g_autofree char *s = NULL;

  g_assert_true (bf_date_parse ("2024-02-29", &d));
  s = bf_date_format (&d);
  g_assert_cmpstr (s, ==, "2024-02-29");
  g_assert_false (bf_date_is_valid ("2025-02-29"));
  g_assert_false (bf_date_is_valid ("2025-2-01"));
  g_assert_false (bf_date_is_valid ("01.02.2025"));
  g_assert_false (bf_date_is_valid ("2025-02-01T00:00:00Z"));
  g_assert_true (bf_timestamp_is_valid ("2025-02-01T10:00:00Z"));
  g_assert_true (bf_timestamp_is_valid ("2025-02-01T10:00:00+01:00"));
  g_assert_false (bf_timestamp_is_valid ("2025-02-01"));
  g_assert_false (bf_timestamp_is_valid ("2025-02-30T10:00:00Z"));
  g_assert_true (bf_timestamp_to_date ("2025-02-01T00:30:00+01:00", &d));
  g_assert_cmpint (g_date_get_day (&d), ==, 31);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/agreement/new", test_new);
  g_test_add_func ("/agreement/changed-signal", test_changed_signal);
  g_test_add_func ("/agreement/parties", test_parties);
  g_test_add_func ("/agreement/measures", test_measures);
  g_test_add_func ("/agreement/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/agreement/save-version", test_save_version);
  g_test_add_func ("/agreement/hash-covers-only-text", test_hash_covers_only_text);
  g_test_add_func ("/agreement/locked-after-sending", test_locked_after_sending);
  g_test_add_func ("/agreement/sign", test_sign);
  g_test_add_func ("/agreement/new-version-needs-new-signatures", test_new_version_needs_new_signatures);
  g_test_add_func ("/agreement/first-signed-at", test_first_signed_at);
  g_test_add_func ("/agreement/first-signed-at/old-json", test_first_signed_at_from_old_json);
  g_test_add_func ("/agreement/lifecycle/edges", test_lifecycle_edges);
  g_test_add_func ("/agreement/lifecycle/refusals", test_transition_refusals);
  g_test_add_func ("/agreement/lifecycle/end", test_transition_end);
  g_test_add_func ("/agreement/lifecycle/evaluation", test_transition_evaluation);
  g_test_add_func ("/agreement/lifecycle/declined", test_transition_declined);
  g_test_add_func ("/agreement/lifecycle/declined-while-signing", test_declined_while_signing);
  g_test_add_func ("/agreement/breach-is-a-flag", test_breach_is_a_flag);
  g_test_add_func ("/agreement/logs", test_logs);
  g_test_add_func ("/agreement/review", test_review);
  g_test_add_func ("/agreement/dup", test_dup);
  g_test_add_func ("/agreement/dashboard-dates", test_dashboard_dates);
  g_test_add_func ("/agreement/enums", test_enums);
  g_test_add_func ("/agreement/dates", test_dates);

  return g_test_run ();
}
