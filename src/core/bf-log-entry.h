/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bf-enums.h"

G_BEGIN_DECLS

/*
 * The four logs that belong to an agreement. Each entry is also one record
 * (`visit`, `key-use`, `evaluation`, `breach`) whose subject is the
 * agreement's id. Entries are facts about what happened, so they are not
 * part of the agreement's signed text and never change its version.
 */

/* Besøkslogg */
typedef struct
{
  char        *id;
  char        *date;
  BfVisitType  type;
  char        *observations;
  gboolean     fire_risk;
  gboolean     no_access;      /* nobody answered: not a contact for R14 */
  gboolean     concern;
  char        *next_contact;
  char        *author;
} BfVisit;

/* Innlåsingslogg */
typedef struct
{
  char             *id;
  char             *time;            /* RFC 3339 */
  BfEntryCondition  condition;
  gboolean          notice_given;
  char             *notice_to;
  char             *notice_at;       /* RFC 3339 */
  GPtrArray        *staff_present;   /* of char* */
  char             *found_and_done;
} BfKeyUse;

/* Status per measure at an evaluation */
typedef struct
{
  char            *measure;    /* a BfMeasure id */
  BfMeasureStatus  status;
  char            *comment;
} BfMeasureReview;

/* Evaluering */
typedef struct
{
  char                 *id;
  char                 *date;
  gboolean              home_visit_done;   /* tilsyn/hjemmebesøk: R09 */
  GPtrArray            *measures;          /* of BfMeasureReview* */
  char                 *goal_attainment;
  char                 *tenant_view;
  BfEvaluationDecision  decision;
  char                 *next_date;
} BfEvaluation;

/* Brudd */
typedef struct
{
  char     *id;
  char     *date;
  char     *description;
  gboolean  lease_also_breached;   /* leiekontrakt or husordensregler too */
  char     *assessment;            /* against the agreement's purpose */
  char     *consequence;
} BfBreach;

BfVisit         *bf_visit_new           (const char      *date,
                                         BfVisitType      type);
void             bf_visit_free          (BfVisit         *visit);
BfKeyUse        *bf_key_use_new         (const char      *time,
                                         BfEntryCondition condition);
void             bf_key_use_free        (BfKeyUse        *key_use);
BfMeasureReview *bf_measure_review_new  (const char      *measure,
                                         BfMeasureStatus  status);
void             bf_measure_review_free (BfMeasureReview *review);
BfEvaluation    *bf_evaluation_new      (const char      *date);
void             bf_evaluation_free     (BfEvaluation    *evaluation);
BfBreach        *bf_breach_new          (const char      *date,
                                         const char      *description);
void             bf_breach_free         (BfBreach        *breach);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfVisit, bf_visit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfKeyUse, bf_key_use_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfMeasureReview, bf_measure_review_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfEvaluation, bf_evaluation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfBreach, bf_breach_free)

G_END_DECLS
