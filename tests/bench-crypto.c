/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Seals and opens 1,000 typical records: 8 KiB of JSON-sized payload,
 * encrypted to three recipients (author, supervisor, archive) and signed
 * by the author, then verified and decrypted by one of the recipients.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "bf-age.h"
#include "bf-minisign.h"
#include "bf-secure.h"

#define N_RECORDS   1000
#define RECORD_SIZE (8 * 1024)

#define TRUSTED_COMMENT \
  "bofast/1 author=m-0001 seq=1 " \
  "prev=0000000000000000000000000000000000000000000000000000000000000000 " \
  "kind=visit subject=6f1c0e0a-3b3e-4c1a-9d7e-2a1b3c4d5e6f time=2026-11-22T05:00:00Z"

static void
report (const char *what,
        gint64      usec)
{
  double secs = usec / 1e6;

  g_print ("%-16s %5d records of %d KiB in %7.3f s: %8.0f records/s, %7.2f MiB/s, %6.1f us/record\n",
           what, N_RECORDS, RECORD_SIZE / 1024, secs,
           N_RECORDS / secs,
           (double) N_RECORDS * RECORD_SIZE / (1024 * 1024) / secs,
           (double) usec / N_RECORDS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) sealed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BfSecret) reader = NULL;
  g_autoptr(BfSecret) signing_key = NULL;
  g_autoptr(GBytes) public_key = NULL;
  g_autofree guint8 *records = NULL;
  gint64 start;

  if (!bf_secure_init (&error))
    g_error ("%s", error->message);

  for (guint i = 0; i < 3; i++)
    {
      GBytes *recipient = NULL;
      BfSecret *identity = bf_age_keypair_generate (&recipient);

      g_ptr_array_add (recipients, recipient);
      if (i == 1)
        reader = identity;
      else
        bf_secret_free (identity);
    }
  signing_key = bf_minisign_keypair_generate (&public_key);

  records = g_malloc ((gsize) N_RECORDS * RECORD_SIZE);
  randombytes_buf (records, (gsize) N_RECORDS * RECORD_SIZE);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_RECORDS; i++)
    {
      GBytes *ct = bf_age_encrypt (records + (gsize) i * RECORD_SIZE, RECORD_SIZE,
                                   recipients, &error);
      char *sig;

      if (ct == NULL)
        g_error ("%s", error->message);
      sig = bf_minisign_sign (g_bytes_get_data (ct, NULL), g_bytes_get_size (ct),
                              signing_key, TRUSTED_COMMENT, NULL, &error);
      if (sig == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (sealed, ct);
      g_ptr_array_add (signatures, sig);
    }
  report ("encrypt+sign", g_get_monotonic_time () - start);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_RECORDS; i++)
    {
      GBytes *ct = g_ptr_array_index (sealed, i);
      g_autoptr(GBytes) pt = NULL;

      if (!bf_minisign_verify (g_bytes_get_data (ct, NULL), g_bytes_get_size (ct),
                               public_key, g_ptr_array_index (signatures, i), -1,
                               NULL, &error))
        g_error ("%s", error->message);
      pt = bf_age_decrypt (ct, reader, &error);
      if (pt == NULL)
        g_error ("%s", error->message);
      if (g_bytes_get_size (pt) != RECORD_SIZE ||
          memcmp (g_bytes_get_data (pt, NULL), records + (gsize) i * RECORD_SIZE, RECORD_SIZE) != 0)
        g_error ("Record %u did not round-trip", i);
    }
  report ("verify+decrypt", g_get_monotonic_time () - start);

  return 0;
}
