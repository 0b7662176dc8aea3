/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bf-secure.h"
#include "bf-test-util.h"
#include "bf-vault.h"

/* Shared by the core tests: cheap Argon2id parameters (the tests wrap
 * hundreds of keys) and libsodium ready. */
void
bf_test_setup (void)
{
  g_setenv (BF_VAULT_TEST_PARAMS_ENV, "1", TRUE);
  g_assert_true (bf_secure_init (NULL));
}

static void
hash_tree_into (GHashTable *table,
                const char *dir,
                const char *prefix)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (gdir);

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = prefix ? g_build_filename (prefix, name, NULL) : g_strdup (name);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          hash_tree_into (table, path, rel);
          g_hash_table_insert (table, g_strconcat (rel, "/", NULL), g_strdup ("dir"));
        }
      else
        {
          g_autofree char *contents = NULL;
          gsize len = 0;

          g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
          g_hash_table_insert (table, g_steal_pointer (&rel),
                               g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                            (const guchar *) contents, len));
        }
    }
}

/* Every file under @dir, relative path → SHA-256 of its bytes. */
GHashTable *
bf_test_hash_tree (const char *dir)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  hash_tree_into (table, dir, NULL);
  return table;
}

void
bf_test_assert_same_tree (GHashTable *before,
                          GHashTable *after)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (before), ==, g_hash_table_size (after));

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *other = g_hash_table_lookup (after, key);

      if (g_strcmp0 (value, other) != 0)
        g_test_message ("%s changed", (const char *) key);
      g_assert_cmpstr (value, ==, other);
    }
}

guint
bf_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Scans every regular file we can read under @dir for @needle. */
gboolean
bf_test_tree_contains (const char    *dir,
                       const guint8  *needle,
                       gsize          needle_len,
                       char         **found_in)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  if (gdir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      GStatBuf st;
      gsize len = 0;

      if (g_lstat (path, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        {
          if (bf_test_tree_contains (path, needle, needle_len, found_in))
            return TRUE;
          continue;
        }

      if (!S_ISREG (st.st_mode) || st.st_size > 256 * 1024 * 1024 ||
          !g_file_get_contents (path, &contents, &len, NULL))
        continue;

      if (len >= needle_len && memmem (contents, len, needle, needle_len) != NULL)
        {
          if (found_in != NULL)
            *found_in = g_steal_pointer (&path);
          return TRUE;
        }
    }

  return FALSE;
}

/* Flips @len bytes of @path starting at @offset, in place. */
void
bf_test_corrupt_file (const char *path,
                      goffset     offset,
                      gsize       len)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, >=, offset + len);

  for (gsize i = 0; i < len; i++)
    contents[offset + i] ^= 0x5a;

  g_assert_true (g_file_set_contents (path, contents, size, &error));
  g_assert_no_error (error);
}
