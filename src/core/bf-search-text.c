/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-search-text"

#include "config.h"

#include <string.h>

#include "bf-search-text.h"

/* Letters that do not decompose into a base letter and a mark. */
static const char *
fold_special (gunichar c)
{
  switch (c)
    {
    case 0x00E6: return "ae";   /* æ */
    case 0x00F8: return "o";    /* ø */
    case 0x0153: return "oe";   /* œ */
    case 0x00DF: return "ss";   /* ß */
    case 0x0111: return "d";    /* đ */
    case 0x00F0: return "d";    /* ð */
    case 0x0142: return "l";    /* ł */
    case 0x00FE: return "th";   /* þ */
    default:     return NULL;
    }
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK ||
         type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

/* Case-folds, then writes each character through @special, or decomposed
 * without its marks. */
static char *
fold_with (const char   *text,
           const char *(*special) (gunichar c))
{
  g_autofree char *lower = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  lower = g_utf8_casefold (text, -1);
  out = g_string_sized_new (strlen (lower));

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *replacement = special (c);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (replacement != NULL)
        {
          g_string_append (out, replacement);
          continue;
        }

      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        if (!is_mark (decomposed[i]))
          g_string_append_unichar (out, decomposed[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * bf_search_fold:
 *
 * Lower-cases @text and reduces it to base letters: “Bjørn Ærlig-Åsen
 * Hélène” → “bjorn aerlig-asen helene”.
 */
char *
bf_search_fold (const char *text)
{
  return fold_with (text, fold_special);
}

/**
 * bf_search_index_text:
 *
 * What goes into a full-text column: @text, followed by its folded form
 * when that is different.
 */
char *
bf_search_index_text (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *lower = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  folded = bf_search_fold (text);
  lower = g_utf8_casefold (text, -1);
  if (g_str_equal (folded, lower))
    return g_strdup (text);
  return g_strconcat (text, "\n", folded, NULL);
}

/**
 * bf_search_build_query:
 *
 * Turns what a person typed into an FTS5 query: the text is folded and cut
 * into words at every character that is not a letter or digit (as the
 * unicode61 tokenizer does), and each word becomes a quoted prefix term,
 * "word"*, all of which must match. Quotes, stars, parentheses, column
 * filters and operators such as OR or NEAR are therefore plain words, never
 * query syntax.
 *
 * Returns: (nullable): the query, or %NULL when @user_text has no words
 */
char *
bf_search_build_query (const char *user_text)
{
  g_autofree char *folded = bf_search_fold (user_text);
  g_autoptr(GString) query = g_string_new (NULL);
  GString *word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          /* A word holds no quote, but double any as FTS5 requires. */
          g_string_append_c (query, '"');
          for (const char *w = word->str; *w != '\0'; w++)
            {
              if (*w == '"')
                g_string_append_c (query, '"');
              g_string_append_c (query, *w);
            }
          g_string_append (query, "\"*");
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);
  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Norwegian alphabetical order puts æ, ø and å after z. */
static const char *
sort_special (gunichar c)
{
  switch (c)
    {
    case 0x00E6: return "{";    /* æ */
    case 0x00F8: return "|";    /* ø */
    case 0x00E5: return "}";    /* å, before it decomposes into a + ring */
    case 0x00E4: return "{";    /* ä sorts as æ */
    case 0x00F6: return "|";    /* ö sorts as ø */
    default:     return fold_special (c);
    }
}

/**
 * bf_search_sort_key:
 *
 * A byte-comparable key that sorts names in Norwegian order (… x y z æ ø
 * å), ignoring case and other accents, the same on every machine whatever
 * its locale.
 */
char *
bf_search_sort_key (const char *text)
{
  return fold_with (text, sort_special);
}
