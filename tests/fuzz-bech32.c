/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the Bech32 decoder and the age key parsers; whatever decodes
 * must encode back to the same string. */

#include "config.h"

#include <string.h>

#include "bf-age.h"
#include "bf-bech32.h"
#include "bf-secure.h"

int LLVMFuzzerTestOneInput (const guint8 *data, gsize size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        gsize         size)
{
  static gboolean initialised;
  g_autofree char *str = g_strndup ((const char *) data, size);
  g_autofree char *hrp = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autoptr(BfSecret) identity = NULL;
  guint8 out[1024];
  gsize len = 0;

  /* BfSecret needs libsodium set up, and libFuzzer has no other hook. */
  if (!initialised)
    initialised = bf_secure_init (NULL);

  if (bf_bech32_decode (str, &hrp, out, sizeof out, &len, NULL))
    {
      g_autofree char *again = bf_bech32_encode (hrp, out, len, g_ascii_isupper (hrp[0]) ||
                                                 (strpbrk (str, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != NULL), NULL);

      g_assert_cmpstr (again, ==, str);
    }

  recipient = bf_age_recipient_from_string (str, NULL);
  identity = bf_age_identity_from_string (str, NULL);
  g_assert_true (recipient == NULL || identity == NULL);

  return 0;
}
