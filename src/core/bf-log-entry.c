/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-log-entry"

#include "config.h"

#include "bf-agreement-parts.h"
#include "bf-log-entry.h"

BfVisit *
bf_visit_new (const char  *date,
              BfVisitType  type)
{
  BfVisit *v = g_new0 (BfVisit, 1);

  v->id = bf_new_id ();
  v->date = g_strdup (date);
  v->type = type;
  return v;
}

void
bf_visit_free (BfVisit *v)
{
  if (v == NULL)
    return;
  g_free (v->id);
  g_free (v->date);
  g_free (v->observations);
  g_free (v->next_contact);
  g_free (v->author);
  g_free (v);
}

BfKeyUse *
bf_key_use_new (const char       *time,
                BfEntryCondition  condition)
{
  BfKeyUse *k = g_new0 (BfKeyUse, 1);

  k->id = bf_new_id ();
  k->time = g_strdup (time);
  k->condition = condition;
  k->staff_present = g_ptr_array_new_with_free_func (g_free);
  return k;
}

void
bf_key_use_free (BfKeyUse *k)
{
  if (k == NULL)
    return;
  g_free (k->id);
  g_free (k->time);
  g_free (k->notice_to);
  g_free (k->notice_at);
  g_clear_pointer (&k->staff_present, g_ptr_array_unref);
  g_free (k->found_and_done);
  g_free (k);
}

BfMeasureReview *
bf_measure_review_new (const char      *measure,
                       BfMeasureStatus  status)
{
  BfMeasureReview *r = g_new0 (BfMeasureReview, 1);

  r->measure = g_strdup (measure);
  r->status = status;
  return r;
}

void
bf_measure_review_free (BfMeasureReview *r)
{
  if (r == NULL)
    return;
  g_free (r->measure);
  g_free (r->comment);
  g_free (r);
}

BfEvaluation *
bf_evaluation_new (const char *date)
{
  BfEvaluation *e = g_new0 (BfEvaluation, 1);

  e->id = bf_new_id ();
  e->date = g_strdup (date);
  e->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_measure_review_free);
  return e;
}

void
bf_evaluation_free (BfEvaluation *e)
{
  if (e == NULL)
    return;
  g_free (e->id);
  g_free (e->date);
  g_clear_pointer (&e->measures, g_ptr_array_unref);
  g_free (e->goal_attainment);
  g_free (e->tenant_view);
  g_free (e->next_date);
  g_free (e);
}

BfBreach *
bf_breach_new (const char *date,
               const char *description)
{
  BfBreach *b = g_new0 (BfBreach, 1);

  b->id = bf_new_id ();
  b->date = g_strdup (date);
  b->description = g_strdup (description);
  return b;
}

void
bf_breach_free (BfBreach *b)
{
  if (b == NULL)
    return;
  g_free (b->id);
  g_free (b->date);
  g_free (b->description);
  g_free (b->assessment);
  g_free (b->consequence);
  g_free (b);
}
