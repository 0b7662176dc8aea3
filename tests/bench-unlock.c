/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Prints how long a full unlock takes with the real Argon2id parameters:
 * read vault.json, derive, unwrap, open bofast.db with SQLCipher, check the
 * version, verify the key and apply the pragmas. Also the store open alone.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "bf-profile.h"
#include "bf-secure.h"
#include "bf-store.h"

#define RUNS 5
#define PASSPHRASE "benchmark passphrase"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfSecret) key = NULL;
  g_autofree char *root = NULL;
  g_autofree char *db_dir = NULL;
  g_autofree char *db_path = NULL;
  double unlock[RUNS], open[RUNS];

  g_unsetenv ("BOFAST_KDF_TEST_PARAMS");
  if (!bf_secure_init (&error))
    g_error ("%s", error->message);

  root = g_dir_make_tmp ("bofast-bench-XXXXXX", &error);
  if (root == NULL)
    g_error ("%s", error->message);

  profile = bf_profile_create (root, "Benchmark", NULL, PASSPHRASE, &error);
  if (profile == NULL)
    g_error ("%s", error->message);
  bf_profile_lock (profile);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!bf_profile_unlock (profile, PASSPHRASE, &error))
        g_error ("%s", error->message);
      unlock[i] = (g_get_monotonic_time () - start) / 1e6;
      bf_profile_lock (profile);
    }

  /* The store alone, with a key in hand: the SQLCipher part of unlocking. */
  db_dir = g_build_filename (root, "store-only", NULL);
  g_mkdir (db_dir, 0700);
  db_path = g_build_filename (db_dir, BF_STORE_FILE_NAME, NULL);
  key = bf_secret_new_random (BF_STORE_KEY_SIZE);
  {
    g_autoptr(BfStore) store = bf_store_create (db_path, key, &error);

    if (store == NULL)
      g_error ("%s", error->message);
  }

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(BfStore) store = bf_store_open (db_path, key, &error);

      if (store == NULL)
        g_error ("%s", error->message);
      open[i] = (g_get_monotonic_time () - start) / 1e6;
    }

  qsort (unlock, RUNS, sizeof unlock[0], compare_doubles);
  qsort (open, RUNS, sizeof open[0], compare_doubles);
  g_print ("unlock (vault + Argon2id + SQLCipher open): median %.3f s, min %.3f s, max %.3f s over %d runs\n",
           unlock[RUNS / 2], unlock[0], unlock[RUNS - 1], RUNS);
  g_print ("store open alone (raw key, pragmas, schema check): median %.2f ms, min %.2f ms, max %.2f ms\n",
           open[RUNS / 2] * 1e3, open[0] * 1e3, open[RUNS - 1] * 1e3);

  g_clear_object (&profile);
  remove_tree (root);
  return 0;
}
