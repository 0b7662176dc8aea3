/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "bf-age.h"
#include "bf-feed.h"
#include "bf-member.h"
#include "bf-minisign.h"
#include "bf-profile.h"
#include "bf-record.h"
#include "bf-store.h"
#include "bf-test-util.h"

#define SUBJECT "0b6f3a52-5a3e-4d2c-9a55-0b1a7c9d2e11"
#define TIME    "2026-11-22T05:30:00Z"
#define BODY    "{\"note\":\"Hjemmebesøk, alt i orden\",\"n\":3}"

typedef struct
{
  BfSecret *sign;      /* minisign form */
  GBytes   *pk;
  char     *id;
  BfSecret *age;
  GBytes   *recipient;
} Author;

static void
author_init (Author *a)
{
  g_autoptr(BfSecret) ed = bf_secret_new (64);
  guint8 pk[32];

  /* Same derivation as a profile: an Ed25519 key, the key id from it. */
  g_assert_true (crypto_sign_keypair (pk, bf_secret_get_data (ed)) == 0);
  a->sign = bf_member_secret_key_from_ed25519 (ed, NULL);
  g_assert_nonnull (a->sign);
  a->pk = bf_minisign_secret_key_get_public_key (a->sign);
  a->id = bf_member_id_for_key (a->pk);
  g_assert_nonnull (a->id);
  a->age = bf_age_keypair_generate (&a->recipient);
}

static void
author_clear (Author *a)
{
  bf_secret_free (a->sign);
  g_bytes_unref (a->pk);
  g_free (a->id);
  bf_secret_free (a->age);
  g_bytes_unref (a->recipient);
}

static BfRecord *
seal (Author     *a,
      gint64      seq,
      const char *prev,
      GPtrArray  *extra)
{
  g_autoptr(GPtrArray) r = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  BfRecord *rec;

  g_ptr_array_add (r, a->recipient);
  for (guint i = 0; extra && i < extra->len; i++)
    g_ptr_array_add (r, g_ptr_array_index (extra, i));
  rec = bf_record_seal (a->sign, a->id, seq, prev, BF_RECORD_KIND_VISIT, SUBJECT, TIME, BODY, r, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rec);
  return rec;
}

static void
test_member_id (void)
{
  Author a = { 0 };
  g_autofree char *fp = NULL;
  g_autofree char *fp2 = NULL;
  guint8 bad[BF_MINISIGN_PUBLIC_KEY_SIZE];
  g_autoptr(GBytes) badkey = NULL;

  author_init (&a);
  g_assert_true (bf_member_id_is_valid (a.id));
  g_assert_cmpuint (strlen (a.id), ==, 16);

  fp = bf_member_fingerprint (a.pk, a.recipient);
  fp2 = bf_member_fingerprint (a.pk, a.recipient);
  g_assert_cmpstr (fp, ==, fp2);
  g_assert_cmpuint (strlen (fp), ==, 6 * 5 + 5);

  /* A key id that does not belong to the key gives no id. */
  memcpy (bad, g_bytes_get_data (a.pk, NULL), sizeof bad);
  bad[2] ^= 1;
  badkey = g_bytes_new (bad, sizeof bad);
  g_assert_null (bf_member_id_for_key (badkey));

  g_assert_false (bf_member_id_is_valid ("ABCDEF0123456789"));
  g_assert_false (bf_member_id_is_valid ("../../etc/passwd"));
  author_clear (&a);
}

static void
test_round_trip (void)
{
  Author a = { 0 }, reader = { 0 }, stranger = { 0 };
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  g_autoptr(BfRecord) sealed = NULL;
  g_autoptr(BfRecord) opened = NULL;
  g_autoptr(BfRecord) opened2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  author_init (&a);
  author_init (&reader);
  author_init (&stranger);
  g_ptr_array_add (extra, reader.recipient);

  sealed = seal (&a, 1, BF_RECORD_ZERO_HASH, extra);
  g_assert_cmpstr (bf_record_get_author (sealed), ==, a.id);
  g_assert_true (g_str_has_prefix (bf_record_get_signature (sealed), "untrusted comment: "));
  g_assert_nonnull (strstr (bf_record_get_signature (sealed), "trusted comment: bofast/1 author="));

  opened = bf_record_verify (bf_record_get_age (sealed), bf_record_get_signature (sealed), -1,
                             a.pk, a.id, 1, BF_RECORD_ZERO_HASH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (opened);
  g_assert_cmpint (bf_record_get_seq (opened), ==, 1);
  g_assert_cmpint (bf_record_get_kind (opened), ==, BF_RECORD_KIND_VISIT);
  g_assert_cmpstr (bf_record_get_subject (opened), ==, SUBJECT);
  g_assert_cmpstr (bf_record_get_time (opened), ==, TIME);
  g_assert_cmpstr (bf_record_get_hash (opened), ==, bf_record_get_hash (sealed));
  g_assert_null (bf_record_get_body (opened));

  g_assert_true (bf_record_decrypt (opened, reader.age, &error));
  g_assert_no_error (error);
  body = bf_record_dup_body_json (opened);
  g_assert_cmpstr (body, ==, "{\"n\":3,\"note\":\"Hjemmebesøk, alt i orden\"}");

  /* Someone it was not sealed for cannot read it: that is not a problem
   * with the record. */
  opened2 = bf_record_verify (bf_record_get_age (sealed), bf_record_get_signature (sealed), -1,
                              a.pk, a.id, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (bf_record_decrypt (opened2, stranger.age, &error));
  g_assert_error (error, BF_AGE_ERROR, BF_AGE_ERROR_NO_MATCH);

  author_clear (&a);
  author_clear (&reader);
  author_clear (&stranger);
}

static void
test_verify_rejects (void)
{
  Author a = { 0 }, b = { 0 };
  g_autoptr(BfRecord) r1 = NULL;
  g_autoptr(BfRecord) r2 = NULL;
  g_autoptr(BfRecord) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GBytes) truncated = NULL;
  gsize len;
  guint8 *copy;

  author_init (&a);
  author_init (&b);
  r1 = seal (&a, 1, BF_RECORD_ZERO_HASH, NULL);
  r2 = seal (&a, 2, bf_record_get_hash (r1), NULL);

  /* A flipped byte anywhere in the .age file. */
  len = g_bytes_get_size (bf_record_get_age (r1));
  copy = g_memdup2 (g_bytes_get_data (bf_record_get_age (r1), NULL), len);
  copy[len / 2] ^= 0x40;
  flipped = g_bytes_new_take (copy, len);
  out = bf_record_verify (flipped, bf_record_get_signature (r1), -1, a.pk, a.id, 1, NULL, &error);
  g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_SIGNATURE);
  g_assert_null (out);
  g_clear_error (&error);

  /* Truncated. */
  truncated = g_bytes_new_from_bytes (bf_record_get_age (r1), 0, len - 10);
  out = bf_record_verify (truncated, bf_record_get_signature (r1), -1, a.pk, a.id, 1, NULL, &error);
  g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* Another member's key. */
  out = bf_record_verify (bf_record_get_age (r1), bf_record_get_signature (r1), -1, b.pk, b.id, 1, NULL, &error);
  g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* Placed in someone else's feed (a copy signed by a, claimed by b's
   * folder, verified with a's key). */
  out = bf_record_verify (bf_record_get_age (r1), bf_record_get_signature (r1), -1, a.pk, b.id, 1, NULL, &error);
  g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_WRONG_AUTHOR);
  g_clear_error (&error);

  /* Reordered or replayed: record 1's files under the name of record 2. */
  out = bf_record_verify (bf_record_get_age (r1), bf_record_get_signature (r1), -1, a.pk, a.id, 2, NULL, &error);
  g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_WRONG_SEQ);
  g_clear_error (&error);

  /* Record 2 after anything but record 1. */
  out = bf_record_verify (bf_record_get_age (r2), bf_record_get_signature (r2), -1, a.pk, a.id, 2,
                          BF_RECORD_ZERO_HASH, &error);
  g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BROKEN_CHAIN);
  g_clear_error (&error);

  /* The signature of record 1 over record 2's bytes. */
  out = bf_record_verify (bf_record_get_age (r2), bf_record_get_signature (r1), -1, a.pk, a.id, 0, NULL, &error);
  g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  author_clear (&a);
  author_clear (&b);
}

static void
test_payload_mismatch (void)
{
  Author a = { 0 };
  g_autoptr(GPtrArray) r = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BfRecord) rec = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GBytes) age = NULL;

  author_init (&a);
  g_ptr_array_add (r, a.recipient);

  /* A payload that names seq 7, signed with a comment that says seq 1:
   * the signature is good, the contents disagree. */
  payload = g_strdup_printf ("{\"author\":\"%s\",\"body\":{},\"format\":\"bofast/1\",\"kind\":\"visit\","
                             "\"prev\":\"%s\",\"seq\":7,\"subject\":\"%s\",\"time\":\"%s\"}",
                             a.id, BF_RECORD_ZERO_HASH, SUBJECT, TIME);
  age = bf_age_encrypt ((const guint8 *) payload, strlen (payload), r, &error);
  g_assert_no_error (error);
  comment = bf_record_format_comment (a.id, 1, BF_RECORD_ZERO_HASH, BF_RECORD_KIND_VISIT, SUBJECT, TIME);
  sig = bf_minisign_sign (g_bytes_get_data (age, NULL), g_bytes_get_size (age), a.sign, comment, NULL, &error);
  g_assert_no_error (error);

  rec = bf_record_verify (age, sig, -1, a.pk, a.id, 1, BF_RECORD_ZERO_HASH, &error);
  g_assert_no_error (error);
  g_assert_false (bf_record_decrypt (rec, a.age, &error));
  g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_MISMATCH);

  author_clear (&a);
}

static void
test_comment_strict (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *author = NULL;
  const char *bad[] = {
    "bofast/1 author=0123456789abcdef seq=01 prev=" BF_RECORD_ZERO_HASH " kind=visit subject=" SUBJECT " time=" TIME,
    "bofast/1 author=0123456789abcdef seq=1 prev=" BF_RECORD_ZERO_HASH " kind=visit subject=" SUBJECT " time=" TIME " x=1",
    "bofast/1 author=0123456789abcdef seq=1 prev=" BF_RECORD_ZERO_HASH " kind=party subject=" SUBJECT " time=" TIME,
    "bofast/1 author=0123456789abcdef seq=1 prev=" BF_RECORD_ZERO_HASH " kind=visit subject=" SUBJECT " time=2026-11-22T05:30:00+01:00",
    "bofast/1 author=0123456789abcdef  seq=1 prev=" BF_RECORD_ZERO_HASH " kind=visit subject=" SUBJECT " time=" TIME,
    "bofast/1 seq=1 author=0123456789abcdef prev=" BF_RECORD_ZERO_HASH " kind=visit subject=" SUBJECT " time=" TIME,
    "bofast/2 author=0123456789abcdef seq=1 prev=" BF_RECORD_ZERO_HASH " kind=visit subject=" SUBJECT " time=" TIME,
    "bofast/1 author=0123456789abcdef seq=0 prev=" BF_RECORD_ZERO_HASH " kind=visit subject=" SUBJECT " time=" TIME,
    "bofast/1 author=0123456789ABCDEF seq=1 prev=" BF_RECORD_ZERO_HASH " kind=visit subject=" SUBJECT " time=" TIME,
  };

  good = bf_record_format_comment ("0123456789abcdef", 12, BF_RECORD_ZERO_HASH, BF_RECORD_KIND_KEY_USE, SUBJECT, TIME);
  g_assert_true (bf_record_parse_comment (good, &author, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (author, ==, "0123456789abcdef");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (bf_record_parse_comment (bad[i], NULL, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BAD_COMMENT);
      g_clear_error (&error);
    }
}

static void
test_file_names (void)
{
  g_autofree char *name = bf_record_file_name (42);
  gint64 seq = 0;
  gboolean sig = TRUE;

  g_assert_cmpstr (name, ==, "0000000042.age");
  g_assert_true (bf_record_parse_file_name (name, &seq, &sig));
  g_assert_cmpint (seq, ==, 42);
  g_assert_false (sig);
  g_assert_true (bf_record_parse_file_name ("0000000042.age.minisig", &seq, &sig));
  g_assert_true (sig);
  g_assert_false (bf_record_parse_file_name ("0000000000.age", NULL, NULL));
  g_assert_false (bf_record_parse_file_name ("000000042.age", NULL, NULL));
  g_assert_false (bf_record_parse_file_name ("0000000042.age.tmp", NULL, NULL));
}

static void
test_feed (void)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "profiles", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfRecord) r1 = NULL;
  g_autoptr(BfRecord) r2 = NULL;
  g_autoptr(BfRecord) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) remembered = NULL;
  g_autoptr(BfSecret) reader = NULL;
  g_autoptr(BfSecret) own_age = NULL;
  g_autoptr(GBytes) reader_pk = NULL;
  g_autoptr(GBytes) sign_key = NULL;
  g_autofree char *id = NULL;
  g_autofree char *head_hash = NULL;
  gint64 head = -1;
  BfStore *store;

  profile = bf_profile_create (root, "Kari", "Bydel Nord", "et langt nok passord", &error);
  g_assert_no_error (error);
  store = bf_profile_get_store (profile);

  /* Before the profile knows any share, it refuses to seal. */
  r1 = bf_feed_append (store, BF_RECORD_KIND_VISIT, SUBJECT, BODY, NULL, NULL, &error);
  g_assert_error (error, BF_FEED_ERROR, BF_FEED_ERROR_NO_SHARE);
  g_assert_null (r1);
  g_clear_error (&error);

  reader = bf_age_keypair_generate (&reader_pk);
  g_ptr_array_add (recipients, g_bytes_ref (reader_pk));
  g_assert_true (bf_feed_set_recipients (store, recipients, &error));
  remembered = bf_feed_dup_recipients (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (remembered->len, ==, 1);

  g_assert_true (bf_feed_get_head (store, &head, &head_hash, &error));
  g_assert_cmpint (head, ==, 0);
  g_assert_cmpstr (head_hash, ==, BF_RECORD_ZERO_HASH);
  g_clear_pointer (&head_hash, g_free);

  r1 = bf_feed_append (store, BF_RECORD_KIND_AGREEMENT_VERSION, SUBJECT, "{\"v\":1}", NULL, NULL, &error);
  g_assert_no_error (error);
  r2 = bf_feed_append (store, BF_RECORD_KIND_VISIT, SUBJECT, BODY, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_record_get_seq (r1), ==, 1);
  g_assert_cmpint (bf_record_get_seq (r2), ==, 2);
  g_assert_cmpstr (bf_record_get_prev (r1), ==, BF_RECORD_ZERO_HASH);
  g_assert_cmpstr (bf_record_get_prev (r2), ==, bf_record_get_hash (r1));

  g_assert_true (bf_feed_get_head (store, &head, &head_hash, &error));
  g_assert_cmpint (head, ==, 2);
  g_assert_cmpstr (head_hash, ==, bf_record_get_hash (r2));
  g_assert_cmpint (bf_feed_count_unpushed (store, &error), ==, 2);

  /* The stored bytes verify with the profile's public key, and both the
   * author and the remembered reader can decrypt them. */
  id = bf_feed_dup_member_id (store, &error);
  sign_key = bf_feed_dup_sign_key (store, &error);
  g_assert_no_error (error);
  list = bf_feed_list (store, 1, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  again = bf_record_verify (bf_record_get_age (g_ptr_array_index (list, 1)),
                            bf_record_get_signature (g_ptr_array_index (list, 1)), -1,
                            sign_key, id, 2, bf_record_get_hash (r1), &error);
  g_assert_no_error (error);
  g_assert_true (bf_record_decrypt (again, reader, &error));
  g_assert_no_error (error);
  g_clear_object (&again);
  again = bf_feed_get_record (store, 1, &error);
  g_assert_no_error (error);
  own_age = bf_store_dup_age_secret_key (store, &error);
  g_assert_true (bf_record_decrypt (again, own_age, &error));
  g_assert_no_error (error);

  /* The clock is put back: the next record keeps the feed's order. */
  {
    g_autoptr(GDateTime) past = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
    g_autoptr(BfRecord) r3 = bf_feed_append (store, BF_RECORD_KIND_VISIT, SUBJECT, BODY, NULL, past, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (bf_record_get_time (r3), ==, bf_record_get_time (r2));
  }

  g_assert_true (bf_feed_set_pushed (store, 1, TRUE, &error));
  g_assert_cmpint (bf_feed_count_unpushed (store, &error), ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = bf_feed_list (store, 1, TRUE, 0, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (bf_record_get_seq (g_ptr_array_index (list, 0)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bf_test_setup ();

  g_test_add_func ("/record/member-id", test_member_id);
  g_test_add_func ("/record/round-trip", test_round_trip);
  g_test_add_func ("/record/verify-rejects", test_verify_rejects);
  g_test_add_func ("/record/payload-mismatch", test_payload_mismatch);
  g_test_add_func ("/record/comment-strict", test_comment_strict);
  g_test_add_func ("/record/file-names", test_file_names);
  g_test_add_func ("/record/feed", test_feed);

  return g_test_run ();
}
