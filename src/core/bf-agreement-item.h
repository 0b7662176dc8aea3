/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bf-enums.h"

G_BEGIN_DECLS

/*
 * One row of the agreement list: only the columns a list shows, never the
 * full agreement. Immutable once made.
 */

typedef enum
{
  BF_AGREEMENT_BADGE_NONE           = 0,
  BF_AGREEMENT_BADGE_RED_LAMP       = 1 << 0,  /* R14: no contact for 21 days */
  BF_AGREEMENT_BADGE_OVERDUE        = 1 << 1,  /* R15: evaluation overdue */
  BF_AGREEMENT_BADGE_LEASE_EXPIRING = 1 << 2,  /* R15: lease expiring soon */
  BF_AGREEMENT_BADGE_KEY_ACCESS     = 1 << 3,
  BF_AGREEMENT_BADGE_BREACH         = 1 << 4,
  BF_AGREEMENT_BADGE_DRAFT          = 1 << 5,  /* unsaved edits are kept as a draft */
} BfAgreementBadges;

#define BF_TYPE_AGREEMENT_ITEM (bf_agreement_item_get_type ())

G_DECLARE_FINAL_TYPE (BfAgreementItem, bf_agreement_item, BF, AGREEMENT_ITEM, GObject)

BfAgreementItem   *bf_agreement_item_new                 (const char        *id,
                                                          const char        *tenant_name,
                                                          const char        *address,
                                                          const char        *unit,
                                                          BfAgreementState   state,
                                                          const char        *next_evaluation,
                                                          const char        *last_contact,
                                                          const char        *updated_at,
                                                          BfAgreementBadges  badges);

const char        *bf_agreement_item_get_id              (BfAgreementItem   *self);
const char        *bf_agreement_item_get_tenant_name     (BfAgreementItem   *self);
const char        *bf_agreement_item_get_address         (BfAgreementItem   *self);
const char        *bf_agreement_item_get_unit            (BfAgreementItem   *self);
BfAgreementState   bf_agreement_item_get_state           (BfAgreementItem   *self);
const char        *bf_agreement_item_get_next_evaluation (BfAgreementItem   *self);
const char        *bf_agreement_item_get_last_contact    (BfAgreementItem   *self);
const char        *bf_agreement_item_get_updated_at      (BfAgreementItem   *self);
BfAgreementBadges  bf_agreement_item_get_badges          (BfAgreementItem   *self);

G_END_DECLS
