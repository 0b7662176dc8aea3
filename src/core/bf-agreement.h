/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bf-agreement-parts.h"
#include "bf-enums.h"
#include "bf-lifecycle.h"
#include "bf-log-entry.h"

G_BEGIN_DECLS

/*
 * BfAgreement: one follow-up agreement — its text (sections 1–11), its
 * signatures, its lifecycle state and saved version, and its four logs.
 *
 * Errors: the lifecycle (transitions, saving a locked text, signing) uses
 * BF_LIFECYCLE_ERROR; validation of references and ids uses BF_JSON_ERROR
 * with the field path, e.g. "measures[2].responsible_party: …", whether the
 * data came from a file or from the editor.
 */

#define BF_TYPE_AGREEMENT (bf_agreement_get_type ())

G_DECLARE_FINAL_TYPE (BfAgreement, bf_agreement, BF, AGREEMENT, GObject)

BfAgreement      *bf_agreement_new                 (void);
BfAgreement      *bf_agreement_new_with_id         (const char        *id);
BfAgreement      *bf_agreement_dup                 (BfAgreement       *self);

const char       *bf_agreement_get_id              (BfAgreement       *self);
BfAgreementState  bf_agreement_get_state           (BfAgreement       *self);
BfEndReason       bf_agreement_get_end_reason      (BfAgreement       *self);

/* Sections, borrowed and editable in place; call bf_agreement_changed()
 * after editing so that views and the "changed" signal follow. */
BfHeader         *bf_agreement_get_header          (BfAgreement       *self);
GPtrArray        *bf_agreement_get_parties         (BfAgreement       *self);
BfBackground     *bf_agreement_get_background      (BfAgreement       *self);
GPtrArray        *bf_agreement_get_measures        (BfAgreement       *self);
const char       *bf_agreement_get_responsibility  (BfAgreement       *self);
void              bf_agreement_set_responsibility  (BfAgreement       *self,
                                                    const char        *text);
GPtrArray        *bf_agreement_get_meetings        (BfAgreement       *self);
BfKeyAccess      *bf_agreement_get_key_access      (BfAgreement       *self);
const char       *bf_agreement_get_breach_consequences (BfAgreement   *self);
void              bf_agreement_set_breach_consequences (BfAgreement   *self,
                                                        const char    *text);
BfEvaluationPlan *bf_agreement_get_evaluation_plan (BfAgreement       *self);
BfDuration       *bf_agreement_get_duration        (BfAgreement       *self);
BfConsent        *bf_agreement_get_consent         (BfAgreement       *self);
GPtrArray        *bf_agreement_get_signatures      (BfAgreement       *self);
void              bf_agreement_changed             (BfAgreement       *self);

/* Repeating items; the add functions take ownership. */
BfParty          *bf_agreement_add_party           (BfAgreement       *self,
                                                    BfParty           *party);
BfMeasure        *bf_agreement_add_measure         (BfAgreement       *self,
                                                    BfMeasure         *measure);
BfParty          *bf_agreement_find_party          (BfAgreement       *self,
                                                    const char        *id);
BfParty          *bf_agreement_find_party_by_role  (BfAgreement       *self,
                                                    BfPartyRole        role);
BfMeasure        *bf_agreement_find_measure        (BfAgreement       *self,
                                                    const char        *id);
gboolean          bf_agreement_remove_party        (BfAgreement       *self,
                                                    const char        *id,
                                                    GError           **error);
gboolean          bf_agreement_check_references    (BfAgreement       *self,
                                                    GError           **error);

/* Logs. */
GPtrArray        *bf_agreement_get_visits          (BfAgreement       *self);
GPtrArray        *bf_agreement_get_key_uses        (BfAgreement       *self);
GPtrArray        *bf_agreement_get_evaluations     (BfAgreement       *self);
GPtrArray        *bf_agreement_get_breaches        (BfAgreement       *self);
void              bf_agreement_add_visit           (BfAgreement       *self,
                                                    BfVisit           *visit);
void              bf_agreement_add_key_use         (BfAgreement       *self,
                                                    BfKeyUse          *key_use);
gboolean          bf_agreement_add_evaluation      (BfAgreement       *self,
                                                    BfEvaluation      *evaluation,
                                                    GError           **error);
void              bf_agreement_add_breach          (BfAgreement       *self,
                                                    BfBreach          *breach);
gboolean          bf_agreement_has_breach          (BfAgreement       *self);
const char       *bf_agreement_get_last_contact    (BfAgreement       *self);
const char       *bf_agreement_get_next_evaluation (BfAgreement       *self);

/* Versions. */
guint             bf_agreement_get_version         (BfAgreement       *self);
const char       *bf_agreement_get_version_hash    (BfAgreement       *self);
const char       *bf_agreement_get_saved_at        (BfAgreement       *self);
char             *bf_agreement_dup_content_json    (BfAgreement       *self);
char             *bf_agreement_compute_content_hash (BfAgreement      *self);
gboolean          bf_agreement_has_unsaved_changes (BfAgreement       *self);
gboolean          bf_agreement_is_text_locked      (BfAgreement       *self);
gboolean          bf_agreement_save_version        (BfAgreement       *self,
                                                    GDateTime         *now,
                                                    GError           **error);

/* Signing and the lifecycle. */
gboolean          bf_agreement_sign                (BfAgreement       *self,
                                                    const char        *party_id,
                                                    BfSignatureStatus  status,
                                                    GDateTime         *at,
                                                    GPtrArray         *strokes,
                                                    const char        *note,
                                                    GError           **error);
BfSignature      *bf_agreement_get_signature       (BfAgreement       *self,
                                                    const char        *party_id);
gboolean          bf_agreement_all_signed          (BfAgreement       *self);
const char       *bf_agreement_get_first_signed_at (BfAgreement       *self);
gboolean          bf_agreement_transition          (BfAgreement       *self,
                                                    BfAgreementState   to,
                                                    BfEndReason        reason,
                                                    const GDate       *today,
                                                    GError           **error);

/* Supervisor review of the saved version. */
BfReviewStatus    bf_agreement_get_review_status   (BfAgreement       *self);
const char       *bf_agreement_get_review_comment  (BfAgreement       *self);
gboolean          bf_agreement_set_review          (BfAgreement       *self,
                                                    BfReviewStatus     status,
                                                    const char        *comment,
                                                    GError           **error);

G_END_DECLS
