/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-editor-fields"

#include "config.h"

#include <glib/gi18n.h>
#include <stddef.h>

#include "bf-editor-fields.h"

#define H(f)  BF_FIELD_BASE_HEADER, offsetof (BfHeader, f)
#define B(f)  BF_FIELD_BASE_BACKGROUND, offsetof (BfBackground, f)
#define K(f)  BF_FIELD_BASE_KEY_ACCESS, offsetof (BfKeyAccess, f)
#define E(f)  BF_FIELD_BASE_EVALUATION, offsetof (BfEvaluationPlan, f)
#define D(f)  BF_FIELD_BASE_DURATION, offsetof (BfDuration, f)
#define C(f)  BF_FIELD_BASE_CONSENT, offsetof (BfConsent, f)
#define NO    BF_FIELD_BASE_NONE, 0

static const BfField fields[] = {
  /* 1. Avtale */
  { BF_SECTION_HEADER, BF_FIELD_GROUP, NULL, N_("Agreement and tenant"), NULL, NO, 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_ENUM, "header.type", N_("Agreement type"), NULL, H (type), BF_ENUM_AGREEMENT_TYPE, 0 },
  { BF_SECTION_HEADER, BF_FIELD_TEXT, "header.tenant_name", N_("Tenant’s name"), NULL, H (tenant_name), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_DATE, "header.tenant_birth_date", N_("Tenant’s birth date (optional)"), NULL, H (tenant_birth_date), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_BOOL, "header.household_with_children", N_("Household with children"), NULL, H (household_with_children), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_BOOL, "header.consent_capacity_in_doubt", N_("Capacity to consent in doubt"), N_("Then a guardian should be a party"), H (consent_capacity_in_doubt), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_TEXT, "header.address", N_("Dwelling address"), NULL, H (address), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_ENUM, "header.housing_type", N_("Housing type"), NULL, H (housing_type), BF_ENUM_HOUSING_TYPE, 0 },
  { BF_SECTION_HEADER, BF_FIELD_TEXT, "header.unit", N_("Unit or district"), NULL, H (unit), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_GROUP, NULL, N_("Decision and lease"), NULL, NO, 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_TEXT, "header.decision_reference", N_("Decision reference"), NULL, H (decision_reference), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_DATE, "header.decision_date", N_("Decision date"), NULL, H (decision_date), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_ENUM, "header.case_type", N_("Case type"), NULL, H (case_type), BF_ENUM_CASE_TYPE, 0 },
  { BF_SECTION_HEADER, BF_FIELD_BOOL, "header.condition_for_allocation", N_("Condition for the allocation"), N_("The agreement is a condition for getting the dwelling"), H (condition_for_allocation), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_TEXT, "header.alternative_offered", N_("Alternative housing offered"), NULL, H (alternative_offered), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_DATE, "header.lease_start", N_("Lease start"), NULL, H (lease_start), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_DATE, "header.lease_expiry", N_("Lease expiry"), NULL, H (lease_expiry), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_DATE, "header.trial_period_until", N_("Trial period until"), NULL, H (trial_period_until), 0, 0 },
  { BF_SECTION_HEADER, BF_FIELD_DATE, "header.lease_signed", N_("Lease signed"), NULL, H (lease_signed), 0, 0 },

  /* 3. Bakgrunn og formål */
  { BF_SECTION_BACKGROUND, BF_FIELD_MULTI, "background.background", N_("_Background"), NULL, B (background), 0, 0 },
  { BF_SECTION_BACKGROUND, BF_FIELD_MULTI, "background.main_goal", N_("_Main goal (purpose)"), NULL, B (main_goal), 0, 0 },
  { BF_SECTION_BACKGROUND, BF_FIELD_LINES, "background.goals_short_term", N_("_Short-term goals, one per line"), NULL, B (goals_short_term), 0, 0 },
  { BF_SECTION_BACKGROUND, BF_FIELD_LINES, "background.goals_long_term", N_("_Long-term goals, one per line"), NULL, B (goals_long_term), 0, 0 },
  { BF_SECTION_BACKGROUND, BF_FIELD_MULTI, "background.tenant_goals", N_("The _tenant’s own goals"), NULL, B (tenant_goals), 0, 0 },
  { BF_SECTION_BACKGROUND, BF_FIELD_MULTI, "background.difficult_period_wishes", N_("What the tenant wants the municipality to do in a _difficult period"), NULL, B (difficult_period_wishes), 0, 0 },

  /* 5. Ansvarsfordeling */
  { BF_SECTION_RESPONSIBILITY, BF_FIELD_MULTI, "responsibility", N_("_Division of responsibility"), N_("Required when two or more services take part: who does what."), BF_FIELD_BASE_RESPONSIBILITY, 0, 0, 0 },

  /* 7. Nøkkeltilgang */
  { BF_SECTION_KEY_ACCESS, BF_FIELD_GROUP, NULL, N_("Consent"), NULL, NO, 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_BOOL, "key_access.agreed", N_("Key access agreed"), N_("The tenant consents that the follow-up worker holds a key"), K (agreed), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_BOOL, "key_access.consent_recorded", N_("Consent recorded"), NULL, K (consent_recorded), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_DATE, "key_access.consent_date", N_("Consent date"), NULL, K (consent_date), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_ENUM, "key_access.consent_form", N_("Form of consent"), NULL, K (consent_form), BF_ENUM_CONSENT_FORM, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_DATE, "key_access.consent_withdrawn", N_("Consent withdrawn"), N_("Withdrawing the consent ends key access"), K (consent_withdrawn), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_MULTI, "key_access.justification", N_("_Justification"), N_("Required when key access is agreed: why the follow-up worker needs a key."), K (justification), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_GROUP, "key_access.entry_conditions", N_("Situations that allow entry"), NULL, NO, 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.entry_conditions.danger_to_life_or_health", N_("Danger to life or health"), NULL, K (conditions.danger_to_life_or_health), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_UINT, "key_access.entry_conditions.no_contact_hours", N_("No contact for this many hours"), NULL, K (conditions.no_contact_hours), 0, 24 * 14, TRUE },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.entry_conditions.partner_concern", N_("Concern from a partner service"), NULL, K (conditions.partner_concern), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.entry_conditions.suspected_house_rule_breach", N_("Suspected serious breach of the house rules"), NULL, K (conditions.suspected_house_rule_breach), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.entry_conditions.fire_or_hms_risk", N_("Fire or HMS risk"), NULL, K (conditions.fire_or_hms_risk), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.entry_conditions.any_time", N_("At any time"), N_("Not recommended: entry should need a reason"), K (conditions.any_time), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.entry_conditions.inspection", N_("Inspection or control"), N_("Not recommended as a purpose of key access"), K (conditions.inspection), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_TEXT, "key_access.entry_conditions.other", N_("Other situation"), NULL, K (conditions.other), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_GROUP, NULL, N_("Notice and entry"), NULL, NO, 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_ENUM, "key_access.notice_rule", N_("Notice"), NULL, K (notice_rule), BF_ENUM_NOTICE_RULE, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_TEXT, "key_access.notice_details", N_("How notice is given"), NULL, K (notice_details), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_TEXT, "key_access.who_may_enter", N_("Who may enter"), NULL, K (who_may_enter), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_UINT, "key_access.staff_count", N_("Staff present"), N_("Good practice: two"), K (staff_count), 0, 9 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_GROUP, "key_access.procedure", N_("Procedure"), NULL, NO, 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.procedure.knock_first", N_("Knock first"), NULL, K (procedure.knock_first), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.procedure.call_out", N_("Call out before entering"), NULL, K (procedure.call_out), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_CHECK, "key_access.procedure.leave_on_signs_of_life", N_("Do not enter on signs of life"), NULL, K (procedure.leave_on_signs_of_life), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_TEXT, "key_access.procedure.other", N_("Other procedure"), NULL, K (procedure.other), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_GROUP, NULL, N_("The key"), NULL, NO, 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_TEXT, "key_access.key_holder", N_("Who keeps the key"), NULL, K (key_holder), 0, 0 },
  { BF_SECTION_KEY_ACCESS, BF_FIELD_TEXT, "key_access.key_return", N_("Return of the key"), NULL, K (key_return), 0, 0 },

  /* 8. Konsekvenser ved brudd */
  { BF_SECTION_BREACH_CONSEQUENCES, BF_FIELD_MULTI, "breach_consequences", N_("_Consequences of a breach"), N_("A tenant cannot be given notice for a breach of the follow-up agreement alone; only a breach of the lease or the house rules as well can affect the tenancy."), BF_FIELD_BASE_BREACH, 0, 0, 0 },

  /* 9. Evaluering */
  { BF_SECTION_EVALUATION, BF_FIELD_GROUP, NULL, N_("Evaluation"), NULL, NO, 0, 0 },
  { BF_SECTION_EVALUATION, BF_FIELD_DATE, "evaluation.date", N_("Evaluation date"), NULL, E (date), 0, 0 },
  { BF_SECTION_EVALUATION, BF_FIELD_MULTI, "evaluation.scope", N_("_What will be evaluated"), NULL, E (scope), 0, 0 },

  /* 10. Varighet */
  { BF_SECTION_DURATION, BF_FIELD_GROUP, NULL, N_("Duration"), NULL, NO, 0, 0 },
  { BF_SECTION_DURATION, BF_FIELD_DATE, "duration.from", N_("From"), NULL, D (from), 0, 0 },
  { BF_SECTION_DURATION, BF_FIELD_DATE, "duration.to", N_("To"), NULL, D (to), 0, 0 },

  /* 11. Samtykke og medvirkning (the sharing consents are items) */
  { BF_SECTION_CONSENT, BF_FIELD_GROUP, NULL, N_("Participation"), NULL, NO, 0, 0 },
  { BF_SECTION_CONSENT, BF_FIELD_BOOL, "consent.reviewed_orally", N_("Reviewed orally with the tenant"), NULL, C (reviewed_orally), 0, 0 },
  { BF_SECTION_CONSENT, BF_FIELD_BOOL, "consent.informed_of_rights", N_("Informed of rights under the Tenancy Act"), NULL, C (informed_of_rights), 0, 0 },
  { BF_SECTION_CONSENT, BF_FIELD_BOOL, "consent.copy_given", N_("Copy given to the tenant"), NULL, C (copy_given), 0, 0 },
  { BF_SECTION_CONSENT, BF_FIELD_DATE, "consent.copy_given_date", N_("Copy given on"), NULL, C (copy_given_date), 0, 0 },
  { BF_SECTION_CONSENT, BF_FIELD_MULTI, "consent.tenant_proposed_changes", N_("Changes the _tenant proposed"), NULL, C (tenant_proposed_changes), 0, 0 },
};

const BfField *
bf_editor_fields_get (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

/**
 * bf_editor_field_location:
 *
 * Returns: the address of the field's value inside @agreement, or %NULL for
 *   groups and for the two texts that have a setter instead
 */
gpointer
bf_editor_field_location (const BfField *field,
                          BfAgreement   *agreement)
{
  gpointer base = NULL;

  switch (field->base)
    {
    case BF_FIELD_BASE_HEADER:     base = bf_agreement_get_header (agreement); break;
    case BF_FIELD_BASE_BACKGROUND: base = bf_agreement_get_background (agreement); break;
    case BF_FIELD_BASE_KEY_ACCESS: base = bf_agreement_get_key_access (agreement); break;
    case BF_FIELD_BASE_EVALUATION: base = bf_agreement_get_evaluation_plan (agreement); break;
    case BF_FIELD_BASE_DURATION:   base = bf_agreement_get_duration (agreement); break;
    case BF_FIELD_BASE_CONSENT:    base = bf_agreement_get_consent (agreement); break;
    case BF_FIELD_BASE_NONE:
    case BF_FIELD_BASE_RESPONSIBILITY:
    case BF_FIELD_BASE_BREACH:
    default:
      return NULL;
    }

  return (guint8 *) base + field->offset;
}
