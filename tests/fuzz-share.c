/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes what Bofast reads from a share besides age and minisign: the
 * record's trusted comment, and member and request files. */

#include "config.h"

#include <string.h>

#include "bf-member.h"
#include "bf-record.h"
#include "bf-secure.h"

int LLVMFuzzerTestOneInput (const guint8 *data, gsize size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        gsize         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *time = NULL;
  g_autoptr(BfMember) member = NULL;
  g_autoptr(BfMember) request = NULL;
  BfRecordKind kind;
  gint64 seq = 0;

  bf_secure_init (NULL);

  if (bf_record_parse_comment (text, &author, &seq, &prev, &kind, &subject, &time, &error))
    {
      g_autofree char *again = bf_record_format_comment (author, seq, prev, kind, subject, time);

      /* One spelling only: what parses is exactly what we would write. */
      g_assert_cmpstr (again, ==, text);
      g_assert_true (bf_member_id_is_valid (author));
    }
  else
    g_assert_nonnull (error);
  g_clear_error (&error);

  member = bf_member_from_json ((const char *) data, size, FALSE, &error);
  g_assert_true ((member == NULL) == (error != NULL));
  if (member != NULL)
    {
      g_autofree char *id = bf_member_id_for_key (member->sign_key);
      g_assert_cmpstr (id, ==, member->id);
    }
  g_clear_error (&error);

  request = bf_member_from_json ((const char *) data, size, TRUE, &error);
  g_assert_true ((request == NULL) == (error != NULL));

  return 0;
}
