/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-agreement"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-agreement-json.h"
#include "bf-agreement-private.h"
#include "bf-date.h"
#include "bf-json.h"
#include "bf-rules.h"

G_DEFINE_FINAL_TYPE (BfAgreement, bf_agreement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATE,
  PROP_VERSION,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
set_state (BfAgreement      *self,
           BfAgreementState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void
bf_agreement_finalize (GObject *object)
{
  BfAgreement *self = (BfAgreement *)object;

  g_free (self->id);
  g_free (self->version_hash);
  g_free (self->saved_at);
  g_free (self->review_comment);
  bf_header_clear (&self->header);
  g_ptr_array_unref (self->parties);
  bf_background_clear (&self->background);
  g_clear_pointer (&self->background.goals_short_term, g_ptr_array_unref);
  g_clear_pointer (&self->background.goals_long_term, g_ptr_array_unref);
  g_ptr_array_unref (self->measures);
  g_free (self->responsibility);
  g_ptr_array_unref (self->meetings);
  bf_key_access_clear (&self->key_access);
  g_free (self->breach_consequences);
  bf_evaluation_plan_clear (&self->evaluation);
  bf_duration_clear (&self->duration);
  bf_consent_clear (&self->consent);
  g_clear_pointer (&self->consent.sharing, g_ptr_array_unref);
  g_ptr_array_unref (self->signatures);
  g_free (self->first_signed_at);
  g_ptr_array_unref (self->visits);
  g_ptr_array_unref (self->key_uses);
  g_ptr_array_unref (self->evaluations);
  g_ptr_array_unref (self->breaches);

  G_OBJECT_CLASS (bf_agreement_parent_class)->finalize (object);
}

static void
bf_agreement_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BfAgreement *self = BF_AGREEMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_agreement_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BfAgreement *self = BF_AGREEMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      if (self->id == NULL)
        self->id = bf_new_id ();
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_agreement_class_init (BfAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bf_agreement_finalize;
  object_class->get_property = bf_agreement_get_property;
  object_class->set_property = bf_agreement_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* A BfAgreementState; an int so that no GEnum type is needed. */
  properties [PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      0, BF_AGREEMENT_STATE_AVSLATT, BF_AGREEMENT_STATE_UTKAST,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_VERSION] =
    g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BfAgreement::changed:
   *
   * Emitted by bf_agreement_changed() after a section was edited.
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bf_agreement_init (BfAgreement *self)
{
  self->state = BF_AGREEMENT_STATE_UTKAST;
  self->parties = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_party_free);
  bf_background_clear (&self->background);
  self->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_measure_free);
  self->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_meeting_free);
  bf_consent_clear (&self->consent);
  self->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_signature_free);
  self->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_visit_free);
  self->key_uses = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_key_use_free);
  self->evaluations = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_evaluation_free);
  self->breaches = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_breach_free);
}

/**
 * bf_agreement_new:
 *
 * Returns: (transfer full): an empty draft (utkast) with a new id
 */
BfAgreement *
bf_agreement_new (void)
{
  return g_object_new (BF_TYPE_AGREEMENT, NULL);
}

BfAgreement *
bf_agreement_new_with_id (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (BF_TYPE_AGREEMENT, "id", id, NULL);
}

/**
 * bf_agreement_dup:
 *
 * A deep copy — text, state, version, signatures and logs — made through
 * the canonical JSON, so it is exactly what a store or a record would give
 * back. An editor can work on a copy and throw it away on "Avbryt".
 *
 * Returns: (transfer full): the copy
 */
BfAgreement *
bf_agreement_dup (BfAgreement *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  BfAgreement *copy;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  node = bf_agreement_to_json_node (self, BF_AGREEMENT_JSON_WITH_LOGS);
  copy = bf_agreement_new_from_json_node (node, &error);
  if (copy == NULL)
    {
      /* Only an agreement with a dangling reference or an invalid date
       * cannot be read back; copy what we can rather than fail. */
      g_debug ("Copying an agreement that does not validate: %s", error->message);
      copy = bf_agreement_new_with_id (self->id);
    }
  return copy;
}

const char *
bf_agreement_get_id (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->id;
}

BfAgreementState
bf_agreement_get_state (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), BF_AGREEMENT_STATE_NONE);
  return self->state;
}

BfEndReason
bf_agreement_get_end_reason (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), BF_END_REASON_NONE);
  return self->end_reason;
}

BfHeader *
bf_agreement_get_header (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return &self->header;
}

GPtrArray *
bf_agreement_get_parties (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->parties;
}

BfBackground *
bf_agreement_get_background (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return &self->background;
}

GPtrArray *
bf_agreement_get_measures (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->measures;
}

const char *
bf_agreement_get_responsibility (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->responsibility;
}

void
bf_agreement_set_responsibility (BfAgreement *self,
                                 const char  *text)
{
  g_return_if_fail (BF_IS_AGREEMENT (self));

  if (bf_set_str (&self->responsibility, text))
    bf_agreement_changed (self);
}

GPtrArray *
bf_agreement_get_meetings (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->meetings;
}

BfKeyAccess *
bf_agreement_get_key_access (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return &self->key_access;
}

const char *
bf_agreement_get_breach_consequences (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->breach_consequences;
}

void
bf_agreement_set_breach_consequences (BfAgreement *self,
                                      const char  *text)
{
  g_return_if_fail (BF_IS_AGREEMENT (self));

  if (bf_set_str (&self->breach_consequences, text))
    bf_agreement_changed (self);
}

BfEvaluationPlan *
bf_agreement_get_evaluation_plan (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return &self->evaluation;
}

BfDuration *
bf_agreement_get_duration (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return &self->duration;
}

BfConsent *
bf_agreement_get_consent (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return &self->consent;
}

GPtrArray *
bf_agreement_get_signatures (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->signatures;
}

void
bf_agreement_changed (BfAgreement *self)
{
  g_return_if_fail (BF_IS_AGREEMENT (self));

  g_signal_emit (self, signals [CHANGED], 0);
}

/**
 * bf_agreement_add_party:
 * @party: (transfer full): the party; it keeps its id
 *
 * Returns: (transfer none): @party
 */
BfParty *
bf_agreement_add_party (BfAgreement *self,
                        BfParty     *party)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (party != NULL && party->id != NULL, NULL);

  g_ptr_array_add (self->parties, party);
  bf_agreement_changed (self);
  return party;
}

BfMeasure *
bf_agreement_add_measure (BfAgreement *self,
                          BfMeasure   *measure)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (measure != NULL && measure->id != NULL, NULL);

  g_ptr_array_add (self->measures, measure);
  bf_agreement_changed (self);
  return measure;
}

BfParty *
bf_agreement_find_party (BfAgreement *self,
                         const char  *id)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  for (guint i = 0; id != NULL && i < self->parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (self->parties, i);

      if (g_strcmp0 (p->id, id) == 0)
        return p;
    }
  return NULL;
}

BfParty *
bf_agreement_find_party_by_role (BfAgreement *self,
                                 BfPartyRole  role)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  for (guint i = 0; i < self->parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (self->parties, i);

      if (p->role == role)
        return p;
    }
  return NULL;
}

BfMeasure *
bf_agreement_find_measure (BfAgreement *self,
                           const char  *id)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  for (guint i = 0; id != NULL && i < self->measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (self->measures, i);

      if (g_strcmp0 (m->id, id) == 0)
        return m;
    }
  return NULL;
}

/**
 * bf_agreement_remove_party:
 *
 * Refuses to remove a party that a measure names as responsible, so that no
 * measure is left without someone responsible.
 */
gboolean
bf_agreement_remove_party (BfAgreement  *self,
                           const char   *id,
                           GError      **error)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < self->measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (self->measures, i);

      if (g_strcmp0 (m->responsible_party, id) == 0)
        {
          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE,
                       _("measures[%u].responsible_party: the party is responsible for this measure; choose someone else first"),
                       i);
          return FALSE;
        }
    }
  for (guint i = 0; i < self->parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (self->parties, i);

      if (g_strcmp0 (p->id, id) == 0)
        {
          g_ptr_array_remove_index (self->parties, i);
          bf_agreement_changed (self);
          return TRUE;
        }
    }
  g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE,
                       _("parties: there is no party with that id"));
  return FALSE;
}

static gboolean
bad_reference (GError     **error,
               const char  *list,
               guint        index,
               const char  *field,
               const char  *what)
{
  g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE,
               /* Translators: e.g. "measures[2].responsible_party: refers to a party that does not exist" */
               _("%s[%u].%s: refers to %s that does not exist"),
               list, index, field, what);
  return FALSE;
}

static gboolean
check_unique_ids (GPtrArray   *items,
                  gsize        id_offset,
                  const char  *list,
                  GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = G_STRUCT_MEMBER (const char *, g_ptr_array_index (items, i), id_offset);

      if (id == NULL || !g_uuid_string_is_valid (id))
        {
          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                       _("%s[%u].id: the id must be a UUID"), list, i);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer) id))
        {
          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                       _("%s[%u].id: the same id is used twice"), list, i);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * bf_agreement_check_references:
 *
 * Checks that ids are unique UUIDs and that every reference — a measure's
 * responsible party, a signature's party, a consent's party, an evaluation's
 * measure — names something that exists. The message names the field path.
 */
gboolean
bf_agreement_check_references (BfAgreement  *self,
                               GError      **error)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);

  if (!check_unique_ids (self->parties, G_STRUCT_OFFSET (BfParty, id), "parties", error) ||
      !check_unique_ids (self->measures, G_STRUCT_OFFSET (BfMeasure, id), "measures", error) ||
      !check_unique_ids (self->meetings, G_STRUCT_OFFSET (BfMeeting, id), "meetings", error))
    return FALSE;

  for (guint i = 0; i < self->measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (self->measures, i);

      if (m->responsible_party != NULL && bf_agreement_find_party (self, m->responsible_party) == NULL)
        return bad_reference (error, "measures", i, "responsible_party", _("a party"));
    }
  for (guint i = 0; i < self->consent.sharing->len; i++)
    {
      BfSharingConsent *c = g_ptr_array_index (self->consent.sharing, i);

      if (c->party != NULL && bf_agreement_find_party (self, c->party) == NULL)
        return bad_reference (error, "consent.sharing", i, "party", _("a party"));
    }
  for (guint i = 0; i < self->signatures->len; i++)
    {
      BfSignature *s = g_ptr_array_index (self->signatures, i);

      if (bf_agreement_find_party (self, s->party) == NULL)
        return bad_reference (error, "signatures", i, "party", _("a party"));
    }
  for (guint i = 0; i < self->evaluations->len; i++)
    {
      BfEvaluation *e = g_ptr_array_index (self->evaluations, i);

      for (guint j = 0; j < e->measures->len; j++)
        {
          BfMeasureReview *r = g_ptr_array_index (e->measures, j);

          if (bf_agreement_find_measure (self, r->measure) == NULL)
            {
              g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_BAD_REFERENCE,
                           _("%s[%u].%s: refers to %s that does not exist"),
                           "logs.evaluations", i, "measures", _("a measure"));
              return FALSE;
            }
        }
    }
  return TRUE;
}

GPtrArray *
bf_agreement_get_visits (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->visits;
}

GPtrArray *
bf_agreement_get_key_uses (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->key_uses;
}

GPtrArray *
bf_agreement_get_evaluations (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->evaluations;
}

GPtrArray *
bf_agreement_get_breaches (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->breaches;
}

void
bf_agreement_add_visit (BfAgreement *self,
                        BfVisit     *visit)
{
  g_return_if_fail (BF_IS_AGREEMENT (self));
  g_return_if_fail (visit != NULL);

  g_ptr_array_add (self->visits, visit);
}

void
bf_agreement_add_key_use (BfAgreement *self,
                          BfKeyUse    *key_use)
{
  g_return_if_fail (BF_IS_AGREEMENT (self));
  g_return_if_fail (key_use != NULL);

  g_ptr_array_add (self->key_uses, key_use);
}

/**
 * bf_agreement_add_evaluation:
 * @evaluation: (transfer full):
 *
 * Refuses (and frees) an evaluation whose status lines name a measure that
 * is not in the agreement.
 */
gboolean
bf_agreement_add_evaluation (BfAgreement   *self,
                             BfEvaluation  *evaluation,
                             GError       **error)
{
  g_autoptr(BfEvaluation) owned = evaluation;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (evaluation != NULL, FALSE);

  for (guint j = 0; j < evaluation->measures->len; j++)
    {
      BfMeasureReview *r = g_ptr_array_index (evaluation->measures, j);

      if (bf_agreement_find_measure (self, r->measure) == NULL)
        return bad_reference (error, "measures", j, "measure", _("a measure"));
    }
  g_ptr_array_add (self->evaluations, g_steal_pointer (&owned));
  return TRUE;
}

void
bf_agreement_add_breach (BfAgreement *self,
                         BfBreach    *breach)
{
  g_return_if_fail (BF_IS_AGREEMENT (self));
  g_return_if_fail (breach != NULL);

  g_ptr_array_add (self->breaches, breach);
}

/**
 * bf_agreement_has_breach:
 *
 * A breach is a flag on the agreement, never a state: it does not end the
 * agreement (002:830).
 */
gboolean
bf_agreement_has_breach (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);
  return self->breaches->len > 0;
}

/**
 * bf_agreement_get_last_contact:
 *
 * Returns: (nullable): the date of the latest logged contact — a visit
 *   where someone was reached — or %NULL when there is none (R14)
 */
const char *
bf_agreement_get_last_contact (BfAgreement *self)
{
  const char *last = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  for (guint i = 0; i < self->visits->len; i++)
    {
      BfVisit *v = g_ptr_array_index (self->visits, i);

      /* Nobody at home is an attempt, not a contact. */
      if (!v->no_access && bf_date_compare (v->date, last) > 0)
        last = v->date;
    }
  return last;
}

/**
 * bf_agreement_get_next_evaluation:
 *
 * Returns: (nullable): when the next evaluation is due: the next date set
 *   by the latest evaluation, or else the agreement's evaluation date (R15)
 */
const char *
bf_agreement_get_next_evaluation (BfAgreement *self)
{
  const char *next;
  const char *last_done = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  next = self->evaluation.date;
  for (guint i = 0; i < self->evaluations->len; i++)
    {
      BfEvaluation *e = g_ptr_array_index (self->evaluations, i);

      if (bf_date_compare (e->date, last_done) > 0)
        {
          last_done = e->date;
          next = e->next_date;
        }
    }
  return next;
}

guint
bf_agreement_get_version (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), 0);
  return self->version;
}

const char *
bf_agreement_get_version_hash (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->version_hash;
}

const char *
bf_agreement_get_saved_at (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->saved_at;
}

/**
 * bf_agreement_dup_content_json:
 *
 * The agreement's text (sections 1–11 and its id) as compact canonical
 * JSON: exactly what signing locks and what the content hash covers. State,
 * version, review, signatures and logs are not part of it.
 *
 * Returns: (transfer full): the canonical JSON
 */
char *
bf_agreement_dup_content_json (BfAgreement *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  node = bf_agreement_to_json_node (self, BF_AGREEMENT_JSON_CONTENT_ONLY);
  return bf_json_to_string (node, FALSE);
}

/**
 * bf_agreement_compute_content_hash:
 *
 * Returns: (transfer full): the lower-case hex SHA-256 of
 *   bf_agreement_dup_content_json()
 */
char *
bf_agreement_compute_content_hash (BfAgreement *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  json = bf_agreement_dup_content_json (self);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
}

gboolean
bf_agreement_has_unsaved_changes (BfAgreement *self)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);

  hash = bf_agreement_compute_content_hash (self);
  return g_strcmp0 (hash, self->version_hash) != 0;
}

gboolean
bf_agreement_is_text_locked (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);
  return bf_lifecycle_is_text_locked (self->state);
}

/* The first time every party has signed a version is a fact about the
 * agreement, not about one version: a later revision is signed again, but
 * the lease was entered into on the strength of the first signing (R10,
 * 002:788). Record it once, as the time the last of the signatures was
 * given, and never change it. */
static void
note_first_signing (BfAgreement *self)
{
  g_autoptr(GDateTime) latest = NULL;

  if (self->first_signed_at != NULL || !bf_agreement_all_signed (self))
    return;

  for (guint i = 0; i < self->parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (self->parties, i);
      BfSignature *s = bf_agreement_get_signature (self, p->id);
      g_autoptr(GDateTime) at = NULL;

      /* Signing always records a time; only old or hand-made JSON lacks it. */
      if (s->at != NULL)
        at = g_date_time_new_from_iso8601 (s->at, NULL);
      if (at != NULL && (latest == NULL || g_date_time_compare (at, latest) > 0))
        {
          g_clear_pointer (&latest, g_date_time_unref);
          latest = g_steal_pointer (&at);
        }
    }
  if (latest != NULL)
    self->first_signed_at = bf_timestamp_format (latest);
}

/**
 * bf_agreement_save_version:
 * @now: (nullable): the time of saving; %NULL for the current time
 *
 * Saves the text as a new immutable version: the version number goes up,
 * the content hash is recorded, the supervisor review starts over and
 * signatures of older versions no longer count, though when every party
 * first signed is kept (bf_agreement_get_first_signed_at()). Saving an
 * unchanged text is a no-op. Once the text is locked (from "til signering"
 * on), a changed text is refused: the agreement must go back to a draft
 * first, so that the change becomes a new version that every party signs
 * again.
 */
gboolean
bf_agreement_save_version (BfAgreement  *self,
                           GDateTime    *now,
                           GError      **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(GDateTime) owned_now = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hash = bf_agreement_compute_content_hash (self);
  if (g_strcmp0 (hash, self->version_hash) == 0)
    return TRUE;

  if (bf_lifecycle_is_text_locked (self->state))
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_LOCKED,
                           _("The text is locked because this version has been sent for signing; reopen the agreement as a draft to make a new version."));
      return FALSE;
    }
  if (!bf_agreement_check_references (self, error))
    return FALSE;

  if (now == NULL)
    now = owned_now = g_date_time_new_now_utc ();

  /* The signatures are about to go. An agreement read from JSON written
   * before first_signed_at existed may be fully signed without it; keep
   * the fact before the evidence is dropped. */
  note_first_signing (self);

  self->version++;
  g_free (self->version_hash);
  self->version_hash = g_steal_pointer (&hash);
  g_free (self->saved_at);
  self->saved_at = bf_timestamp_format (now);
  self->review_status = BF_REVIEW_STATUS_NONE;
  g_clear_pointer (&self->review_comment, g_free);
  g_ptr_array_set_size (self->signatures, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VERSION]);
  return TRUE;
}

BfSignature *
bf_agreement_get_signature (BfAgreement *self,
                            const char  *party_id)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  for (guint i = 0; party_id != NULL && i < self->signatures->len; i++)
    {
      BfSignature *s = g_ptr_array_index (self->signatures, i);

      if (g_strcmp0 (s->party, party_id) == 0)
        return s;
    }
  return NULL;
}

/**
 * bf_agreement_sign:
 * @party_id: the party who signs, declines or postpones
 * @status: %BF_SIGNATURE_STATUS_SIGNERT, _AVSLATT or _UTSATT
 * @at: (nullable): when; %NULL for now
 * @strokes: (transfer full) (nullable) (element-type GArray): the captured
 *   handwritten signature, a list of strokes of #BfPoint
 * @note: (nullable): e.g. why signing was postponed
 *
 * Records what a party did with the saved version that is out for signing.
 */
gboolean
bf_agreement_sign (BfAgreement        *self,
                   const char         *party_id,
                   BfSignatureStatus   status,
                   GDateTime          *at,
                   GPtrArray          *strokes,
                   const char         *note,
                   GError            **error)
{
  g_autoptr(GPtrArray) owned_strokes = strokes;
  g_autoptr(GDateTime) owned_at = NULL;
  BfSignature *sig;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (party_id != NULL, FALSE);

  if (status != BF_SIGNATURE_STATUS_SIGNERT && status != BF_SIGNATURE_STATUS_AVSLATT &&
      status != BF_SIGNATURE_STATUS_UTSATT)
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_INVALID,
                           _("A signature must be signed, declined or postponed."));
      return FALSE;
    }
  if (self->state != BF_AGREEMENT_STATE_TIL_SIGNERING)
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED,
                           _("Signatures can only be collected while the agreement is out for signing."));
      return FALSE;
    }
  if (bf_agreement_find_party (self, party_id) == NULL)
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_INVALID,
                           _("Only a party to the agreement can sign it."));
      return FALSE;
    }
  if (bf_agreement_has_unsaved_changes (self))
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SAVED,
                           _("The text differs from the version sent for signing, so it cannot be signed."));
      return FALSE;
    }

  sig = bf_agreement_get_signature (self, party_id);
  if (sig == NULL)
    {
      sig = bf_signature_new (party_id);
      g_ptr_array_add (self->signatures, sig);
    }
  if (at == NULL)
    at = owned_at = g_date_time_new_now_utc ();

  sig->status = status;
  g_free (sig->at);
  sig->at = bf_timestamp_format (at);
  bf_set_str (&sig->version_hash, self->version_hash);
  bf_set_str (&sig->note, note);
  if (owned_strokes != NULL)
    {
      g_ptr_array_unref (sig->strokes);
      sig->strokes = g_steal_pointer (&owned_strokes);
      g_ptr_array_set_free_func (sig->strokes, (GDestroyNotify) g_array_unref);
    }
  else
    {
      /* A decline, a postponement or a signature without a drawing must
       * not keep the strokes of an earlier signature on this line. */
      g_ptr_array_set_size (sig->strokes, 0);
    }
  note_first_signing (self);
  return TRUE;
}

/**
 * bf_agreement_all_signed:
 *
 * Returns: %TRUE if there are parties and every one of them has signed the
 *   current saved version
 */
gboolean
bf_agreement_all_signed (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);

  if (self->parties->len == 0 || self->version_hash == NULL)
    return FALSE;
  for (guint i = 0; i < self->parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (self->parties, i);
      BfSignature *s = bf_agreement_get_signature (self, p->id);

      if (s == NULL || s->status != BF_SIGNATURE_STATUS_SIGNERT ||
          g_strcmp0 (s->version_hash, self->version_hash) != 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * bf_agreement_get_first_signed_at:
 *
 * When every party had first signed a version of this agreement: the time
 * of the last of those signatures, in UTC. It is set once, when
 * bf_agreement_all_signed() first becomes true, and is kept through later
 * revisions, which are signed again but do not change when the agreement
 * was first entered into.
 *
 * Returns: (nullable): an RFC 3339 time, or %NULL if no version was ever
 *   signed by every party
 */
const char *
bf_agreement_get_first_signed_at (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->first_signed_at;
}

static gboolean
has_extension_with_home_visit (BfAgreement *self)
{
  for (guint i = self->evaluations->len; i > 0; i--)
    {
      BfEvaluation *e = g_ptr_array_index (self->evaluations, i - 1);

      if (e->decision == BF_EVALUATION_DECISION_FORLENGE)
        return e->home_visit_done;
    }
  return FALSE;
}

/**
 * bf_agreement_transition:
 * @to: the new state
 * @reason: why it ends; required for %BF_AGREEMENT_STATE_AVSLUTTET, else
 *   %BF_END_REASON_NONE
 * @today: (nullable): today's date for the rules that depend on it
 *
 * Moves the agreement along its lifecycle, or refuses with a sentence that
 * says why:
 *  - to "til signering": the text is saved as a version and no rule finding
 *    blocks signing;
 *  - to "aktiv" from "til signering": every party signed this version;
 *  - to "forlenget": the latest evaluation decided to extend after a
 *    recorded tilsyn/hjemmebesøk (002:822);
 *  - to "avslatt" from "til signering": the tenant's signature line says
 *    declined;
 *  - to "avsluttet": a reason is given.
 */
gboolean
bf_agreement_transition (BfAgreement       *self,
                         BfAgreementState   to,
                         BfEndReason        reason,
                         const GDate       *today,
                         GError           **error)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bf_lifecycle_can_transition (self->state, to, error))
    return FALSE;

  switch (to)
    {
    case BF_AGREEMENT_STATE_TIL_SIGNERING:
      {
        g_autoptr(GPtrArray) findings = NULL;

        if (self->version == 0 || bf_agreement_has_unsaved_changes (self))
          {
            g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SAVED,
                                 _("Save the agreement as a version before sending it for signing."));
            return FALSE;
          }
        findings = bf_rules_check (self, today);
        if (bf_findings_block_signing (findings))
          {
            BfFinding *first = bf_findings_first_blocking (findings);

            g_set_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_BLOCKED,
                         _("The agreement cannot be sent for signing yet: %s"),
                         first->message_en);
            return FALSE;
          }
      }
      break;

    case BF_AGREEMENT_STATE_AKTIV:
      if (self->state == BF_AGREEMENT_STATE_TIL_SIGNERING && !bf_agreement_all_signed (self))
        {
          g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SIGNED,
                               _("Every party must sign this version before the agreement becomes active."));
          return FALSE;
        }
      break;

    case BF_AGREEMENT_STATE_FORLENGET:
      if (!has_extension_with_home_visit (self))
        {
          g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NEEDS_HOME_VISIT,
                               _("An agreement can only be extended after an evaluation that decided to extend it and recorded a home visit or inspection."));
          return FALSE;
        }
      break;

    case BF_AGREEMENT_STATE_AVSLATT:
      /* Out for signing, the decline is the tenant's signature line, so it
       * is on record with its time (002:922). */
      if (self->state == BF_AGREEMENT_STATE_TIL_SIGNERING)
        {
          BfParty *tenant = bf_agreement_find_party_by_role (self, BF_PARTY_ROLE_LEIETAKER);
          BfSignature *s = tenant ? bf_agreement_get_signature (self, tenant->id) : NULL;

          if (s == NULL || s->status != BF_SIGNATURE_STATUS_AVSLATT)
            {
              g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SIGNED,
                                   _("Record that the tenant declined to sign before marking the agreement as declined."));
              return FALSE;
            }
        }
      break;

    case BF_AGREEMENT_STATE_AVSLUTTET:
      if (reason == BF_END_REASON_NONE)
        {
          g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NEEDS_REASON,
                               _("Say why the agreement ends before ending it."));
          return FALSE;
        }
      break;

    default:
      break;
    }

  self->end_reason = to == BF_AGREEMENT_STATE_AVSLUTTET ? reason : BF_END_REASON_NONE;
  set_state (self, to);
  return TRUE;
}

BfReviewStatus
bf_agreement_get_review_status (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), BF_REVIEW_STATUS_NONE);
  return self->review_status;
}

const char *
bf_agreement_get_review_comment (BfAgreement *self)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);
  return self->review_comment;
}

/**
 * bf_agreement_set_review:
 *
 * Innsendt → Godkjent | Returnert. Returning needs a comment, so the worker
 * knows what to change.
 */
gboolean
bf_agreement_set_review (BfAgreement     *self,
                         BfReviewStatus   status,
                         const char      *comment,
                         GError         **error)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (self), FALSE);

  if (self->version == 0)
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_SAVED,
                           _("Only a saved version can be reviewed."));
      return FALSE;
    }
  if ((status == BF_REVIEW_STATUS_GODKJENT || status == BF_REVIEW_STATUS_RETURNERT) &&
      self->review_status != BF_REVIEW_STATUS_INNSENDT)
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED,
                           _("A version must be submitted before it can be approved or returned."));
      return FALSE;
    }
  if (status == BF_REVIEW_STATUS_RETURNERT && (comment == NULL || comment[0] == '\0'))
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NEEDS_REASON,
                           _("Write a comment that says what to change when returning a version."));
      return FALSE;
    }
  if (status == BF_REVIEW_STATUS_NONE)
    {
      g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_INVALID,
                           _("A review must submit, approve or return the version."));
      return FALSE;
    }

  self->review_status = status;
  bf_set_str (&self->review_comment, comment);
  return TRUE;
}

void
bf_agreement_set_loaded_state (BfAgreement      *self,
                               BfAgreementState  state,
                               BfEndReason       end_reason,
                               guint             version,
                               const char       *version_hash,
                               const char       *saved_at,
                               BfReviewStatus    review_status,
                               const char       *review_comment)
{
  self->state = state;
  self->end_reason = end_reason;
  self->version = version;
  bf_set_str (&self->version_hash, version_hash);
  bf_set_str (&self->saved_at, saved_at);
  self->review_status = review_status;
  bf_set_str (&self->review_comment, review_comment);
}
