/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Prints how long Argon2id takes with the parameters new vaults use, so that
 * they can be checked against the 0.5–1 s budget on the machine at hand.
 * Run with `meson test -C _build --benchmark kdf -v`.
 */

#include "config.h"

#include <glib.h>
#include <stdlib.h>

#include "bf-secure.h"
#include "bf-vault.h"

#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(BfSecret) key = NULL;
  g_autoptr(BfVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  double times[RUNS];
  guint64 ops;
  gsize mem;

  /* Measure the real parameters, never the test ones. */
  g_unsetenv (BF_VAULT_TEST_PARAMS_ENV);
  if (!bf_secure_init (&error))
    g_error ("%s", error->message);

  bf_vault_get_default_kdf_params (&ops, &mem);
  key = bf_secret_new_random (BF_VAULT_KEY_SIZE);
  vault = bf_vault_new (id, "Benchmark", "", now);
  if (!bf_vault_wrap (vault, key, "benchmark passphrase", &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(BfSecret) unwrapped = bf_vault_unwrap (vault, "benchmark passphrase", &error);

      if (unwrapped == NULL)
        g_error ("%s", error->message);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }

  qsort (times, RUNS, sizeof times[0], compare_doubles);
  g_print ("argon2id13 opslimit %" G_GUINT64_FORMAT " memlimit %" G_GSIZE_FORMAT " MiB: "
           "median %.3f s, min %.3f s, max %.3f s over %d unwraps (budget 0.5-1 s)\n",
           ops, mem / (1024 * 1024), times[RUNS / 2], times[0], times[RUNS - 1], RUNS);

  return 0;
}
