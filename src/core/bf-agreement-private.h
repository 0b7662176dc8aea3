/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bf-agreement.h"

G_BEGIN_DECLS

/* Shared by bf-agreement.c and bf-agreement-json.c only. */
struct _BfAgreement
{
  GObject           parent_instance;

  /* Owned */
  char             *id;
  BfAgreementState  state;
  BfEndReason       end_reason;

  guint             version;
  char             *version_hash;
  char             *saved_at;
  BfReviewStatus    review_status;
  char             *review_comment;

  BfHeader          header;
  GPtrArray        *parties;        /* of BfParty* */
  BfBackground      background;
  GPtrArray        *measures;       /* of BfMeasure* */
  char             *responsibility;
  GPtrArray        *meetings;       /* of BfMeeting* */
  BfKeyAccess       key_access;
  char             *breach_consequences;
  BfEvaluationPlan  evaluation;
  BfDuration        duration;
  BfConsent         consent;
  GPtrArray        *signatures;     /* of BfSignature* */
  char             *first_signed_at;  /* when every party had first signed a version */

  GPtrArray        *visits;         /* of BfVisit* */
  GPtrArray        *key_uses;       /* of BfKeyUse* */
  GPtrArray        *evaluations;    /* of BfEvaluation* */
  GPtrArray        *breaches;       /* of BfBreach* */
};

void  bf_agreement_set_loaded_state (BfAgreement      *self,
                                     BfAgreementState  state,
                                     BfEndReason       end_reason,
                                     guint             version,
                                     const char       *version_hash,
                                     const char       *saved_at,
                                     BfReviewStatus    review_status,
                                     const char       *review_comment);

G_END_DECLS
