/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-enums"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-enums.h"

typedef struct
{
  const char *token;
  const char *label_nb;
  const char *label_en;
} BfEnumValue;

/* Index 0 of every table is the "not set" value. The Norwegian labels are
 * the words of the source documents (see DOMAIN.md). */

static const BfEnumValue agreement_types[] = {
  { NULL, NULL, NULL },
  { "oppfolgingsavtale", "Oppfølgingsavtale", N_("Follow-up agreement") },
  { "tilleggsavtale", "Tilleggsavtale", N_("Supplementary agreement") },
};

static const BfEnumValue housing_types[] = {
  { NULL, NULL, NULL },
  { "ordinaer_kommunal_utleiebolig", "Ordinær kommunal utleiebolig", N_("Ordinary municipal rental home") },
  { "bolig_med_tjenester", "Bolig med tjenester", N_("Home with services") },
  { "bemannet_bolig", "Bemannet bolig", N_("Staffed home") },
  { "bofellesskap", "Bofellesskap", N_("Shared housing") },
  { "annet", "Annet", N_("Other") },
};

static const BfEnumValue case_types[] = {
  { NULL, NULL, NULL },
  { "ny_tildeling", "Ny tildeling", N_("New allocation") },
  { "bytte", "Bytte", N_("Exchange") },
  { "forlengelse", "Forlengelse", N_("Extension") },
};

static const BfEnumValue party_roles[] = {
  { NULL, NULL, NULL },
  { "leietaker", "Leietaker", N_("Tenant") },
  { "verge", "Verge", N_("Guardian") },
  { "kommunalt_kontor", "Kommunalt kontor (tildeling)", N_("Municipal office") },
  { "booppfolger", "Booppfølger", N_("Follow-up worker") },
  { "nav", "NAV", N_("NAV") },
  { "rustjeneste", "Rustjeneste", N_("Substance-use service") },
  { "psykisk_helse", "Psykisk helse", N_("Mental health service") },
  { "hjemmetjeneste", "Hjemmetjeneste", N_("Home care service") },
  { "bomiljoteam", "Bomiljøteam", N_("Housing environment team") },
  { "annen", "Annen samarbeidspartner", N_("Other partner") },
};

static const BfEnumValue measure_categories[] = {
  { NULL, NULL, NULL },
  { "bo_oppfolging", "Bo-oppfølging", N_("Housing follow-up") },
  { "praktisk_bistand", "Praktisk bistand", N_("Practical assistance") },
  { "okonomi_husleieplan", "Økonomi/husleieplan", N_("Finances and rent plan") },
  { "juridisk", "Juridisk bistand", N_("Legal assistance") },
  { "koordinering", "Koordinering", N_("Coordination") },
  { "bomiljo", "Bomiljø", N_("Housing environment") },
  { "helse", "Helse", N_("Health") },
  { "hms_tilsyn", "HMS-tilsyn", N_("Health and safety inspection") },
  { "adl_trening", "ADL-trening", N_("Daily-living skills training") },
  { "annet", "Annet", N_("Other") },
};

static const BfEnumValue consent_forms[] = {
  { NULL, NULL, NULL },
  { "skriftlig", "Skriftlig", N_("Written") },
  { "muntlig", "Muntlig", N_("Oral") },
};

static const BfEnumValue notice_rules[] = {
  { NULL, NULL, NULL },
  { "varsel_ett_dogn", "Varsel ett døgn i forkant", N_("Notice one day ahead") },
  { "uten_varsel_ved_akutt_fare", "Uten varsel bare ved akutt fare", N_("Without notice only in acute danger") },
  { "uten_varsel", "Uten varsel", N_("Without notice") },
};

static const BfEnumValue entry_conditions[] = {
  { NULL, NULL, NULL },
  { "fare_for_liv_helse", "Fare for liv eller helse", N_("Danger to life or health") },
  { "ingen_kontakt", "Ingen kontakt over tid", N_("No contact for a long time") },
  { "bekymring_samarbeidspartner", "Bekymring fra samarbeidspartner", N_("Concern from a partner") },
  { "brudd_husordensregler", "Mistanke om alvorlig brudd på husordensregler", N_("Suspected serious breach of house rules") },
  { "brann_hms", "Brann- eller HMS-risiko", N_("Fire or health and safety risk") },
  { "annet", "Annet", N_("Other") },
};

static const BfEnumValue signature_statuses[] = {
  { NULL, NULL, NULL },
  { "ikke_signert", "Ikke signert", N_("Not signed") },
  { "signert", "Signert", N_("Signed") },
  { "avslatt", "Avslått", N_("Declined") },
  { "utsatt", "Utsatt", N_("Postponed") },
};

static const BfEnumValue visit_types[] = {
  { NULL, NULL, NULL },
  { "hjemmebesok", "Hjemmebesøk", N_("Home visit") },
  { "telefon", "Telefon", N_("Phone call") },
  { "mote", "Møte", N_("Meeting") },
  { "folge_til_avtale", "Følge til avtale", N_("Accompanied to an appointment") },
};

static const BfEnumValue measure_statuses[] = {
  { NULL, NULL, NULL },
  { "fungerer", "Fungerer", N_("Works") },
  { "delvis", "Fungerer delvis", N_("Works partly") },
  { "ikke", "Fungerer ikke", N_("Does not work") },
};

static const BfEnumValue evaluation_decisions[] = {
  { NULL, NULL, NULL },
  { "viderefore", "Videreføre", N_("Continue") },
  { "revidere", "Revidere", N_("Revise") },
  { "forlenge", "Forlenge", N_("Extend") },
  { "avslutte", "Avslutte", N_("End") },
};

static const BfEnumValue agreement_states[] = {
  { NULL, NULL, NULL },
  { "utkast", "Utkast", N_("Draft") },
  { "til_signering", "Til signering", N_("Awaiting signatures") },
  { "aktiv", "Aktiv", N_("Active") },
  { "til_evaluering", "Til evaluering", N_("Due for evaluation") },
  { "forlenget", "Forlenget", N_("Extended") },
  { "avsluttet", "Avsluttet", N_("Ended") },
  { "avslatt", "Avslått av leietaker", N_("Declined by the tenant") },
};

static const BfEnumValue end_reasons[] = {
  { NULL, NULL, NULL },
  { "utlopt", "Utløpt", N_("Expired") },
  { "mal_nadd", "Mål nådd", N_("Goals reached") },
  { "samtykke_trukket", "Samtykke trukket", N_("Consent withdrawn") },
  { "flyttet", "Flyttet", N_("Moved") },
  { "overfort_annen_bydel", "Overført til annen bydel", N_("Transferred to another district") },
  { "leieforhold_avsluttet", "Leieforhold avsluttet", N_("Tenancy ended") },
};

static const BfEnumValue review_statuses[] = {
  { NULL, NULL, NULL },
  { "innsendt", "Innsendt", N_("Submitted") },
  { "godkjent", "Godkjent", N_("Approved") },
  { "returnert", "Returnert", N_("Returned") },
};

static const BfEnumValue sections[] = {
  { NULL, NULL, NULL },
  { "header", "Avtale", N_("Agreement") },
  { "parties", "Parter", N_("Parties") },
  { "background", "Bakgrunn og formål", N_("Background and purpose") },
  { "measures", "Tiltak", N_("Measures") },
  { "responsibility", "Ansvarsfordeling", N_("Division of responsibility") },
  { "meetings", "Kontakt og møter", N_("Contact and meetings") },
  { "key_access", "Nøkkeltilgang", N_("Key access") },
  { "breach_consequences", "Konsekvenser ved brudd", N_("Consequences of a breach") },
  { "evaluation", "Evaluering", N_("Evaluation") },
  { "duration", "Varighet", N_("Duration") },
  { "consent", "Samtykke og medvirkning", N_("Consent and participation") },
  { "signatures", "Signaturer", N_("Signatures") },
  { "logs", "Logger", N_("Logs") },
};

static const struct
{
  const char        *name;
  const BfEnumValue *values;
  guint              n_values;
} tables[BF_N_ENUMS] = {
#define T(name, t) { name, t, G_N_ELEMENTS (t) }
  [BF_ENUM_AGREEMENT_TYPE] = T ("agreement type", agreement_types),
  [BF_ENUM_HOUSING_TYPE] = T ("housing type", housing_types),
  [BF_ENUM_CASE_TYPE] = T ("case type", case_types),
  [BF_ENUM_PARTY_ROLE] = T ("party role", party_roles),
  [BF_ENUM_MEASURE_CATEGORY] = T ("measure category", measure_categories),
  [BF_ENUM_CONSENT_FORM] = T ("consent form", consent_forms),
  [BF_ENUM_NOTICE_RULE] = T ("notice rule", notice_rules),
  [BF_ENUM_ENTRY_CONDITION] = T ("entry condition", entry_conditions),
  [BF_ENUM_SIGNATURE_STATUS] = T ("signature status", signature_statuses),
  [BF_ENUM_VISIT_TYPE] = T ("visit type", visit_types),
  [BF_ENUM_MEASURE_STATUS] = T ("measure status", measure_statuses),
  [BF_ENUM_EVALUATION_DECISION] = T ("evaluation decision", evaluation_decisions),
  [BF_ENUM_AGREEMENT_STATE] = T ("agreement state", agreement_states),
  [BF_ENUM_END_REASON] = T ("end reason", end_reasons),
  [BF_ENUM_REVIEW_STATUS] = T ("review status", review_statuses),
  [BF_ENUM_SECTION] = T ("section", sections),
#undef T
};

/* Counts the "not set" value too, so valid values are 1 … n - 1. */
guint
bf_enum_n_values (BfEnumKind kind)
{
  g_return_val_if_fail (kind < BF_N_ENUMS, 0);

  return tables[kind].n_values;
}

const char *
bf_enum_kind_name (BfEnumKind kind)
{
  g_return_val_if_fail (kind < BF_N_ENUMS, NULL);

  return tables[kind].name;
}

const char *
bf_enum_to_token (BfEnumKind kind,
                  int        value)
{
  g_return_val_if_fail (kind < BF_N_ENUMS, NULL);

  if (value <= 0 || (guint) value >= tables[kind].n_values)
    return NULL;
  return tables[kind].values[value].token;
}

gboolean
bf_enum_from_token (BfEnumKind  kind,
                    const char *token,
                    int        *value)
{
  g_return_val_if_fail (kind < BF_N_ENUMS, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (token == NULL)
    return FALSE;

  for (guint i = 1; i < tables[kind].n_values; i++)
    {
      if (strcmp (tables[kind].values[i].token, token) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
bf_enum_label_nb (BfEnumKind kind,
                  int        value)
{
  g_return_val_if_fail (kind < BF_N_ENUMS, NULL);

  if (value <= 0 || (guint) value >= tables[kind].n_values)
    return NULL;
  return tables[kind].values[value].label_nb;
}

/* Translated through gettext, so in a Norwegian locale this is the nb.po
 * translation of the English source string. */
const char *
bf_enum_label_en (BfEnumKind kind,
                  int        value)
{
  g_return_val_if_fail (kind < BF_N_ENUMS, NULL);

  if (value <= 0 || (guint) value >= tables[kind].n_values)
    return NULL;
  return _(tables[kind].values[value].label_en);
}

/**
 * bf_section_for_field:
 * @field_path: a path such as "measures[2].responsible_party", as in an
 *   error message or a rule finding
 *
 * Lets the editor open the section that a finding or an error is about.
 *
 * Returns: the section, or %BF_SECTION_NONE
 */
BfSection
bf_section_for_field (const char *field_path)
{
  gsize n;
  g_autofree char *first = NULL;
  int value;

  if (field_path == NULL)
    return BF_SECTION_NONE;
  n = strcspn (field_path, ".[");
  first = g_strndup (field_path, n);
  if (!bf_enum_from_token (BF_ENUM_SECTION, first, &value))
    return BF_SECTION_NONE;
  return (BfSection) value;
}
