/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-rules"

#include "config.h"

#include <string.h>

#include "bf-rules.h"

/*
 * Reading caseworkers' free text for R07 and R11.
 *
 * The text is lower-cased and folded (æ → ae, ø → o, å → a, and accents
 * dropped) so that "Oppsigelse", "OPPSIGELSE" and "oppsigelse" read the same
 * and so that text typed without Norwegian letters ("bortvisning", "besok")
 * is caught too. It is split into sentences, sentences into clauses (at
 * commas), and clauses into words. The patterns are word stems, so they
 * catch inflections: "oppsig" covers oppsigelse, oppsigelsen, oppsigelser.
 *
 * This is a warning aid, not a judgement: it prefers to warn once too often
 * over missing a condition that the source documents call legally
 * uncertain, but it knows the usual ways caseworkers say the opposite
 * ("kan ikke sies opp", "kun ved brudd på husleiekontrakten").
 */

typedef struct
{
  GPtrArray *words;    /* of char* */
  GArray    *clause;   /* of guint: the clause each word belongs to */
} Sentence;

static void
sentence_free (Sentence *s)
{
  g_ptr_array_unref (s->words);
  g_array_unref (s->clause);
  g_free (s);
}

static char *
fold (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autofree char *nfd = g_utf8_normalize (lower, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x00E6: g_string_append (out, "ae"); break;  /* æ */
        case 0x00F8: g_string_append_c (out, 'o'); break; /* ø */
        case 0x00E5: g_string_append_c (out, 'a'); break; /* å (if not decomposed) */
        case 0x00E4: g_string_append_c (out, 'a'); break;
        case 0x00F6: g_string_append_c (out, 'o'); break;
        default:
          /* Combining marks (the ring of a decomposed å, accents) go. */
          if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
            break;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
split_sentences (const char *text)
{
  g_autofree char *folded = fold (text);
  GPtrArray *sentences = g_ptr_array_new_with_free_func ((GDestroyNotify) sentence_free);
  Sentence *cur = NULL;
  guint clause = 0;
  GString *word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = (*p == '\0');

      if (!end && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          if (cur == NULL)
            {
              cur = g_new0 (Sentence, 1);
              cur->words = g_ptr_array_new_with_free_func (g_free);
              cur->clause = g_array_new (FALSE, FALSE, sizeof (guint));
              g_ptr_array_add (sentences, cur);
              clause = 0;
            }
          g_ptr_array_add (cur->words, g_strdup (word->str));
          g_array_append_val (cur->clause, clause);
          g_string_truncate (word, 0);
        }
      if (end)
        break;
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
        cur = NULL;
      else if (c == ',' || c == ':' || c == '(' || c == ')' || c == 0x2013 || c == 0x2014)
        clause++;
    }
  g_string_free (word, TRUE);
  return sentences;
}

#define W(s, i) ((const char *) g_ptr_array_index ((s)->words, (i)))
#define CL(s, i) (g_array_index ((s)->clause, guint, (i)))
#define N(s) ((s)->words->len)

static gboolean
starts (const char *word,
        const char *prefix)
{
  return g_str_has_prefix (word, prefix);
}

static gboolean
is_one_of (const char         *word,
           const char * const *set)
{
  return g_strv_contains (set, word);
}

static gboolean
starts_any (const char         *word,
            const char * const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (starts (word, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* Is there a word starting with one of @prefixes within @before words
 * before and @after words after @i, in the same clause? */
static gboolean
near (Sentence           *s,
      guint               i,
      guint               before,
      guint               after,
      const char * const *prefixes)
{
  guint from = i > before ? i - before : 0;
  guint to = MIN (N (s), i + after + 1);

  for (guint j = from; j < to; j++)
    if (j != i && CL (s, j) == CL (s, i) && starts_any (W (s, j), prefixes))
      return TRUE;
  return FALSE;
}

static gboolean
sentence_has (Sentence           *s,
              const char * const *prefixes)
{
  for (guint j = 0; j < N (s); j++)
    if (starts_any (W (s, j), prefixes))
      return TRUE;
  return FALSE;
}

static gboolean
clause_has (Sentence           *s,
            guint               clause,
            const char * const *prefixes)
{
  for (guint j = 0; j < N (s); j++)
    if (CL (s, j) == clause && starts_any (W (s, j), prefixes))
      return TRUE;
  return FALSE;
}

static gboolean
clause_has_word (Sentence           *s,
                 guint               clause,
                 const char * const *words)
{
  for (guint j = 0; j < N (s); j++)
    if (CL (s, j) == clause && is_one_of (W (s, j), words))
      return TRUE;
  return FALSE;
}

static const char * const negations[] = { "ikke", "ingen", "aldri", "ei", "intet", NULL };
static const char * const subordinators[] = { "hvis", "dersom", "om", "nar", "fordi", "som", NULL };

/* "kan ikke sies opp", "gir ikke grunnlag for oppsigelse", "det vil ikke
 * bli aktuelt med oppsigelse": a negation shortly before the trigger, in
 * the same clause, and not inside a condition ("dersom leietaker ikke
 * følger avtalen, …" is a condition, not a denial). */
static gboolean
negated (Sentence *s,
         guint     i)
{
  guint from = i > 4 ? i - 4 : 0;

  for (guint j = from; j < i; j++)
    {
      if (CL (s, j) != CL (s, i) || !is_one_of (W (s, j), negations))
        continue;
      for (guint k = 0; k < j; k++)
        if (CL (s, k) == CL (s, j) && is_one_of (W (s, k), subordinators))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

static const char * const lease_words[] = {
  "husleiekontrakt", "leiekontrakt", "leieavtal", "husleieavtal", "husorden",
  "husregl", "kontrakten", "leievilkar", NULL
};
static const char * const breach_words[] = {
  "brudd", "bryt", "brut", "brot", "mislighold", "overtred", NULL
};

/* The lease may only be affected through a breach of the lease or house
 * rules (002:828): "kun ved brudd på husleiekontrakten", "dersom
 * husordensreglene også brytes", "etter husleielovens regler". */
static gboolean
lease_breach_qualified (Sentence *s)
{
  for (guint j = 0; j < N (s); j++)
    {
      if (starts (W (s, j), "husleielov"))
        return TRUE;
      if (starts_any (W (s, j), lease_words))
        {
          guint from = j > 4 ? j - 4 : 0;
          guint to = MIN (N (s), j + 5);

          for (guint k = from; k < to; k++)
            if (k != j && starts_any (W (s, k), breach_words))
              return TRUE;
        }
    }
  return FALSE;
}

static gboolean
qualifies_previous (Sentence *s)
{
  static const char * const openers[] = {
    "dette", "det", "men", "kun", "bare", "forutsatt", "gjelder", "dersom", "hvis", NULL
  };

  return N (s) > 0 && is_one_of (W (s, 0), openers) && lease_breach_qualified (s);
}

/* Not plain "leie", which would also match "leietaker". */
static const char * const housing_words[] = {
  "leieforhold", "leiekontrakt", "leieavtal", "leiemal", "bolig", "leilighet", "husleie",
  "husrom", "kontrakt", "hjem", NULL
};

/* "Avtalen kan sies opp av begge parter" or "si opp strømavtalen" is about
 * some agreement — often the tenant's right to leave this one — not about
 * the tenancy. "Brudd på avtalen gir oppsigelse" is about the tenancy. */
static gboolean
about_an_agreement (Sentence *s,
                    guint     i)
{
  guint from = i > 4 ? i - 4 : 0;
  guint to = MIN (N (s), i + 5);

  if (sentence_has (s, housing_words))
    return FALSE;
  for (guint j = from; j < to; j++)
    if (strstr (W (s, j), "avtal") != NULL && strstr (W (s, j), "brudd") == NULL &&
        !(j > 0 && strcmp (W (s, j - 1), "pa") == 0))
      return TRUE;
  return FALSE;
}

static gboolean
eviction_at (Sentence *s,
             guint     i)
{
  static const char * const si[] = { "si", "sies", "sier", "sagt", "sis", NULL };
  static const char * const opp[] = { "opp", NULL };
  static const char * const ut[] = { "ut", NULL };
  static const char * const heve[] = { "heve", "heves", "hevet", "heving", "hevingen", "hevning", NULL };
  static const char * const lease_objects[] = { "leie", "husleie", "kontrakt", NULL };
  static const char * const home[] = { "bolig", "leilighet", "husrom", "leieforhold", "hjem", "botilbud", NULL };
  static const char * const tenancy[] = {
    "leieforhold", "leiekontrakt", "leieavtal", "husleiekontrakt", "botilbud", "husleieavtal", NULL
  };
  static const char * const ending[] = { "avslutt", "opphor", "opphev", NULL };
  const char *w = W (s, i);
  gboolean si_opp = FALSE;

  if (starts (w, "oppsig") || strcmp (w, "oppsagt") == 0 || strcmp (w, "oppsies") == 0)
    si_opp = TRUE;
  else if (is_one_of (w, si) && near (s, i, 0, 3, opp))
    si_opp = TRUE;
  else if (starts (w, "utkastel") || starts (w, "fravikel") || starts (w, "tvangsfravik") ||
           starts (w, "utkastelse"))
    return TRUE;
  else if (starts (w, "kast") && near (s, i, 0, 3, ut))
    return TRUE;
  else if (is_one_of (w, heve) && near (s, i, 3, 3, lease_objects))
    return TRUE;
  else if (starts (w, "mist") && near (s, i, 0, 6, home))
    return TRUE;
  else if (starts (w, "fraflytt"))
    return TRUE;
  else if ((strcmp (w, "bedt") == 0 || strcmp (w, "bes") == 0 || strcmp (w, "palegges") == 0) &&
           near (s, i, 0, 3, (const char * const[]) { "flytt", NULL }))
    return TRUE;
  else if (strcmp (w, "tap") == 0 && i + 2 < N (s) && strcmp (W (s, i + 1), "av") == 0 &&
           starts_any (W (s, i + 2), home))
    return TRUE;
  else if (starts_any (w, ending) && near (s, i, 3, 3, tenancy))
    return TRUE;
  else if ((strcmp (w, "ma") == 0 || strcmp (w, "matte") == 0) &&
           i + 1 < N (s) && starts (W (s, i + 1), "flytte"))
    return TRUE;

  if (si_opp)
    return !about_an_agreement (s, i);
  return FALSE;
}

/**
 * bf_text_threatens_tenancy:
 * @text: a breach-consequence text
 *
 * R07: does the text say that the tenancy can end (oppsigelse, heving,
 * utkastelse, "miste boligen", …) for a breach of the agreement, without
 * limiting that to a breach of the lease or house rules as well?
 */
gboolean
bf_text_threatens_tenancy (const char *text)
{
  g_autoptr(GPtrArray) sentences = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  sentences = split_sentences (text);
  for (guint n = 0; n < sentences->len; n++)
    {
      Sentence *s = g_ptr_array_index (sentences, n);
      Sentence *next = n + 1 < sentences->len ? g_ptr_array_index (sentences, n + 1) : NULL;

      if (lease_breach_qualified (s) || (next != NULL && qualifies_previous (next)))
        continue;
      for (guint i = 0; i < N (s); i++)
        if (eviction_at (s, i) && !negated (s, i))
          return TRUE;
    }
  return FALSE;
}

static const char * const staff_words[] = {
  "booppfolger", "oppfolger", "personal", "ansatt", "tjenesten", "kommunen",
  "nav", "hjemmetjenest", "miljoarbeider", "saksbehandler", NULL
};

/* "ingen begrensninger på besøk", "ikke forbud mot alkohol": the clause
 * says there is no such condition. */
static gboolean
clause_denies_condition (Sentence *s,
                         guint     clause)
{
  static const char * const condition_words[] = {
    "forbud", "krav", "begrens", "restriksjon", "regl", NULL
  };

  for (guint j = 0; j + 1 < N (s); j++)
    if (CL (s, j) == clause && is_one_of (W (s, j), negations) &&
        starts_any (W (s, j + 1), condition_words))
      return TRUE;
  return FALSE;
}

static BfIntrusiveCondition
clause_conditions (Sentence *s,
                   guint     clause)
{
  static const char * const alcohol_bans[] = { "alkoholforbud", "rusforbud", "drikkeforbud", NULL };
  static const char * const sobriety[] = { "rusfri", "alkoholfri", "edru", NULL };
  static const char * const alcohol[] = { "alkohol", "drikke", "drikker", "brennevin", "sprit", "rusmidl", NULL };
  static const char * const bans[] = { "forbud", "forbudt", "forby", "nekt", "avsta", NULL };
  static const char * const own_wish[] = { "onsk", "selv", "mal", "malet", NULL };
  static const char * const visitor_bans[] = { "besoksforbud", "besoksbegrens", "besoksrestrik", "besoksstans", "besoksnekt", "besoksregl", NULL };
  static const char * const visitors[] = { "besok", "gjest", "overnatting", NULL };
  static const char * const limits[] = { "maks", "maksimalt", "inntil", "hoyst", "begrens", "forbud", "forbudt", NULL };
  static const char * const compulsory[] = { "obligatorisk", "tvungen", "tvunget", "tvang", "palagt", "palegg", "pliktig", NULL };
  static const char * const activities[] = {
    "aktivitet", "dagaktivitet", "arbeid", "dagtilbud", "behandling", "kurs", "deltak", "delta",
    "oppmote", "program", "urinprov", "rustest", "ruskontroll", "arbeidstrening", NULL
  };
  static const char * const real_activities[] = {
    "aktivitet", "dagaktivitet", "arbeid", "dagtilbud", "behandling", "kurs", "arbeidstrening",
    "urinprov", "rustest", "ruskontroll", NULL
  };
  static const char * const must[] = { "ma", "skal", "plikter", "forpliktet", NULL };
  static const char * const drug_tests[] = { "urinprov", "rustest", "ruskontroll", "narkotikatest", "blodprov", NULL };
  static const char * const weapons[] = { "vapen", "kniv", "skytevapen", NULL };
  static const char * const seize[] = {
    "beslag", "inndra", "konfisk", "fjern", "innlever", "lever", "tas", "oppbevar", "forbud", "forbudt", NULL
  };
  static const char * const mail_words[] = { "post", "posten", "postkasse", "postkassen", "brev", "brevene", "brevpost", NULL };
  static const char * const mail_handling[] = { "postfullmakt", "posthandtering", "postadministr", NULL };
  static const char * const handle[] = { "handter", "apne", "apner", "les", "administrer", "disponer", "kontroller", "fullmakt", "sjekk", "gjennomga", NULL };
  static const char * const expulsion[] = { "bortvis", "bortvist", "portforbud", "utesteng", "utvis", NULL };
  BfIntrusiveCondition found = BF_INTRUSIVE_NONE;
  gboolean denies = clause_denies_condition (s, clause);

  for (guint i = 0; i < N (s); i++)
    {
      const char *w = W (s, i);

      if (CL (s, i) != clause)
        continue;

      if (starts_any (w, alcohol_bans) ||
          (!denies && starts_any (w, sobriety) && !clause_has (s, clause, own_wish)) ||
          (!denies && starts_any (w, alcohol) && !clause_has (s, clause, own_wish) &&
           (clause_has_word (s, clause, negations) || clause_has (s, clause, bans))))
        found |= BF_INTRUSIVE_ALCOHOL_BAN;

      if (starts_any (w, visitor_bans) ||
          (!denies && starts_any (w, visitors) && !clause_has (s, clause, staff_words) &&
           (clause_has_word (s, clause, negations) || clause_has (s, clause, limits))))
        found |= BF_INTRUSIVE_VISITOR_LIMIT;

      if ((!denies && starts_any (w, compulsory) && clause_has (s, clause, activities)) ||
          (strcmp (w, "krav") == 0 && !denies && i + 2 < N (s) && strcmp (W (s, i + 1), "om") == 0 &&
           starts_any (W (s, i + 2), activities)) ||
          (is_one_of (w, must) && i + 1 < N (s) && starts (W (s, i + 1), "delta") &&
           clause_has (s, clause, real_activities)) ||
          (is_one_of (w, must) && !denies && clause_has (s, clause, drug_tests)))
        found |= BF_INTRUSIVE_COMPULSORY;

      if ((starts_any (w, weapons) && clause_has (s, clause, seize)) ||
          starts (w, "beslaglegg") || starts (w, "konfisker"))
        found |= BF_INTRUSIVE_WEAPONS;

      if (starts_any (w, mail_handling) ||
          (is_one_of (w, mail_words) && clause_has (s, clause, handle) &&
           !clause_has (s, clause, own_wish)))
        found |= BF_INTRUSIVE_MAIL;

      if (starts_any (w, expulsion) ||
          ((strcmp (w, "vise") == 0 || strcmp (w, "vises") == 0 || strcmp (w, "vist") == 0) &&
           i + 1 < N (s) && strcmp (W (s, i + 1), "bort") == 0))
        found |= BF_INTRUSIVE_EXPULSION;
    }
  return found;
}

/**
 * bf_text_find_intrusive_conditions:
 *
 * R11: conditions that the source documents call legally uncertain —
 * alcohol bans, limits on visitors, compulsory activities, confiscating
 * weapons, handling the tenant's mail, expelling the tenant (000:2241–2370,
 * 1538–1554).
 *
 * Returns: the kinds of condition found, or %BF_INTRUSIVE_NONE
 */
BfIntrusiveCondition
bf_text_find_intrusive_conditions (const char *text)
{
  g_autoptr(GPtrArray) sentences = NULL;
  BfIntrusiveCondition found = BF_INTRUSIVE_NONE;

  if (text == NULL || *text == '\0')
    return BF_INTRUSIVE_NONE;

  sentences = split_sentences (text);
  for (guint n = 0; n < sentences->len; n++)
    {
      Sentence *s = g_ptr_array_index (sentences, n);
      guint last = N (s) > 0 ? CL (s, N (s) - 1) : 0;

      for (guint c = 0; c <= last; c++)
        found |= clause_conditions (s, c);
    }
  return found;
}

/**
 * bf_text_allows_entry_any_time:
 *
 * R03: does a key-access text let staff in "når som helst", unannounced
 * as a rule, or for inspection and control of the home (000:816–822,
 * 2173–2181)?
 */
gboolean
bf_text_allows_entry_any_time (const char *text)
{
  static const char * const phrases[] = {
    "nar som helst", "til enhver tid", "uanmeld", "inspeksjon", "inspisere",
    "kontroll av bolig", "kontrollere bolig", "kontroll av leilighet", "kontrollere leilighet",
    "etter eget skjonn", NULL
  };
  g_autoptr(GPtrArray) sentences = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  /* Match on the words joined by single spaces, so that punctuation and
   * line breaks inside a phrase do not hide it. */
  sentences = split_sentences (text);
  for (guint n = 0; n < sentences->len; n++)
    {
      Sentence *s = g_ptr_array_index (sentences, n);
      g_autoptr(GString) joined = g_string_new (" ");

      for (guint i = 0; i < N (s); i++)
        g_string_append_printf (joined, "%s ", W (s, i));
      for (guint p = 0; phrases[p] != NULL; p++)
        {
          g_autofree char *needle = g_strdup_printf (" %s", phrases[p]);
          const char *at = strstr (joined->str, needle);

          g_autofree char *before = NULL;

          if (at == NULL)
            continue;
          /* "ikke når som helst", "aldri uanmeldt" say the opposite. */
          before = g_strndup (joined->str, at - joined->str);
          if (g_str_has_suffix (before, " ikke") || g_str_has_suffix (before, " aldri"))
            continue;
          return TRUE;
        }
    }
  return FALSE;
}
