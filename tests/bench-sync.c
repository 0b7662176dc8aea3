/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Sync against a plain folder:
 *   push:  1,000 records of one worker (sealed beforehand), written to the
 *          share with temporary name, move, read-back and hash check;
 *   pull:  10,000 records of one worker, each read, signature-checked,
 *          chain-checked, decrypted and stored by the unit's supervisor;
 *   audit: bofastctl verify's walk over the same 10,000 records.
 * Each record carries a ~2 KiB body (a visit log with some text).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bf-feed.h"
#include "bf-record.h"
#include "bf-test-util.h"
#include "bf-test-world.h"
#include "bf-verify.h"

#define N_PUSH 1000
#define N_PULL 10000

static char *
make_body (guint i)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\"n\":%u,\"note\":\"", i);
  while (s->len < 2048)
    g_string_append (s, "Hjemmebesøk: leiligheten ryddet, husleie betalt, avtalt nytt møte. ");
  g_string_append (s, "\"}");
  return g_string_free (s, FALSE);
}

static void
report (const char *what,
        guint       n,
        gint64      usec)
{
  double secs = usec / 1e6;

  g_print ("%-34s %6u records in %7.3f s: %8.0f records/s, %7.1f us/record\n",
           what, n, secs, n / secs, (double) usec / n);
}

static void
bench_sync (void)
{
  BfTestWorld w;
  BfTestMember *sup, *kari, *ola;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfSyncSummary) s = NULL;
  g_autoptr(BfVerifyReport) report_ = NULL;
  g_autoptr(BfSecret) sk = NULL;
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GBytes) own = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *prev = g_strdup (BF_RECORD_ZERO_HASH);
  g_autofree char *time = bf_timestamp_now_utc (NULL);
  gint64 t0;

  bf_test_world_init (&w);
  sup = bf_test_world_add_member (&w, "Siri", BF_MEMBER_ROLE_SUPERVISOR, "Nord");
  kari = bf_test_world_add_member (&w, "Kari", BF_MEMBER_ROLE_WORKER, "Nord");
  ola = bf_test_world_add_member (&w, "Ola", BF_MEMBER_ROLE_WORKER, "Nord");

  /* Push: records created with the real API (one transaction each). */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N_PUSH; i++)
    {
      g_autofree char *body = make_body (i);
      g_autoptr(BfRecord) r = bf_feed_append (kari->store, BF_RECORD_KIND_VISIT, BF_TEST_SUBJECT, body,
                                              NULL, NULL, &error);
      g_assert_no_error (error);
    }
  report ("seal + store (bf_feed_append)", N_PUSH, g_get_monotonic_time () - t0);

  t0 = g_get_monotonic_time ();
  s = bf_test_member_sync (&w, kari);
  report ("push to a folder", N_PUSH, g_get_monotonic_time () - t0);
  g_assert_cmpuint (s->pushed, ==, N_PUSH);
  g_clear_pointer (&s, bf_sync_summary_free);

  /* Pull: 10,000 records of Ola written straight to the share (setup). */
  sk = bf_feed_dup_sign_secret (ola->store, &error);
  readers = bf_feed_dup_recipients (ola->store, &error);
  own = bf_store_dup_age_public_key (ola->store, &error);
  g_ptr_array_add (readers, g_bytes_ref (own));
  feed = g_build_filename (w.share_path, "records", ola->id, NULL);
  g_assert_cmpint (g_mkdir_with_parents (feed, 0755), ==, 0);
  for (guint i = 0; i < N_PULL; i++)
    {
      g_autofree char *body = make_body (i);
      g_autoptr(BfRecord) r = bf_record_seal (sk, ola->id, i + 1, prev, BF_RECORD_KIND_VISIT, BF_TEST_SUBJECT,
                                              time, body, readers, &error);
      g_autofree char *name = bf_record_file_name (i + 1);
      g_autofree char *p = g_build_filename (feed, name, NULL);
      g_autofree char *ps = g_strconcat (p, ".minisig", NULL);
      GBytes *age = bf_record_get_age (r);

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (p, g_bytes_get_data (age, NULL), g_bytes_get_size (age), NULL));
      g_assert_true (g_file_set_contents (ps, bf_record_get_signature (r), -1, NULL));
      g_free (prev);
      prev = g_strdup (bf_record_get_hash (r));
    }

  t0 = g_get_monotonic_time ();
  s = bf_test_member_sync (&w, sup);
  report ("pull + verify + decrypt + store", N_PULL + N_PUSH, g_get_monotonic_time () - t0);
  g_assert_cmpuint (s->pulled, ==, N_PULL + N_PUSH);
  g_assert_cmpuint (s->readable, ==, N_PULL + N_PUSH);
  g_clear_pointer (&s, bf_sync_summary_free);

  t0 = g_get_monotonic_time ();
  s = bf_test_member_sync (&w, sup);
  report ("sync again, nothing new", N_PULL + N_PUSH, g_get_monotonic_time () - t0);
  g_assert_cmpuint (s->pulled, ==, 0);

  t0 = g_get_monotonic_time ();
  report_ = bf_verify_share (w.root, NULL, &error);
  report ("verify (audit) the share", N_PULL + N_PUSH, g_get_monotonic_time () - t0);
  g_assert_no_error (error);
  g_assert_cmpuint (bf_verify_report_get_n_problems (report_), ==, 0);

  bf_test_world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();
  g_test_add_func ("/bench/sync", bench_sync);
  return g_test_run ();
}
