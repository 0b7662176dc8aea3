/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Every fixed choice in an agreement. Value 0 is always "not set" (absent
 * from the JSON). Each other value has:
 *   a token     the JSON value: the source documents' Norwegian word in
 *               lower-case ASCII (æ → ae, ø → o, å → a, spaces → _);
 *   a label_nb  the word as the documents write it, for the UI and the PDF;
 *   a label_en  the English source string for translators.
 */

typedef enum
{
  BF_AGREEMENT_TYPE_NONE,
  BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE,
  BF_AGREEMENT_TYPE_TILLEGGSAVTALE,
} BfAgreementType;

typedef enum
{
  BF_HOUSING_TYPE_NONE,
  BF_HOUSING_TYPE_ORDINAER,
  BF_HOUSING_TYPE_BOLIG_MED_TJENESTER,
  BF_HOUSING_TYPE_BEMANNET,
  BF_HOUSING_TYPE_BOFELLESSKAP,
  BF_HOUSING_TYPE_ANNET,
} BfHousingType;

typedef enum
{
  BF_CASE_TYPE_NONE,
  BF_CASE_TYPE_NY_TILDELING,
  BF_CASE_TYPE_BYTTE,
  BF_CASE_TYPE_FORLENGELSE,
} BfCaseType;

typedef enum
{
  BF_PARTY_ROLE_NONE,
  BF_PARTY_ROLE_LEIETAKER,
  BF_PARTY_ROLE_VERGE,
  BF_PARTY_ROLE_KOMMUNALT_KONTOR,
  BF_PARTY_ROLE_BOOPPFOLGER,
  BF_PARTY_ROLE_NAV,
  BF_PARTY_ROLE_RUSTJENESTE,
  BF_PARTY_ROLE_PSYKISK_HELSE,
  BF_PARTY_ROLE_HJEMMETJENESTE,
  BF_PARTY_ROLE_BOMILJOTEAM,
  BF_PARTY_ROLE_ANNEN,
} BfPartyRole;

typedef enum
{
  BF_MEASURE_CATEGORY_NONE,
  BF_MEASURE_CATEGORY_BO_OPPFOLGING,
  BF_MEASURE_CATEGORY_PRAKTISK_BISTAND,
  BF_MEASURE_CATEGORY_OKONOMI,
  BF_MEASURE_CATEGORY_JURIDISK,
  BF_MEASURE_CATEGORY_KOORDINERING,
  BF_MEASURE_CATEGORY_BOMILJO,
  BF_MEASURE_CATEGORY_HELSE,
  BF_MEASURE_CATEGORY_HMS_TILSYN,
  BF_MEASURE_CATEGORY_ADL_TRENING,
  BF_MEASURE_CATEGORY_ANNET,
} BfMeasureCategory;

typedef enum
{
  BF_CONSENT_FORM_NONE,
  BF_CONSENT_FORM_SKRIFTLIG,
  BF_CONSENT_FORM_MUNTLIG,
} BfConsentForm;

typedef enum
{
  BF_NOTICE_RULE_NONE,
  BF_NOTICE_RULE_ETT_DOGN,          /* notice a day ahead; the normal case */
  BF_NOTICE_RULE_UTEN_VARSEL_AKUTT, /* without notice only in acute danger */
  BF_NOTICE_RULE_UTEN_VARSEL,       /* without notice at any time: R04 */
} BfNoticeRule;

typedef enum
{
  BF_ENTRY_CONDITION_NONE,
  BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE,
  BF_ENTRY_CONDITION_INGEN_KONTAKT,
  BF_ENTRY_CONDITION_BEKYMRING,
  BF_ENTRY_CONDITION_BRUDD_HUSORDEN,
  BF_ENTRY_CONDITION_BRANN_HMS,
  BF_ENTRY_CONDITION_ANNET,
} BfEntryCondition;

typedef enum
{
  BF_SIGNATURE_STATUS_NONE,
  BF_SIGNATURE_STATUS_IKKE_SIGNERT,
  BF_SIGNATURE_STATUS_SIGNERT,
  BF_SIGNATURE_STATUS_AVSLATT,
  BF_SIGNATURE_STATUS_UTSATT,
} BfSignatureStatus;

typedef enum
{
  BF_VISIT_TYPE_NONE,
  BF_VISIT_TYPE_HJEMMEBESOK,
  BF_VISIT_TYPE_TELEFON,
  BF_VISIT_TYPE_MOTE,
  BF_VISIT_TYPE_FOLGE_TIL_AVTALE,
} BfVisitType;

typedef enum
{
  BF_MEASURE_STATUS_NONE,
  BF_MEASURE_STATUS_FUNGERER,
  BF_MEASURE_STATUS_DELVIS,
  BF_MEASURE_STATUS_IKKE,
} BfMeasureStatus;

typedef enum
{
  BF_EVALUATION_DECISION_NONE,
  BF_EVALUATION_DECISION_VIDEREFORE,
  BF_EVALUATION_DECISION_REVIDERE,
  BF_EVALUATION_DECISION_FORLENGE,
  BF_EVALUATION_DECISION_AVSLUTTE,
} BfEvaluationDecision;

typedef enum
{
  BF_AGREEMENT_STATE_NONE,
  BF_AGREEMENT_STATE_UTKAST,
  BF_AGREEMENT_STATE_TIL_SIGNERING,
  BF_AGREEMENT_STATE_AKTIV,
  BF_AGREEMENT_STATE_TIL_EVALUERING,
  BF_AGREEMENT_STATE_FORLENGET,
  BF_AGREEMENT_STATE_AVSLUTTET,
  BF_AGREEMENT_STATE_AVSLATT,
} BfAgreementState;

typedef enum
{
  BF_END_REASON_NONE,
  BF_END_REASON_UTLOPT,
  BF_END_REASON_MAL_NADD,
  BF_END_REASON_SAMTYKKE_TRUKKET,
  BF_END_REASON_FLYTTET,
  BF_END_REASON_OVERFORT,
  BF_END_REASON_LEIEFORHOLD_AVSLUTTET,
} BfEndReason;

typedef enum
{
  BF_REVIEW_STATUS_NONE,
  BF_REVIEW_STATUS_INNSENDT,
  BF_REVIEW_STATUS_GODKJENT,
  BF_REVIEW_STATUS_RETURNERT,
} BfReviewStatus;

/* The sections of the agreement, in document order; the token is the JSON
 * key, the Norwegian label the heading the documents use (DOMAIN.md). */
typedef enum
{
  BF_SECTION_NONE,
  BF_SECTION_HEADER,
  BF_SECTION_PARTIES,
  BF_SECTION_BACKGROUND,
  BF_SECTION_MEASURES,
  BF_SECTION_RESPONSIBILITY,
  BF_SECTION_MEETINGS,
  BF_SECTION_KEY_ACCESS,
  BF_SECTION_BREACH_CONSEQUENCES,
  BF_SECTION_EVALUATION,
  BF_SECTION_DURATION,
  BF_SECTION_CONSENT,
  BF_SECTION_SIGNATURES,
  BF_SECTION_LOGS,
} BfSection;

typedef enum
{
  BF_ENUM_AGREEMENT_TYPE,
  BF_ENUM_HOUSING_TYPE,
  BF_ENUM_CASE_TYPE,
  BF_ENUM_PARTY_ROLE,
  BF_ENUM_MEASURE_CATEGORY,
  BF_ENUM_CONSENT_FORM,
  BF_ENUM_NOTICE_RULE,
  BF_ENUM_ENTRY_CONDITION,
  BF_ENUM_SIGNATURE_STATUS,
  BF_ENUM_VISIT_TYPE,
  BF_ENUM_MEASURE_STATUS,
  BF_ENUM_EVALUATION_DECISION,
  BF_ENUM_AGREEMENT_STATE,
  BF_ENUM_END_REASON,
  BF_ENUM_REVIEW_STATUS,
  BF_ENUM_SECTION,
  BF_N_ENUMS
} BfEnumKind;

guint       bf_enum_n_values  (BfEnumKind   kind);
const char *bf_enum_to_token  (BfEnumKind   kind,
                               int          value);
gboolean    bf_enum_from_token (BfEnumKind  kind,
                                const char *token,
                                int        *value);
const char *bf_enum_label_nb  (BfEnumKind   kind,
                               int          value);
const char *bf_enum_label_en  (BfEnumKind   kind,
                               int          value);
const char *bf_enum_kind_name (BfEnumKind   kind);

BfSection   bf_section_for_field (const char *field_path);

G_END_DECLS
