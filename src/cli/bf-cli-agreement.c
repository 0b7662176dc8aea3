/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bf-agreement-json.h"
#include "bf-agreement-store.h"
#include "bf-cli.h"
#include "bf-json.h"

/* Rows fetched at a time when listing everything. */
#define LIST_PAGE 500

static const struct
{
  const char        *name;
  BfAgreementFilter  filter;
} filters[] = {
  { "all",             BF_AGREEMENT_FILTER_ALL },
  { "red-lamp",        BF_AGREEMENT_FILTER_RED_LAMP },
  { "overdue",         BF_AGREEMENT_FILTER_OVERDUE },
  { "lease-expiring",  BF_AGREEMENT_FILTER_LEASE_EXPIRING },
  { "needs-attention", BF_AGREEMENT_FILTER_NEEDS_ATTENTION },
};

static const struct
{
  const char      *name;
  BfAgreementSort  sort;
} sorts[] = {
  { "name",       BF_AGREEMENT_SORT_TENANT_NAME },
  { "evaluation", BF_AGREEMENT_SORT_NEXT_EVALUATION },
  { "contact",    BF_AGREEMENT_SORT_LAST_CONTACT },
  { "updated",    BF_AGREEMENT_SORT_UPDATED },
};

static const struct
{
  BfAgreementBadges  badge;
  const char        *token;
} badges[] = {
  { BF_AGREEMENT_BADGE_RED_LAMP,       "red-lamp" },
  { BF_AGREEMENT_BADGE_OVERDUE,        "evaluation-overdue" },
  { BF_AGREEMENT_BADGE_LEASE_EXPIRING, "lease-expiring" },
  { BF_AGREEMENT_BADGE_KEY_ACCESS,     "key-access" },
  { BF_AGREEMENT_BADGE_BREACH,         "breach" },
  { BF_AGREEMENT_BADGE_DRAFT,          "draft" },
};

static char *
join_badges (BfAgreementBadges set)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (badges); i++)
    if (set & badges[i].badge)
      g_strv_builder_add (builder, badges[i].token);
  list = g_strv_builder_end (builder);
  return g_strjoinv (",", list);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The canonical JSON, byte for byte: g_print() would convert it to the
 * locale's character set. */
static void
write_stdout (const char *text)
{
  fputs (text, stdout);
  fflush (stdout);
}

/* Checks the one positional argument, the agreement id. */
static gboolean
take_id (int          argc,
         char       **argv,
         const char **id,
         int         *exit_code)
{
  if (argc != 2)
    {
      *exit_code = bf_cli_fail_message (BF_CLI_EXIT_USAGE,
                                        argc < 2 ? _("An agreement id is needed")
                                                 : _("Only one agreement id is allowed"));
      return FALSE;
    }
  *id = argv[1];
  return TRUE;
}

/* Like bf_cli_parse(), but keeps positional arguments for the caller. */
static gboolean
parse_with_arguments (GOptionContext   *context,
                      int              *argc,
                      char           ***argv,
                      int              *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = bf_cli_fail_message (BF_CLI_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */

static int
agreement_list (int    argc,
                char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  g_autofree char *state = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *today = NULL;
  gboolean json = FALSE;
  int exit_code = BF_CLI_EXIT_OK;
  int state_value = BF_AGREEMENT_STATE_NONE;
  BfAgreementQuery query;
  GDate date;
  guint n_total = 0;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only agreements that match these words (name, address, goals, measures, log notes)"), N_("TEXT") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only agreements in this state, e.g. utkast, aktiv, til_evaluering"), N_("STATE") },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter, N_("red-lamp, overdue, lease-expiring or needs-attention"), N_("FILTER") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("name (default), evaluation, contact or updated"), N_("ORDER") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("The date badges and filters judge by (default: today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("agreement list", NULL,
                                       _("Lists the agreements in the profile, with badges for red lamps "
                                         "(no contact for 21 days), overdue evaluations and expiring leases."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!bf_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  bf_agreement_query_init (&query, NULL);
  if (!bf_cli_parse_date (today, &date, &error))
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, "%s", error->message);
  query.today = date;
  query.search = search;

  if (state != NULL)
    {
      if (!bf_enum_from_token (BF_ENUM_AGREEMENT_STATE, state, &state_value))
        return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("“%s” is not a state of an agreement"), state);
      query.state = state_value;
    }
  if (filter != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (filters) && !g_str_equal (filter, filters[i].name); i++)
        ;
      if (i == G_N_ELEMENTS (filters))
        return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("“%s” is not a filter; see --help"), filter);
      query.filter = filters[i].filter;
    }
  if (sort != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (sorts) && !g_str_equal (sort, sorts[i].name); i++)
        ;
      if (i == G_N_ELEMENTS (sorts))
        return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("“%s” is not a sort order; see --help"), sort);
      query.sort = sorts[i].sort;
    }

  store = bf_cli_open_agreements (&args, &profile, &error);
  if (store == NULL)
    return bf_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint offset = 0; ; offset += LIST_PAGE)
    {
      g_autoptr(GPtrArray) items = bf_agreement_store_list (store, &query, offset, LIST_PAGE, &error);

      if (items == NULL)
        {
          bf_profile_lock (profile);
          return bf_cli_fail (error);
        }

      for (guint i = 0; i < items->len; i++)
        {
          BfAgreementItem *item = g_ptr_array_index (items, i);
          BfAgreementState s = bf_agreement_item_get_state (item);
          g_autofree char *list = join_badges (bf_agreement_item_get_badges (item));

          if (json)
            {
              json_builder_begin_object (builder);
              add_string (builder, "id", bf_agreement_item_get_id (item));
              add_string (builder, "tenant_name", bf_agreement_item_get_tenant_name (item));
              add_string (builder, "address", bf_agreement_item_get_address (item));
              add_string (builder, "unit", bf_agreement_item_get_unit (item));
              add_string (builder, "state", bf_enum_to_token (BF_ENUM_AGREEMENT_STATE, s));
              add_string (builder, "next_evaluation", bf_agreement_item_get_next_evaluation (item));
              add_string (builder, "last_contact", bf_agreement_item_get_last_contact (item));
              add_string (builder, "updated_at", bf_agreement_item_get_updated_at (item));
              json_builder_set_member_name (builder, "badges");
              json_builder_begin_array (builder);
              for (guint b = 0; b < G_N_ELEMENTS (badges); b++)
                if (bf_agreement_item_get_badges (item) & badges[b].badge)
                  json_builder_add_string_value (builder, badges[b].token);
              json_builder_end_array (builder);
              json_builder_end_object (builder);
            }
          else
            g_print ("%s  %-16s  %s — %s%s%s%s\n", bf_agreement_item_get_id (item),
                     bf_enum_label_nb (BF_ENUM_AGREEMENT_STATE, s) ? bf_enum_label_nb (BF_ENUM_AGREEMENT_STATE, s) : "",
                     bf_agreement_item_get_tenant_name (item), bf_agreement_item_get_address (item),
                     *list ? "  [" : "", list, *list ? "]" : "");
        }

      n_total += items->len;
      if (items->len < LIST_PAGE)
        break;
    }
  json_builder_end_array (builder);
  bf_profile_lock (profile);

  if (json)
    {
      g_autoptr(JsonNode) node = json_builder_get_root (builder);

      bf_cli_print_json (node);
    }
  else if (n_total == 0)
    g_printerr ("%s\n", _("No agreements match."));

  return BF_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* `agreement show`: the agreement as text, in Bokmål like the agreement
 * itself (DOMAIN.md: the labels are the documents' words), whatever the
 * locale; the English is only in the code. */

static void
line (const char *label,
      const char *value)
{
  glong width;

  if (value == NULL || *value == '\0')
    return;

  /* Pad by characters, not bytes, so that æøå keep the column. */
  width = g_utf8_strlen (label, -1);
  g_print ("  %s%*s %s\n", label, (int) MAX (0, 28 - width), "", value);
}

/* The non-empty ones of up to three parts, joined with ", ". */
static char *
join_parts (const char *a,
            const char *b,
            const char *c)
{
  const char *parts[] = { a, b, c };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", parts[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
line_bool (const char *label,
           gboolean    value)
{
  line (label, value ? "ja" : "nei");
}

static void
line_enum (const char *label,
           BfEnumKind  kind,
           int         value)
{
  line (label, bf_enum_label_nb (kind, value));
}

static void
heading (const char *text)
{
  g_print ("\n%s\n", text);
}

/* "7. Nøkkeltilgang": the sections are numbered as in DOMAIN.md. */
static void
section_heading (BfSection section)
{
  g_autofree char *text = g_strdup_printf ("%d. %s", section, bf_enum_label_nb (BF_ENUM_SECTION, section));

  heading (text);
}

static void
list_items (const char *label,
            GPtrArray  *items)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    line (i == 0 ? label : "", g_ptr_array_index (items, i));
}

static const char *
party_name (BfAgreement *a,
            const char  *party_id)
{
  BfParty *p = bf_agreement_find_party (a, party_id);

  if (p == NULL)
    return party_id;
  if (p->contact_person != NULL && *p->contact_person != '\0')
    return p->contact_person;
  if (p->organisation != NULL && *p->organisation != '\0')
    return p->organisation;
  return bf_enum_label_nb (BF_ENUM_PARTY_ROLE, p->role);
}

static void
print_agreement (BfAgreement *a)
{
  BfHeader *h = bf_agreement_get_header (a);
  BfBackground *b = bf_agreement_get_background (a);
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  BfConsent *c = bf_agreement_get_consent (a);
  GPtrArray *list;
  g_autofree char *version = NULL;

  g_print ("%s: %s\n", h->type ? bf_enum_label_nb (BF_ENUM_AGREEMENT_TYPE, h->type) : "Avtale",
           h->tenant_name != NULL ? h->tenant_name : "");
  line ("Id", bf_agreement_get_id (a));
  line_enum ("Status", BF_ENUM_AGREEMENT_STATE, bf_agreement_get_state (a));
  line_enum ("Avslutningsgrunn", BF_ENUM_END_REASON, bf_agreement_get_end_reason (a));
  if (bf_agreement_get_version (a) > 0)
    version = g_strdup_printf ("%u, lagret %s", bf_agreement_get_version (a), bf_agreement_get_saved_at (a));
  line ("Versjon", version != NULL ? version : "ikke lagret");
  line ("Innholdshash", bf_agreement_get_version_hash (a));
  line_enum ("Gjennomgang", BF_ENUM_REVIEW_STATUS, bf_agreement_get_review_status (a));
  line ("Kommentar fra leder", bf_agreement_get_review_comment (a));

  section_heading (BF_SECTION_HEADER);
  line ("Leietaker", h->tenant_name);
  line ("Fødselsdato", h->tenant_birth_date);
  line_bool ("Husstand med barn", h->household_with_children);
  line_bool ("Samtykkekompetanse i tvil", h->consent_capacity_in_doubt);
  line ("Adresse", h->address);
  line_enum ("Boligtype", BF_ENUM_HOUSING_TYPE, h->housing_type);
  line ("Enhet/bydel", h->unit);
  line ("Vedtak", h->decision_reference);
  line ("Vedtaksdato", h->decision_date);
  line_bool ("Vilkår for tildeling", h->condition_for_allocation);
  line ("Alternativ bolig tilbudt", h->alternative_offered);
  line ("Leieforhold fra", h->lease_start);
  line ("Leieforhold til", h->lease_expiry);
  line ("Prøvetid til", h->trial_period_until);
  line ("Leiekontrakt signert", h->lease_signed);
  line_enum ("Sakstype", BF_ENUM_CASE_TYPE, h->case_type);

  section_heading (BF_SECTION_PARTIES);
  list = bf_agreement_get_parties (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfParty *p = g_ptr_array_index (list, i);
      g_autofree char *text = join_parts (p->organisation, p->contact_person, p->phone);

      line (bf_enum_label_nb (BF_ENUM_PARTY_ROLE, p->role), text);
    }

  section_heading (BF_SECTION_BACKGROUND);
  line ("Bakgrunn", b->background);
  line ("Hovedmål", b->main_goal);
  list_items ("Delmål, kort sikt", b->goals_short_term);
  list_items ("Delmål, lang sikt", b->goals_long_term);
  line ("Leietakers egne mål", b->tenant_goals);
  line ("Ønsker i en vanskelig periode", b->difficult_period_wishes);

  section_heading (BF_SECTION_MEASURES);
  list = bf_agreement_get_measures (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (list, i);
      g_autofree char *period = g_strdup_printf ("%s – %s", m->start ? m->start : "", m->end ? m->end : "");

      line_enum ("Kategori", BF_ENUM_MEASURE_CATEGORY, m->category);
      line ("  Beskrivelse", m->description);
      line ("  Ansvarlig", party_name (a, m->responsible_party));
      line ("  Hyppighet", m->frequency);
      line ("  Periode", period);
      line ("  Leietakers bidrag", m->tenant_commitment);
    }

  section_heading (BF_SECTION_RESPONSIBILITY);
  line ("Ansvarsfordeling", bf_agreement_get_responsibility (a));

  section_heading (BF_SECTION_MEETINGS);
  list = bf_agreement_get_meetings (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfMeeting *m = g_ptr_array_index (list, i);
      g_autofree char *text = join_parts (m->frequency, m->participants, NULL);

      line (m->description ? m->description : "Møte", text);
    }

  section_heading (BF_SECTION_KEY_ACCESS);
  line_bool ("Nøkkeltilgang avtalt", k->agreed);
  if (k->agreed)
    {
      g_autofree char *staff = k->staff_count ? g_strdup_printf ("%u", k->staff_count) : NULL;
      g_autoptr(GString) conditions = g_string_new (NULL);

      line_bool ("Samtykke registrert", k->consent_recorded);
      line ("Samtykkedato", k->consent_date);
      line_enum ("Samtykkeform", BF_ENUM_CONSENT_FORM, k->consent_form);
      line ("Samtykke trukket", k->consent_withdrawn);
      line ("Begrunnelse", k->justification);
      if (k->conditions.danger_to_life_or_health)
        g_string_append (conditions, "fare for liv eller helse; ");
      if (k->conditions.no_contact_hours)
        g_string_append_printf (conditions, "ingen kontakt på %u timer; ", k->conditions.no_contact_hours);
      if (k->conditions.partner_concern)
        g_string_append (conditions, "bekymring fra samarbeidspart; ");
      if (k->conditions.suspected_house_rule_breach)
        g_string_append (conditions, "mistanke om alvorlig brudd på husordensregler; ");
      if (k->conditions.fire_or_hms_risk)
        g_string_append (conditions, "brann- eller HMS-risiko; ");
      if (k->conditions.any_time)
        g_string_append (conditions, "når som helst; ");
      if (k->conditions.inspection)
        g_string_append (conditions, "kontroll/inspeksjon; ");
      if (k->conditions.other != NULL)
        g_string_append_printf (conditions, "%s; ", k->conditions.other);
      if (conditions->len > 2)
        g_string_truncate (conditions, conditions->len - 2);
      line ("Vilkår for å gå inn", conditions->str);
      line_enum ("Varsling", BF_ENUM_NOTICE_RULE, k->notice_rule);
      line ("Om varsling", k->notice_details);
      line ("Hvem kan gå inn", k->who_may_enter);
      line ("Antall ansatte til stede", staff);
      line_bool ("Banke på først", k->procedure.knock_first);
      line_bool ("Rope ut", k->procedure.call_out);
      line_bool ("Gå ikke inn ved livstegn", k->procedure.leave_on_signs_of_life);
      line ("Annen framgangsmåte", k->procedure.other);
      line ("Hvem har nøkkelen", k->key_holder);
      line ("Tilbakelevering", k->key_return);
    }

  section_heading (BF_SECTION_BREACH_CONSEQUENCES);
  line ("Konsekvenser", bf_agreement_get_breach_consequences (a));

  section_heading (BF_SECTION_EVALUATION);
  line ("Dato", bf_agreement_get_evaluation_plan (a)->date);
  line ("Hva evalueres", bf_agreement_get_evaluation_plan (a)->scope);

  section_heading (BF_SECTION_DURATION);
  line ("Fra", bf_agreement_get_duration (a)->from);
  line ("Til", bf_agreement_get_duration (a)->to);

  section_heading (BF_SECTION_CONSENT);
  for (guint i = 0; c->sharing != NULL && i < c->sharing->len; i++)
    {
      BfSharingConsent *s = g_ptr_array_index (c->sharing, i);
      g_autofree char *text = g_strdup_printf ("%s, gitt %s%s%s",
                                               bf_enum_label_nb (BF_ENUM_CONSENT_FORM, s->form) ? bf_enum_label_nb (BF_ENUM_CONSENT_FORM, s->form) : "",
                                               s->given ? s->given : "–",
                                               s->withdrawn ? ", trukket " : "", s->withdrawn ? s->withdrawn : "");

      line (s->recipient ? s->recipient : "Mottaker", text);
    }
  line_bool ("Gjennomgått muntlig", c->reviewed_orally);
  line_bool ("Informert om rettigheter", c->informed_of_rights);
  line ("Leietakers endringsforslag", c->tenant_proposed_changes);
  line_bool ("Kopi gitt", c->copy_given);
  line ("Kopi gitt dato", c->copy_given_date);

  section_heading (BF_SECTION_SIGNATURES);
  list = bf_agreement_get_signatures (a);
  if (list->len == 0)
    line ("Signaturer", "ingen");
  for (guint i = 0; i < list->len; i++)
    {
      BfSignature *s = g_ptr_array_index (list, i);
      g_autofree char *text = g_strdup_printf ("%s %s%s%s", bf_enum_label_nb (BF_ENUM_SIGNATURE_STATUS, s->status) ? bf_enum_label_nb (BF_ENUM_SIGNATURE_STATUS, s->status) : "",
                                               s->at ? s->at : "", s->note ? " – " : "", s->note ? s->note : "");

      line (party_name (a, s->party), text);
    }

  heading ("Besøkslogg");
  list = bf_agreement_get_visits (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfVisit *v = g_ptr_array_index (list, i);
      g_autofree char *text = g_strdup_printf ("%s%s%s%s%s", bf_enum_label_nb (BF_ENUM_VISIT_TYPE, v->type) ? bf_enum_label_nb (BF_ENUM_VISIT_TYPE, v->type) : "",
                                               v->no_access ? " (ingen tilgang)" : "",
                                               v->concern ? " (bekymring)" : "",
                                               v->observations ? ": " : "", v->observations ? v->observations : "");

      line (v->date, text);
    }

  heading ("Innlåsingslogg");
  list = bf_agreement_get_key_uses (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfKeyUse *u = g_ptr_array_index (list, i);
      g_autoptr(GString) staff = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint j = 0; j < u->staff_present->len; j++)
        g_string_append_printf (staff, "%s%s", j > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (u->staff_present, j));
      text = g_strdup_printf ("%s; til stede: %s; %s",
                              bf_enum_label_nb (BF_ENUM_ENTRY_CONDITION, u->condition) ? bf_enum_label_nb (BF_ENUM_ENTRY_CONDITION, u->condition) : "",
                              staff->str, u->found_and_done ? u->found_and_done : "");
      line (u->time, text);
    }

  heading ("Evalueringer");
  list = bf_agreement_get_evaluations (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfEvaluation *e = g_ptr_array_index (list, i);
      g_autofree char *text = g_strdup_printf ("%s%s; neste %s; %s",
                                               bf_enum_label_nb (BF_ENUM_EVALUATION_DECISION, e->decision) ? bf_enum_label_nb (BF_ENUM_EVALUATION_DECISION, e->decision) : "",
                                               e->home_visit_done ? ", med hjemmebesøk" : "",
                                               e->next_date ? e->next_date : "–",
                                               e->goal_attainment ? e->goal_attainment : "");

      line (e->date, text);
    }

  heading ("Brudd");
  list = bf_agreement_get_breaches (a);
  for (guint i = 0; i < list->len; i++)
    {
      BfBreach *br = g_ptr_array_index (list, i);
      g_autofree char *text = g_strdup_printf ("%s%s%s%s", br->description ? br->description : "",
                                               br->lease_also_breached ? " (også brudd på leiekontrakt/husordensregler)" : "",
                                               br->consequence ? "; konsekvens: " : "", br->consequence ? br->consequence : "");

      line (br->date, text);
    }
}

static int
agreement_show (int    argc,
                char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfAgreement) agreement = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int exit_code = BF_CLI_EXIT_OK;
  const char *id = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the agreement JSON, with its logs"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("agreement show", N_("ID"),
                                       _("Shows every section of an agreement and its logs, "
                                         "in Norwegian as in the agreement itself."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!parse_with_arguments (context, &argc, &argv, &exit_code) ||
      !take_id (argc, argv, &id, &exit_code))
    return exit_code;

  agreement = bf_cli_load_agreement (&args, id, &error);
  if (agreement == NULL)
    return bf_cli_fail (error);

  if (json)
    {
      g_autofree char *text = bf_agreement_to_json (agreement, BF_AGREEMENT_JSON_PRETTY | BF_AGREEMENT_JSON_WITH_LOGS);

      write_stdout (text);
    }
  else
    print_agreement (agreement);

  return BF_CLI_EXIT_OK;
}

static int
agreement_import (int    argc,
                  char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *new_id = NULL;
  int exit_code = BF_CLI_EXIT_OK;
  gsize length = 0;
  GStatBuf st;

  context = bf_cli_option_context_new ("agreement import", N_("FILE.json"),
                                       _("Imports an agreement from the documented agreement JSON, with its "
                                         "logs, and prints its id. The file is checked as untrusted input."));
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!parse_with_arguments (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("One file to import is needed"));

  /* Refuse an oversized file before reading it into memory. */
  if (g_stat (argv[1], &st) == 0 && st.st_size > BF_JSON_DEFAULT_MAX_BYTES)
    return bf_cli_fail_message (BF_CLI_EXIT_FAILURE, _("%s is larger than an agreement can be"), argv[1]);
  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    return bf_cli_fail (error);

  store = bf_cli_open_agreements (&args, &profile, &error);
  if (store == NULL)
    return bf_cli_fail (error);
  new_id = bf_agreement_store_import_json (store, contents, length, &error);
  bf_profile_lock (profile);
  if (new_id == NULL)
    return bf_cli_fail (error);

  g_print ("%s\n", new_id);
  return BF_CLI_EXIT_OK;
}

static int
agreement_export (int    argc,
                  char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_file = NULL;
  g_autofree char *pdf_file = NULL;
  g_autofree char *text = NULL;
  int exit_code = BF_CLI_EXIT_OK;
  const char *id = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_file, N_("Write the agreement JSON, with its logs, to FILE (“-” for standard output)"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_file, N_("Write the agreement as PDF to FILE"), N_("FILE") },
    { NULL }
  };

  context = bf_cli_option_context_new ("agreement export", N_("ID"),
                                       _("Exports an agreement. The file holds personal data in the clear: "
                                         "it is written readable by you only, and is yours to keep safe."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!parse_with_arguments (context, &argc, &argv, &exit_code) ||
      !take_id (argc, argv, &id, &exit_code))
    return exit_code;

  if ((json_file == NULL) == (pdf_file == NULL))
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Choose one of --json FILE or --pdf FILE"));
  if (pdf_file != NULL)
    return bf_cli_fail_message (BF_CLI_EXIT_FAILURE, _("PDF export is not available in this build"));

  store = bf_cli_open_agreements (&args, &profile, &error);
  if (store == NULL)
    return bf_cli_fail (error);
  text = bf_agreement_store_export_json (store, id, &error);
  bf_profile_lock (profile);
  if (text == NULL)
    return bf_cli_fail (error);

  if (g_str_equal (json_file, "-"))
    write_stdout (text);
  else if (!g_file_set_contents_full (json_file, text, -1,
                                      G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                      0600, &error))
    return bf_cli_fail (error);

  return BF_CLI_EXIT_OK;
}

static const BfCliCommand agreement_commands[] = {
  { "list",   agreement_list,   N_("List agreements, with search and filters") },
  { "show",   agreement_show,   N_("Show an agreement") },
  { "import", agreement_import, N_("Import an agreement from JSON") },
  { "export", agreement_export, N_("Export an agreement as JSON") },
  { NULL }
};

const BfCliGroup bf_cli_agreement_group = {
  "agreement",
  N_("List, show, import and export agreements."),
  agreement_commands,
  NULL,
};
