/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-agreement"

#include "config.h"

#include <string.h>

#include "bf-agreement-parts.h"

/**
 * bf_new_id:
 *
 * Returns: (transfer full): a new random (version 4) UUID in lower case,
 *   the id of an agreement, a party, a measure or a log entry
 */
char *
bf_new_id (void)
{
  return g_uuid_string_random ();
}

void
bf_header_clear (BfHeader *h)
{
  g_return_if_fail (h != NULL);

  g_free (h->tenant_name);
  g_free (h->tenant_birth_date);
  g_free (h->address);
  g_free (h->unit);
  g_free (h->decision_reference);
  g_free (h->decision_date);
  g_free (h->alternative_offered);
  g_free (h->lease_start);
  g_free (h->lease_expiry);
  g_free (h->trial_period_until);
  g_free (h->lease_signed);
  memset (h, 0, sizeof *h);
}

void
bf_background_clear (BfBackground *b)
{
  g_return_if_fail (b != NULL);

  g_free (b->background);
  g_free (b->main_goal);
  g_clear_pointer (&b->goals_short_term, g_ptr_array_unref);
  g_clear_pointer (&b->goals_long_term, g_ptr_array_unref);
  g_free (b->tenant_goals);
  g_free (b->difficult_period_wishes);
  memset (b, 0, sizeof *b);
  b->goals_short_term = g_ptr_array_new_with_free_func (g_free);
  b->goals_long_term = g_ptr_array_new_with_free_func (g_free);
}

void
bf_key_access_clear (BfKeyAccess *k)
{
  g_return_if_fail (k != NULL);

  g_free (k->consent_date);
  g_free (k->consent_withdrawn);
  g_free (k->justification);
  g_free (k->conditions.other);
  g_free (k->notice_details);
  g_free (k->who_may_enter);
  g_free (k->procedure.other);
  g_free (k->key_holder);
  g_free (k->key_return);
  memset (k, 0, sizeof *k);
}

void
bf_evaluation_plan_clear (BfEvaluationPlan *p)
{
  g_return_if_fail (p != NULL);

  g_free (p->date);
  g_free (p->scope);
  memset (p, 0, sizeof *p);
}

void
bf_duration_clear (BfDuration *d)
{
  g_return_if_fail (d != NULL);

  g_free (d->from);
  g_free (d->to);
  memset (d, 0, sizeof *d);
}

void
bf_consent_clear (BfConsent *c)
{
  g_return_if_fail (c != NULL);

  g_clear_pointer (&c->sharing, g_ptr_array_unref);
  g_free (c->tenant_proposed_changes);
  g_free (c->copy_given_date);
  memset (c, 0, sizeof *c);
  c->sharing = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_sharing_consent_free);
}

BfParty *
bf_party_new (BfPartyRole role)
{
  BfParty *p = g_new0 (BfParty, 1);

  p->id = bf_new_id ();
  p->role = role;
  return p;
}

void
bf_party_free (BfParty *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->organisation);
  g_free (p->contact_person);
  g_free (p->phone);
  g_free (p);
}

BfMeasure *
bf_measure_new (BfMeasureCategory  category,
                const char        *responsible_party)
{
  BfMeasure *m = g_new0 (BfMeasure, 1);

  m->id = bf_new_id ();
  m->category = category;
  m->responsible_party = g_strdup (responsible_party);
  return m;
}

void
bf_measure_free (BfMeasure *m)
{
  if (m == NULL)
    return;
  g_free (m->id);
  g_free (m->description);
  g_free (m->responsible_party);
  g_free (m->frequency);
  g_free (m->start);
  g_free (m->end);
  g_free (m->tenant_commitment);
  g_free (m);
}

BfMeeting *
bf_meeting_new (void)
{
  BfMeeting *m = g_new0 (BfMeeting, 1);

  m->id = bf_new_id ();
  return m;
}

void
bf_meeting_free (BfMeeting *m)
{
  if (m == NULL)
    return;
  g_free (m->id);
  g_free (m->description);
  g_free (m->frequency);
  g_free (m->participants);
  g_free (m);
}

BfSharingConsent *
bf_sharing_consent_new (const char *recipient)
{
  BfSharingConsent *c = g_new0 (BfSharingConsent, 1);

  c->id = bf_new_id ();
  c->recipient = g_strdup (recipient);
  return c;
}

void
bf_sharing_consent_free (BfSharingConsent *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->recipient);
  g_free (c->party);
  g_free (c->given);
  g_free (c->withdrawn);
  g_free (c);
}

BfSignature *
bf_signature_new (const char *party)
{
  BfSignature *s = g_new0 (BfSignature, 1);

  s->party = g_strdup (party);
  s->status = BF_SIGNATURE_STATUS_IKKE_SIGNERT;
  s->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return s;
}

void
bf_signature_free (BfSignature *s)
{
  if (s == NULL)
    return;
  g_free (s->party);
  g_free (s->at);
  g_free (s->version_hash);
  g_free (s->note);
  g_clear_pointer (&s->strokes, g_ptr_array_unref);
  g_free (s);
}

GArray *
bf_stroke_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (BfPoint));
}

void
bf_stroke_add_point (GArray *stroke,
                     gint32  x,
                     gint32  y,
                     gint32  pressure,
                     gint32  t)
{
  BfPoint p = { x, y, pressure, t };

  g_return_if_fail (stroke != NULL);

  g_array_append_val (stroke, p);
}
