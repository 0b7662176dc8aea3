/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-date.h"
#include "bf-rules.h"

/*
 * The rule table. Messages may hold one "{}", replaced by a detail such as
 * the name of a missing section. Sources are written for people: the
 * document in plain words, then "dok. NNN, linje …" for the seed file.
 */
static const BfRule rules[] = {
  { "R01", NULL, BF_RULE_KIND_BLOCKS, "",
    "Avtalen mangler {}, som må være med før den sendes til signering.",
    N_("The agreement lacks {}, which must be present before it is sent for signing."),
    "Trondheim kommune, tildelingsveileder §5.1.5 (dok. 002, linje 565 og 807–816)" },
  { "R02", NULL, BF_RULE_KIND_BLOCKS, "key_access",
    "Nøkkeltilgang er avtalt, men {} mangler.",
    N_("Key access is agreed, but {} is missing."),
    "Trondheim kommune, tildelingsveileder §5.1.5: nøkkel «skal dette begrunnes» (dok. 002, linje 813)" },
  { "R03", NULL, BF_RULE_KIND_WARNS, "key_access.entry_conditions",
    "Nøkkeltilgang er avtalt uten at avtalen sier i hvilke situasjoner nøkkelen kan brukes.",
    N_("Key access is agreed without saying in which situations the key may be used."),
    "Oslo Economics, rapport om tilleggsavtaler (dok. 000, linje 816–822 og 2173–2181)" },
  { "R03", "any-time", BF_RULE_KIND_WARNS, "key_access.entry_conditions",
    "Nøkkelen skal ikke kunne brukes «når som helst» eller til kontroll og inspeksjon; skriv konkrete situasjoner i stedet.",
    N_("The key should not be usable “at any time” or for inspections; name concrete situations instead."),
    "Oslo Economics, rapport om tilleggsavtaler (dok. 000, linje 816–822 og 2173–2181)" },
  { "R04", NULL, BF_RULE_KIND_WARNS, "key_access.notice_rule",
    "Innlåsing uten varsel bør bare skje ved akutt fare; ellers varsles leietaker normalt ett døgn i forkant.",
    N_("Entering without notice should happen only in acute danger; otherwise the tenant is normally told a day ahead."),
    "Oslo Economics, rapport om tilleggsavtaler (dok. 000, linje 2129–2133)" },
  { "R05", NULL, BF_RULE_KIND_ADVISES, "key_access.staff_count",
    "God praksis er at to ansatte er til stede når noen låser seg inn.",
    N_("Good practice is for two staff members to be present when someone lets themselves in."),
    "Oslo Economics, rapport om tilleggsavtaler (dok. 000, linje 2191–2195)" },
  { "R05", "procedure", BF_RULE_KIND_ADVISES, "key_access.procedure.knock_first",
    "Beskriv fremgangsmåten: bank på og rop ut før dere går inn, og gå ikke inn ved tegn til liv.",
    N_("Describe the procedure: knock and call out before entering, and do not enter when there are signs of life."),
    "Oslo Economics, rapport om tilleggsavtaler (dok. 000, linje 2163–2171)" },
  { "R06", NULL, BF_RULE_KIND_BLOCKS, "responsibility",
    "Når flere tjenester er med i avtalen, må ansvarsfordelingen mellom dem skrives ned.",
    N_("When several services take part in the agreement, the division of responsibility between them must be written down."),
    "Trondheim kommune, tildelingsveileder §5.1.5 (dok. 002, linje 811)" },
  { "R07", NULL, BF_RULE_KIND_WARNS, "breach_consequences",
    "Leietaker kan ikke sies opp for brudd på oppfølgingsavtalen alene; bare brudd på leiekontrakten eller husordensreglene i tillegg kan få følger for leieforholdet.",
    N_("A tenant cannot be given notice for breaching the follow-up agreement alone; only a breach of the lease or house rules as well can affect the tenancy."),
    "Trondheim kommune, tildelingsveileder §5.1.5.4 (dok. 002, linje 826–832); Oslo Economics (dok. 000, linje 316–324)" },
  { "R08", NULL, BF_RULE_KIND_BLOCKS, "evaluation.date",
    "Evalueringsdatoen ligger utenfor avtalens varighet.",
    N_("The evaluation date lies outside the agreement's duration."),
    "Trondheim kommune, tildelingsveileder §5.1.5 (dok. 002, linje 815–816)" },
  { "R08", "after-lease", BF_RULE_KIND_WARNS, "evaluation.date",
    "Evalueringsdatoen ligger etter at leiekontrakten utløper.",
    N_("The evaluation date is after the lease expires."),
    "Trondheim kommune, tildelingsveileder §5.1.5 (dok. 002, linje 815–816)" },
  { "R09", NULL, BF_RULE_KIND_BLOCKS, "logs.evaluations",
    "Avtalen kan ikke forlenges før det er registrert tilsyn eller hjemmebesøk.",
    N_("The agreement cannot be extended before an inspection or home visit is recorded."),
    "Trondheim kommune, tildelingsveileder §5.1.5.3 (dok. 002, linje 822)" },
  { "R10", NULL, BF_RULE_KIND_WARNS, "header.lease_signed",
    "Leiekontrakten er signert før alle parter har signert oppfølgingsavtalen.",
    N_("The lease was signed before every party signed the follow-up agreement."),
    "Trondheim kommune, tildelingsveileder §5.1.5 (dok. 002, linje 788)" },
  { "R11", NULL, BF_RULE_KIND_WARNS, "",
    "Vilkår som {} er juridisk usikre og bør begrunnes eller fjernes.",
    N_("Conditions such as {} are legally uncertain and should be justified or removed."),
    "Oslo Economics, rapport om tilleggsavtaler (dok. 000, linje 2241–2370 og 1538–1554)" },
  { "R12", NULL, BF_RULE_KIND_WARNS, "parties",
    "Leietaker er under 18 år eller samtykkekompetansen er usikker: ta med verge som part, og vurder å utsette signeringen.",
    N_("The tenant is under 18 or their capacity to consent is in doubt: add a guardian as a party, and consider postponing the signing."),
    "Oslo Economics (dok. 000, linje 2897–2919); Trondheim kommune, tildelingsveileder (dok. 002, linje 514)" },
  { "R13", NULL, BF_RULE_KIND_WARNS, "header.alternative_offered",
    "Avtalen er et vilkår for å få bolig, men det er ikke registrert at et alternativ ble tilbudt.",
    N_("The agreement is a condition for getting housing, but no alternative offer is recorded."),
    "Oslo Economics, rapport om tilleggsavtaler (dok. 000, linje 326–334 og 1933–1956)" },
  { "R14", NULL, BF_RULE_KIND_RED_LAMP, "logs.visits",
    "Det er ikke registrert kontakt med leietaker på tre uker eller mer.",
    N_("No contact with the tenant has been logged for three weeks or more."),
    "NIBR-rapport om Rælingen: «ingen rød lampe som lyser» (dok. 004, linje 3030–3032)" },
  { "R15", NULL, BF_RULE_KIND_REMINDS, "evaluation.date",
    "Evalueringen er forfalt.",
    N_("The evaluation is overdue."),
    "Trondheim kommune, tildelingsveileder (dok. 002, linje 706)" },
  { "R15", "lease-expiring", BF_RULE_KIND_REMINDS, "header.lease_expiry",
    "Leiekontrakten utløper snart: snakk med leietaker om forlengelse ({} før utløp).",
    N_("The lease expires soon: talk with the tenant about an extension ({} before expiry)."),
    "Trondheim kommune, tildelingsveileder §4.3.4 (dok. 002, linje 700 og 706)" },
};

const BfRule *
bf_rules_get_all (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

const BfRule *
bf_rules_lookup (const char *id,
                 const char *variant)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (strcmp (rules[i].id, id) == 0 && g_strcmp0 (rules[i].variant, variant) == 0)
      return &rules[i];
  return NULL;
}

const char *
bf_rule_kind_to_string (BfRuleKind kind)
{
  static const char * const names[] = { "blocks", "warns", "advises", "reminds", "red-lamp" };

  g_return_val_if_fail (kind <= BF_RULE_KIND_RED_LAMP, NULL);
  return names[kind];
}

void
bf_finding_free (BfFinding *f)
{
  if (f == NULL)
    return;
  g_free (f->rule_id);
  g_free (f->field);
  g_free (f->message_nb);
  g_free (f->message_en);
  g_free (f->source);
  g_free (f);
}

static char *
fill (const char *message,
      const char *detail)
{
  const char *at = strstr (message, "{}");

  if (at == NULL)
    return g_strdup (message);
  return g_strdup_printf ("%.*s%s%s", (int) (at - message), message,
                          detail ? detail : "", at + 2);
}

static void
add (GPtrArray  *findings,
     const char *id,
     const char *variant,
     const char *field,
     const char *detail_nb,
     const char *detail_en)
{
  const BfRule *rule = bf_rules_lookup (id, variant);
  BfFinding *f;

  g_assert (rule != NULL);

  f = g_new0 (BfFinding, 1);
  f->rule_id = g_strdup (rule->id);
  f->kind = rule->kind;
  f->field = g_strdup (field ? field : rule->field);
  f->message_nb = fill (rule->message_nb, detail_nb);
  f->message_en = fill (_(rule->message_en), detail_en);
  f->source = g_strdup (rule->source);
  g_ptr_array_add (findings, f);
}

static gboolean
empty (const char *s)
{
  return s == NULL || s[0] == '\0';
}

static void
check_r01 (BfAgreement *a,
           GPtrArray   *out)
{
  BfBackground *b = bf_agreement_get_background (a);
  BfEvaluationPlan *e = bf_agreement_get_evaluation_plan (a);
  BfDuration *d = bf_agreement_get_duration (a);

  if (bf_agreement_find_party_by_role (a, BF_PARTY_ROLE_LEIETAKER) == NULL ||
      bf_agreement_get_parties (a)->len < 2)
    add (out, "R01", NULL, "parties", "parter (leietaker og minst én til)", _("parties (the tenant and at least one more)"));
  if (empty (b->background))
    add (out, "R01", NULL, "background.background", "bakgrunn", _("a background"));
  if (empty (b->main_goal))
    add (out, "R01", NULL, "background.main_goal", "formål", _("a purpose"));
  if (empty (bf_agreement_get_breach_consequences (a)))
    add (out, "R01", NULL, "breach_consequences", "konsekvenser ved brudd", _("consequences of a breach"));
  if (empty (e->date))
    add (out, "R01", NULL, "evaluation.date", "tidspunkt for evaluering", _("an evaluation date"));
  if (empty (e->scope))
    add (out, "R01", NULL, "evaluation.scope", "hva som skal evalueres", _("what will be evaluated"));
  if (empty (d->from) || empty (d->to))
    add (out, "R01", NULL, empty (d->from) ? "duration.from" : "duration.to",
         "avtalens varighet", _("the agreement's duration"));
}

static void
check_key_access (BfAgreement *a,
                  GPtrArray   *out)
{
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  BfEntryConditions *c = &k->conditions;
  GPtrArray *uses = bf_agreement_get_key_uses (a);

  if (k->agreed && !k->consent_recorded)
    add (out, "R02", NULL, "key_access.consent_recorded", "registrert samtykke", _("the recorded consent"));
  /* Consent can be withdrawn at any time, and that ends key access. */
  else if (k->agreed && !empty (k->consent_withdrawn))
    add (out, "R02", NULL, "key_access.consent_withdrawn",
         "et gyldig samtykke (det er trukket tilbake)", _("a valid consent (it was withdrawn)"));
  if (k->agreed && empty (k->justification))
    add (out, "R02", NULL, "key_access.justification", "skriftlig begrunnelse", _("the written justification"));

  if (k->agreed)
    {
      gboolean any_condition = c->danger_to_life_or_health || c->no_contact_hours > 0 ||
                               c->partner_concern || c->suspected_house_rule_breach ||
                               c->fire_or_hms_risk || !empty (c->other);

      if (c->any_time || c->inspection ||
          bf_text_allows_entry_any_time (k->justification) ||
          bf_text_allows_entry_any_time (c->other))
        add (out, "R03", "any-time", NULL, NULL, NULL);
      else if (!any_condition)
        add (out, "R03", NULL, NULL, NULL, NULL);

      if (k->notice_rule == BF_NOTICE_RULE_UTEN_VARSEL)
        add (out, "R04", NULL, NULL, NULL, NULL);

      if (k->staff_count < 2)
        add (out, "R05", NULL, NULL, NULL, NULL);
      if (!k->procedure.knock_first)
        add (out, "R05", "procedure", NULL, NULL, NULL);
    }

  /* Each use of the key without notice outside acute danger. */
  for (guint i = 0; i < uses->len; i++)
    {
      BfKeyUse *u = g_ptr_array_index (uses, i);

      if (!u->notice_given && u->condition != BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE)
        {
          g_autofree char *field = g_strdup_printf ("logs.key_uses[%u].notice_given", i);

          add (out, "R04", NULL, field, NULL, NULL);
        }
    }
}

/* Services, counting the municipal office and its follow-up worker as one
 * (they are the same municipality) and each "other" partner separately. */
static guint
count_services (BfAgreement *a)
{
  GPtrArray *parties = bf_agreement_get_parties (a);
  guint seen = 0;
  guint others = 0;

  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);
      BfPartyRole role = p->role;

      if (role == BF_PARTY_ROLE_LEIETAKER || role == BF_PARTY_ROLE_VERGE || role == BF_PARTY_ROLE_NONE)
        continue;
      if (role == BF_PARTY_ROLE_ANNEN)
        others++;
      else
        {
          if (role == BF_PARTY_ROLE_BOOPPFOLGER)
            role = BF_PARTY_ROLE_KOMMUNALT_KONTOR;
          seen |= 1u << role;
        }
    }
  guint n = others;

  for (; seen != 0; seen &= seen - 1)
    n++;
  return n;
}

static void
check_r06 (BfAgreement *a,
           GPtrArray   *out)
{
  if (count_services (a) >= 2 && empty (bf_agreement_get_responsibility (a)))
    add (out, "R06", NULL, NULL, NULL, NULL);
}

static void
check_r07 (BfAgreement *a,
           GPtrArray   *out)
{
  if (bf_text_threatens_tenancy (bf_agreement_get_breach_consequences (a)))
    add (out, "R07", NULL, NULL, NULL, NULL);
}

static void
check_r08 (BfAgreement *a,
           GPtrArray   *out)
{
  BfEvaluationPlan *e = bf_agreement_get_evaluation_plan (a);
  BfDuration *d = bf_agreement_get_duration (a);
  BfHeader *h = bf_agreement_get_header (a);

  if (empty (e->date))
    return;
  if ((!empty (d->from) && bf_date_compare (e->date, d->from) < 0) ||
      (!empty (d->to) && bf_date_compare (e->date, d->to) > 0))
    add (out, "R08", NULL, NULL, NULL, NULL);
  else if (!empty (h->lease_expiry) && bf_date_compare (e->date, h->lease_expiry) > 0)
    add (out, "R08", "after-lease", NULL, NULL, NULL);
}

static void
check_r09 (BfAgreement *a,
           GPtrArray   *out)
{
  GPtrArray *evaluations = bf_agreement_get_evaluations (a);

  for (guint i = 0; i < evaluations->len; i++)
    {
      BfEvaluation *e = g_ptr_array_index (evaluations, i);

      if (e->decision == BF_EVALUATION_DECISION_FORLENGE && !e->home_visit_done)
        {
          g_autofree char *field = g_strdup_printf ("logs.evaluations[%u].home_visit_done", i);

          add (out, "R09", NULL, field, NULL, NULL);
        }
    }
}

/* The lease must come after every party signed the agreement (002:788,
 * 1181). A revision is signed again later, but the lease was entered into
 * on the strength of the first fully signed version, so judge by that:
 * bf_agreement_get_first_signed_at(). */
static void
check_r10 (BfAgreement *a,
           GPtrArray   *out)
{
  BfHeader *h = bf_agreement_get_header (a);
  const char *first_signed_at = bf_agreement_get_first_signed_at (a);
  GPtrArray *signatures = bf_agreement_get_signatures (a);
  GDate lease;
  GDate signed_on;

  if (!bf_date_parse (h->lease_signed, &lease))
    return;

  if (first_signed_at != NULL)
    {
      if (bf_timestamp_to_date (first_signed_at, &signed_on) && g_date_compare (&lease, &signed_on) < 0)
        add (out, "R10", NULL, NULL, NULL, NULL);
      return;
    }

  /* Never signed by every party, as far as the agreement knows. */
  if (!bf_agreement_all_signed (a))
    {
      add (out, "R10", NULL, NULL, NULL, NULL);
      return;
    }

  /* Fully signed but written before first_signed_at was recorded: the
   * current version's signatures are all there is to go by. */
  for (guint i = 0; i < signatures->len; i++)
    {
      BfSignature *s = g_ptr_array_index (signatures, i);

      if (bf_timestamp_to_date (s->at, &signed_on) && g_date_compare (&lease, &signed_on) < 0)
        {
          add (out, "R10", NULL, NULL, NULL, NULL);
          return;
        }
    }
}

static void
scan_r11 (GPtrArray  *out,
          const char *field,
          const char *text)
{
  static const struct { BfIntrusiveCondition flag; const char *nb; const char *en; } names[] = {
    { BF_INTRUSIVE_ALCOHOL_BAN, "alkoholforbud", N_("an alcohol ban") },
    { BF_INTRUSIVE_VISITOR_LIMIT, "besøksforbud eller besøksbegrensning", N_("a ban on or limit to visitors") },
    { BF_INTRUSIVE_COMPULSORY, "obligatorisk aktivitet", N_("compulsory activities") },
    { BF_INTRUSIVE_WEAPONS, "beslag av våpen", N_("confiscating weapons") },
    { BF_INTRUSIVE_MAIL, "håndtering av leietakers post", N_("handling the tenant's mail") },
    { BF_INTRUSIVE_EXPULSION, "bortvisning", N_("expulsion from the home") },
  };
  BfIntrusiveCondition found = bf_text_find_intrusive_conditions (text);
  g_autoptr(GString) nb = NULL;
  g_autoptr(GString) en = NULL;

  if (found == BF_INTRUSIVE_NONE)
    return;

  nb = g_string_new (NULL);
  en = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if ((found & names[i].flag) == 0)
        continue;
      g_string_append_printf (nb, "%s%s", nb->len ? ", " : "", names[i].nb);
      g_string_append_printf (en, "%s%s", en->len ? ", " : "", _(names[i].en));
    }
  add (out, "R11", NULL, field, nb->str, en->str);
}

static void
check_r11 (BfAgreement *a,
           GPtrArray   *out)
{
  GPtrArray *measures = bf_agreement_get_measures (a);
  GPtrArray *meetings = bf_agreement_get_meetings (a);
  BfKeyAccess *k = bf_agreement_get_key_access (a);

  for (guint i = 0; i < measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (measures, i);
      g_autofree char *f1 = g_strdup_printf ("measures[%u].description", i);
      g_autofree char *f2 = g_strdup_printf ("measures[%u].tenant_commitment", i);

      scan_r11 (out, f1, m->description);
      scan_r11 (out, f2, m->tenant_commitment);
    }
  for (guint i = 0; i < meetings->len; i++)
    {
      BfMeeting *m = g_ptr_array_index (meetings, i);
      g_autofree char *f = g_strdup_printf ("meetings[%u].description", i);

      scan_r11 (out, f, m->description);
    }
  scan_r11 (out, "responsibility", bf_agreement_get_responsibility (a));
  scan_r11 (out, "breach_consequences", bf_agreement_get_breach_consequences (a));
  scan_r11 (out, "key_access.justification", k->justification);
  scan_r11 (out, "key_access.entry_conditions.other", k->conditions.other);
}

static void
check_r12 (BfAgreement *a,
           const GDate *today,
           GPtrArray   *out)
{
  BfHeader *h = bf_agreement_get_header (a);
  gboolean minor = FALSE;
  GDate birth;

  if (today != NULL && bf_date_parse (h->tenant_birth_date, &birth))
    {
      GDate adult = birth;

      g_date_add_years (&adult, 18);
      minor = g_date_compare (today, &adult) < 0;
    }
  if ((minor || h->consent_capacity_in_doubt) &&
      bf_agreement_find_party_by_role (a, BF_PARTY_ROLE_VERGE) == NULL)
    add (out, "R12", NULL, NULL, NULL, NULL);
}

static void
check_r13 (BfAgreement *a,
           GPtrArray   *out)
{
  BfHeader *h = bf_agreement_get_header (a);

  if (h->condition_for_allocation && empty (h->alternative_offered))
    add (out, "R13", NULL, NULL, NULL, NULL);
}

static void
check_r14 (BfAgreement *a,
           const GDate *today,
           GPtrArray   *out)
{
  const char *last;
  GDate since;

  if (today == NULL || !bf_lifecycle_is_running (bf_agreement_get_state (a)))
    return;

  /* With no contact at all, count from the agreement's start. */
  last = bf_agreement_get_last_contact (a);
  if (last == NULL)
    last = bf_agreement_get_duration (a)->from;
  if (!bf_date_parse (last, &since))
    return;
  if (g_date_days_between (&since, today) >= 21)
    add (out, "R14", NULL, NULL, NULL, NULL);
}

static void
check_r15 (BfAgreement *a,
           const GDate *today,
           GPtrArray   *out)
{
  BfHeader *h = bf_agreement_get_header (a);
  GPtrArray *evaluations = bf_agreement_get_evaluations (a);
  BfAgreementState state = bf_agreement_get_state (a);
  const char *next = bf_agreement_get_next_evaluation (a);
  GDate due, expiry, horizon;

  if (today == NULL || bf_lifecycle_is_final (state))
    return;

  if (bf_lifecycle_is_running (state) && bf_date_parse (next, &due) &&
      g_date_compare (&due, today) < 0)
    add (out, "R15", NULL, evaluations->len > 0 ? "logs.evaluations" : "evaluation.date", NULL, NULL);

  if (bf_date_parse (h->lease_expiry, &expiry))
    {
      guint months = h->household_with_children ? 12 : 6;

      horizon = *today;
      g_date_add_months (&horizon, months);
      if (g_date_compare (&expiry, &horizon) <= 0)
        add (out, "R15", "lease-expiring", NULL,
             h->household_with_children ? "ett år" : "seks måneder",
             h->household_with_children ? _("one year") : _("six months"));
    }
}

/**
 * bf_rules_check:
 * @agreement: the agreement, with its logs
 * @today: (nullable): the date to judge by; %NULL leaves out the rules that
 *   depend on it (R12's age test, R14, R15)
 *
 * Returns: (transfer container) (element-type BfFinding): the findings, in
 *   rule order; empty when all is well
 */
GPtrArray *
bf_rules_check (BfAgreement *agreement,
                const GDate *today)
{
  GPtrArray *out;

  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) bf_finding_free);
  check_r01 (agreement, out);
  check_key_access (agreement, out);   /* R02–R05 */
  check_r06 (agreement, out);
  check_r07 (agreement, out);
  check_r08 (agreement, out);
  check_r09 (agreement, out);
  check_r10 (agreement, out);
  check_r11 (agreement, out);
  check_r12 (agreement, today, out);
  check_r13 (agreement, out);
  check_r14 (agreement, today, out);
  check_r15 (agreement, today, out);
  return out;
}

BfFinding *
bf_findings_first_blocking (GPtrArray *findings)
{
  g_return_val_if_fail (findings != NULL, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      BfFinding *f = g_ptr_array_index (findings, i);

      if (f->kind == BF_RULE_KIND_BLOCKS)
        return f;
    }
  return NULL;
}

/**
 * bf_findings_block_signing:
 *
 * Returns: %TRUE if any finding is of kind "blocks"
 */
gboolean
bf_findings_block_signing (GPtrArray *findings)
{
  g_return_val_if_fail (findings != NULL, FALSE);

  return bf_findings_first_blocking (findings) != NULL;
}

BfFinding *
bf_findings_find (GPtrArray  *findings,
                  const char *rule_id)
{
  g_return_val_if_fail (findings != NULL, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      BfFinding *f = g_ptr_array_index (findings, i);

      if (g_strcmp0 (f->rule_id, rule_id) == 0)
        return f;
    }
  return NULL;
}

/**
 * bf_findings_to_json:
 *
 * The findings as a canonical JSON list, for `bofastctl check --json`:
 * each `{"rule", "kind", "field", "section", "message_nb", "message_en",
 * "source"}`, with kind one of blocks, warns, advises, reminds, red-lamp.
 *
 * Returns: (transfer full): the JSON text
 */
char *
bf_findings_to_json (GPtrArray *findings,
                     gboolean   pretty)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  g_return_val_if_fail (findings != NULL, NULL);

  array = json_array_new ();
  for (guint i = 0; i < findings->len; i++)
    {
      BfFinding *f = g_ptr_array_index (findings, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "rule", f->rule_id);
      json_object_set_string_member (o, "kind", bf_rule_kind_to_string (f->kind));
      bf_json_set_string (o, "field", f->field);
      bf_json_set_enum (o, "section", BF_ENUM_SECTION, bf_section_for_field (f->field));
      json_object_set_string_member (o, "message_nb", f->message_nb);
      json_object_set_string_member (o, "message_en", f->message_en);
      json_object_set_string_member (o, "source", f->source);
      json_array_add_object_element (array, o);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return bf_json_to_string (node, pretty);
}
