/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the minisign signature parser, and the public key parsers, with
 * the key and message of the known-answer test. */

#include "config.h"

#include <string.h>

#include "bf-minisign.h"
#include "bf-secure.h"

int LLVMFuzzerTestOneInput (const guint8 *data, gsize size);

#define KAT_PUBLIC_KEY "RWTvvu73MXkkGQ7XYWtzF6eKgBVBBHKzapVdlEs7cYldI1LLZV6j4nmw"
#define KAT_MESSAGE    "Bofast record bytes\n"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        gsize         size)
{
  static GBytes *pk;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) key_error = NULL;
  g_autoptr(GBytes) parsed = NULL;
  g_autofree char *tc = NULL;
  gboolean ok;

  if (pk == NULL)
    {
      bf_secure_init (NULL);
      pk = bf_minisign_public_key_from_string (KAT_PUBLIC_KEY, NULL);
      g_assert_nonnull (pk);
    }

  ok = bf_minisign_verify ((const guint8 *) KAT_MESSAGE, strlen (KAT_MESSAGE), pk,
                           (const char *) data, size, &tc, &error);
  g_assert_true (ok == (error == NULL));
  g_assert_true (ok == (tc != NULL));
  if (ok)
    g_assert_null (strchr (tc, '\n'));

  parsed = bf_minisign_public_key_from_file_contents ((const char *) data, size, &key_error);
  g_assert_true ((parsed == NULL) != (key_error == NULL));

  return 0;
}
