/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fuzzes the age header parser and payload decryption with a fixed
 * identity, the one the known-answer files are encrypted to, so that
 * mutations of those files get past the header into the payload. */

#include "config.h"

#include "bf-age.h"
#include "bf-secure.h"

int LLVMFuzzerTestOneInput (const guint8 *data, gsize size);

#define KAT_IDENTITY "AGE-SECRET-KEY-15W6GCNGW8JF8YNXE0Z2J0ZW94Y67W4HYKCZ6GC4RDDZ24UQH7G6S72D5FD"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        gsize         size)
{
  static BfSecret *identity;
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;

  if (identity == NULL)
    {
      bf_secure_init (NULL);
      identity = bf_age_identity_from_string (KAT_IDENTITY, NULL);
      g_assert_nonnull (identity);
    }

  plain = bf_age_decrypt (input, identity, &error);
  g_assert_true ((plain == NULL) != (error == NULL));
  if (error != NULL)
    g_assert_true (error->domain == BF_AGE_ERROR && error->message[0] != '\0');

  return 0;
}
