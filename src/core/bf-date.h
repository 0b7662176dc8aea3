/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Dates in the model are strings, exactly as they travel in the JSON:
 *   a calendar date   "YYYY-MM-DD"              (ISO 8601, no time zone)
 *   a point in time   "YYYY-MM-DDTHH:MM:SSZ"    (RFC 3339; any offset accepted)
 * Strings keep export → import → export byte-identical and need no time-zone
 * conversions; these helpers turn them into GDate/GDateTime when a rule needs
 * to compare them.
 */

gboolean    bf_date_parse        (const char  *text,
                                  GDate       *out);
gboolean    bf_date_is_valid     (const char  *text);
gboolean    bf_timestamp_is_valid (const char *text);
gboolean    bf_timestamp_to_date (const char  *text,
                                  GDate       *out);
int         bf_date_compare      (const char  *a,
                                  const char  *b);
char       *bf_date_format       (const GDate *date);
char       *bf_timestamp_format  (GDateTime   *time);

G_END_DECLS
