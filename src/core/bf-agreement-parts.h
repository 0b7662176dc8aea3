/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bf-enums.h"

G_BEGIN_DECLS

/*
 * The sections of an agreement (DOMAIN.md "The agreement", items 1–12), as
 * plain structs with public fields. A BfAgreement owns one of each section
 * and lists of the repeating items; callers edit the fields in place and
 * then call bf_agreement_changed().
 *
 * Conventions:
 *  - strings are owned, UTF-8, and NULL when not filled in (an empty string
 *    is treated as NULL by the JSON writer and reader);
 *  - dates are "YYYY-MM-DD" strings, times RFC 3339 strings (bf-date.h);
 *  - enums use 0 for "not set";
 *  - every repeating item that something can refer to has an `id`: a
 *    lower-case UUID string, stable for the life of the agreement, so that a
 *    store can key rows on it and a measure can name its responsible party.
 */

/* 1. Avtale */
typedef struct
{
  BfAgreementType type;
  char           *tenant_name;
  char           *tenant_birth_date;       /* optional; never a national ID number */
  gboolean        household_with_children;
  gboolean        consent_capacity_in_doubt; /* R12 */
  char           *address;
  BfHousingType   housing_type;
  char           *unit;                    /* enhet / bydel */
  char           *decision_reference;      /* vedtak med vilkår om oppfølging */
  char           *decision_date;
  gboolean        condition_for_allocation;
  char           *alternative_offered;     /* which other housing was offered */
  char           *lease_start;
  char           *lease_expiry;
  char           *trial_period_until;      /* prøvetid */
  char           *lease_signed;            /* when the lease was signed: R10 */
  BfCaseType      case_type;
} BfHeader;

/* 2. Parter */
typedef struct
{
  char        *id;
  BfPartyRole  role;
  char        *organisation;
  char        *contact_person;
  char        *phone;
} BfParty;

/* 3. Bakgrunn og formål */
typedef struct
{
  char      *background;
  char      *main_goal;
  GPtrArray *goals_short_term;        /* of char* */
  GPtrArray *goals_long_term;         /* of char* */
  char      *tenant_goals;
  char      *difficult_period_wishes; /* what the tenant wants done in a difficult period */
} BfBackground;

/* 4. Tiltak */
typedef struct
{
  char              *id;
  BfMeasureCategory  category;
  char              *description;
  char              *responsible_party;   /* a BfParty id */
  char              *frequency;
  char              *start;
  char              *end;
  char              *tenant_commitment;
} BfMeasure;

/* 6. Kontakt og møter */
typedef struct
{
  char *id;
  char *description;   /* e.g. "Hjemmebesøk" or "Ansvarsgruppemøte" */
  char *frequency;
  char *participants;
} BfMeeting;

/* 7. Nøkkeltilgang: the situations that allow entry */
typedef struct
{
  gboolean  danger_to_life_or_health;
  guint     no_contact_hours;          /* 0 = not a condition */
  gboolean  partner_concern;
  gboolean  suspected_house_rule_breach;
  gboolean  fire_or_hms_risk;
  gboolean  any_time;                  /* "når som helst": R03 */
  gboolean  inspection;                /* entry for inspection/control: R03 */
  char     *other;
} BfEntryConditions;

typedef struct
{
  gboolean          knock_first;
  gboolean          call_out;
  gboolean          leave_on_signs_of_life;  /* do not enter when there are signs of life */
  char             *other;
} BfEntryProcedure;

typedef struct
{
  gboolean           agreed;
  gboolean           consent_recorded;
  char              *consent_date;
  BfConsentForm      consent_form;
  char              *consent_withdrawn;      /* date; ends key access */
  char              *justification;
  BfEntryConditions  conditions;
  BfNoticeRule       notice_rule;
  char              *notice_details;
  char              *who_may_enter;
  guint              staff_count;            /* 0 = not set */
  BfEntryProcedure   procedure;
  char              *key_holder;
  char              *key_return;
} BfKeyAccess;

/* 9. Evaluering (the plan; each evaluation done is a BfEvaluation log entry) */
typedef struct
{
  char *date;
  char *scope;
} BfEvaluationPlan;

/* 10. Varighet */
typedef struct
{
  char *from;
  char *to;
} BfDuration;

/* 11. Samtykke og medvirkning: one information-sharing consent */
typedef struct
{
  char          *id;
  char          *recipient;    /* the receiving service */
  char          *party;        /* optional BfParty id of that service */
  BfConsentForm  form;
  char          *given;
  char          *withdrawn;
} BfSharingConsent;

typedef struct
{
  GPtrArray *sharing;                 /* of BfSharingConsent* */
  gboolean   reviewed_orally;
  gboolean   informed_of_rights;      /* under the Tenancy Act */
  char      *tenant_proposed_changes;
  gboolean   copy_given;
  char      *copy_given_date;
} BfConsent;

/* 12. Signaturer. A point is x, y in device-independent units (1/10 mm),
 * pressure in ‰ (0–1000, -1 = unknown) and t in ms from the stroke's start
 * (-1 = unknown). Integers keep the canonical JSON exact. */
typedef struct
{
  gint32 x;
  gint32 y;
  gint32 pressure;
  gint32 t;
} BfPoint;

typedef struct
{
  char              *party;          /* a BfParty id */
  BfSignatureStatus  status;
  char              *at;             /* RFC 3339: signed, declined or postponed */
  char              *version_hash;   /* the content hash that was signed */
  char              *note;           /* e.g. why signing was postponed */
  GPtrArray         *strokes;        /* of GArray of BfPoint; may be empty */
} BfSignature;

void          bf_header_clear          (BfHeader          *header);
void          bf_background_clear      (BfBackground      *background);
void          bf_key_access_clear      (BfKeyAccess       *key_access);
void          bf_evaluation_plan_clear (BfEvaluationPlan  *plan);
void          bf_duration_clear        (BfDuration        *duration);
void          bf_consent_clear         (BfConsent         *consent);

BfParty      *bf_party_new             (BfPartyRole        role);
void          bf_party_free            (BfParty           *party);
BfMeasure    *bf_measure_new           (BfMeasureCategory  category,
                                        const char        *responsible_party);
void          bf_measure_free          (BfMeasure         *measure);
BfMeeting    *bf_meeting_new           (void);
void          bf_meeting_free          (BfMeeting         *meeting);
BfSharingConsent *bf_sharing_consent_new  (const char     *recipient);
void          bf_sharing_consent_free  (BfSharingConsent  *consent);
BfSignature  *bf_signature_new         (const char        *party);
void          bf_signature_free        (BfSignature       *signature);
GArray       *bf_stroke_new            (void);
void          bf_stroke_add_point      (GArray            *stroke,
                                        gint32             x,
                                        gint32             y,
                                        gint32             pressure,
                                        gint32             t);

char         *bf_new_id                (void);

/* g_set_str() is GLib 2.76; this is the same for 2.74. */
static inline gboolean
bf_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;
  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfParty, bf_party_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfMeasure, bf_measure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfMeeting, bf_meeting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfSharingConsent, bf_sharing_consent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfSignature, bf_signature_free)

G_END_DECLS
