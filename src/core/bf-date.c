/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-date"

#include "config.h"

#include <string.h>

#include "bf-date.h"

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * bf_date_parse:
 * @text: a "YYYY-MM-DD" string
 * @out: (out) (optional): where to store the date
 *
 * Parses a calendar date strictly: exactly ten characters, a real day of a
 * real month (so "2025-02-30" is refused), years 1900–2999.
 *
 * Returns: %TRUE if @text is such a date
 */
gboolean
bf_date_parse (const char *text,
               GDate      *out)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  if (!all_digits (text, 4) || text[4] != '-' || !all_digits (text + 5, 2) ||
      text[7] != '-' || !all_digits (text + 8, 2))
    return FALSE;

  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');

  if (y < 1900 || y > 2999 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  if (out != NULL)
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, d, m, y);
    }
  return TRUE;
}

gboolean
bf_date_is_valid (const char *text)
{
  return bf_date_parse (text, NULL);
}

gboolean
bf_timestamp_is_valid (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  /* Require the date part and an explicit "T" so that a plain date is not
   * silently read as midnight in some time zone. */
  char day[11];

  if (text == NULL || strlen (text) < 20 || text[10] != 'T')
    return FALSE;
  memcpy (day, text, 10);
  day[10] = '\0';
  if (!bf_date_is_valid (day))
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

/**
 * bf_timestamp_to_date:
 * @text: an RFC 3339 timestamp, or a plain date
 * @out: (out): the calendar date in UTC
 *
 * Returns: %TRUE if @text could be read
 */
gboolean
bf_timestamp_to_date (const char *text,
                      GDate      *out)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (bf_date_parse (text, out))
    return TRUE;
  if (!bf_timestamp_is_valid (text))
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  utc = g_date_time_to_utc (dt);
  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  g_date_time_get_day_of_month (utc),
                  g_date_time_get_month (utc),
                  g_date_time_get_year (utc));
  return TRUE;
}

/* Compares two "YYYY-MM-DD" strings; because the format is fixed-width, the
 * byte order is the calendar order. NULL sorts first. */
int
bf_date_compare (const char *a,
                 const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

char *
bf_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

char *
bf_timestamp_format (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}
