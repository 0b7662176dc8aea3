/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-feed.h"
#include "bf-record.h"
#include "bf-test-world.h"

void
bf_test_world_init (BfTestWorld *w)
{
  bf_test_world_init_at (w, NULL, NULL);
}

/* @root: (nullable): the share, e.g. a dav:// URI; by default a folder
 * @local_path: (nullable): where the same files are on the local disk,
 *   for tests that tamper with them */
void
bf_test_world_init_at (BfTestWorld *w,
                       GFile       *root,
                       const char  *local_path)
{
  g_autoptr(GError) error = NULL;

  memset (w, 0, sizeof *w);
  w->base = g_build_filename (g_get_user_data_dir (), "world", NULL);
  w->share_path = local_path ? g_strdup (local_path) : g_build_filename (w->base, "share", NULL);
  w->admin_dir = g_build_filename (w->base, "admin", NULL);
  g_assert_cmpint (g_mkdir_with_parents (w->base, 0700), ==, 0);
  w->root = root ? g_object_ref (root) : g_file_new_for_path (w->share_path);
  w->share = bf_share_create (w->root, "Testkommune", w->admin_dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (w->share);
  w->members = g_ptr_array_new ();
}

static void
member_free (BfTestMember *m)
{
  bf_profile_lock (m->profile);
  g_object_unref (m->profile);
  g_free (m->id);
  g_free (m->unit);
  g_free (m);
}

void
bf_test_world_clear (BfTestWorld *w)
{
  for (guint i = 0; i < w->members->len; i++)
    member_free (g_ptr_array_index (w->members, i));
  g_ptr_array_unref (w->members);
  g_clear_object (&w->share);
  g_clear_object (&w->root);
  g_free (w->base);
  g_free (w->share_path);
  g_free (w->admin_dir);
}

/* A profile that has asked to join and been enrolled, and has synced once
 * so that it knows its readers. */
BfTestMember *
bf_test_world_add_member (BfTestWorld  *w,
                          const char   *name,
                          BfMemberRole  role,
                          const char   *unit)
{
  g_autofree char *root = g_build_filename (w->base, "profiles", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfMember) member = NULL;
  g_autoptr(BfSyncSummary) summary = NULL;
  g_autofree char *fingerprint = NULL;
  BfTestMember *m = g_new0 (BfTestMember, 1);

  m->profile = bf_profile_create (root, name, unit, BF_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  m->store = bf_profile_get_store (m->profile);
  m->unit = g_strdup (unit);

  g_assert_true (bf_share_write_request (w->share, m->store, name, unit, NULL, &m->id, &fingerprint, NULL, &error));
  g_assert_no_error (error);
  member = bf_share_enrol (w->share, w->admin_dir, m->id, role, unit, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);

  summary = bf_test_member_sync (w, m);
  g_assert_true (summary->enrolled);
  g_ptr_array_add (w->members, m);
  return m;
}

BfSyncSummary *
bf_test_member_sync (BfTestWorld  *w,
                     BfTestMember *m)
{
  g_autoptr(GError) error = NULL;
  BfSyncSummary *summary = bf_sync_run (m->store, w->root, m->unit, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

void
bf_test_member_add_records (BfTestMember *m,
                            guint         n,
                            GDateTime    *now)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BfRecord) r = NULL;
      g_autofree char *body = g_strdup_printf ("{\"note\":\"Besøk nr. %u\",\"n\":%u}", i, i);

      r = bf_feed_append (m->store, i % 2 ? BF_RECORD_KIND_VISIT : BF_RECORD_KIND_AGREEMENT_VERSION,
                          BF_TEST_SUBJECT, body, NULL, now, &error);
      g_assert_no_error (error);
      g_assert_nonnull (r);
    }
}

char *
bf_test_world_record_path (BfTestWorld *w,
                           const char  *member_id,
                           gint64       seq,
                           gboolean     signature)
{
  g_autofree char *name = g_strdup_printf ("%010" G_GINT64_FORMAT ".age%s", seq, signature ? ".minisig" : "");
  return g_build_filename (w->share_path, "records", member_id, name, NULL);
}

guint
bf_test_count_files (const char *dir,
                     const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;
  return n;
}
