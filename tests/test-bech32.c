/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "bf-bech32.h"
#include "bf-secure.h"

/* BIP 173, "Test vectors": strings with a valid checksum. */
static const char *valid_strings[] = {
  "A12UEL5L",
  "a12uel5l",
  "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
  "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
  "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
  "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
  "?1ezyfcl",
};

/* BIP 173: invalid strings, with the reason it gives. */
static const char *invalid_strings[] = {
  "\x20" "1nwldj5",        /* HRP character out of range */
  "\x7f" "1axkwrx",        /* HRP character out of range */
  "\x80" "1eym55h",        /* HRP character out of range */
  /* The HRP is longer than 83 characters. */
  "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
  "pzry9x8gf2tvdw0s3jn54khce6mua7l",  /* no separator */
  "1pzry9x8gf2tvdw0s3jn54khce6mua7l", /* empty HRP */
  "x1b4n0q5v",             /* invalid data character */
  "li1dgmt3",              /* checksum too short */
  "de1lg7wt" "\xff",       /* invalid character in checksum */
  "A1G7SGD8",              /* checksum computed over the uppercase HRP */
  "10a06t8",               /* empty HRP */
  "1qzzfhee",              /* empty HRP */
  "A12uEL5L",              /* mixed case */
  "",
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_strings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hrp = NULL;
      g_autofree char *again = NULL;
      guint8 buf[128];
      gsize len = 0;
      gboolean upper;

      g_test_message ("valid: %s", valid_strings[i]);

      /* The data parts in BIP 173's list are not all whole bytes, so only
       * the checksum is checked through the byte-level API when the padding
       * is not canonical; those that are whole bytes must round-trip. */
      if (!bf_bech32_decode (valid_strings[i], &hrp, buf, sizeof buf, &len, &error))
        {
          g_assert_error (error, BF_BECH32_ERROR, BF_BECH32_ERROR_INVALID);
          g_assert_null (hrp);
          continue;
        }
      g_assert_no_error (error);

      upper = g_ascii_isupper (valid_strings[i][0]);
      again = bf_bech32_encode (hrp, buf, len, upper, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, valid_strings[i]);
      g_assert_cmpuint (strlen (hrp), <=, BF_BECH32_MAX_HRP);
    }
}

/* The checksums of BIP 173's valid strings hold whatever their padding. */
static void
test_valid_checksums (void)
{
  guint decoded = 0;

  for (guint i = 0; i < G_N_ELEMENTS (valid_strings); i++)
    {
      g_autoptr(GError) error = NULL;
      guint8 buf[128];
      gsize len;

      if (bf_bech32_decode (valid_strings[i], NULL, buf, sizeof buf, &len, &error))
        decoded++;
      else
        g_assert_false (g_error_matches (error, BF_BECH32_ERROR, BF_BECH32_ERROR_CHECKSUM));
    }

  /* Most of them are whole bytes. */
  g_assert_cmpuint (decoded, >=, 5);
}

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_strings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hrp = NULL;
      guint8 buf[128];
      gsize len = 1234;

      g_test_message ("invalid #%u", i);
      g_assert_false (bf_bech32_decode (invalid_strings[i], &hrp, buf, sizeof buf, &len, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == BF_BECH32_ERROR);
      g_assert_null (hrp);
      g_assert_cmpuint (len, ==, 0);
    }
}

static void
test_round_trip (void)
{
  for (gsize n = 0; n < 80; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *lower = NULL;
      g_autofree char *upper = NULL;
      g_autofree char *hrp = NULL;
      guint8 data[80];
      guint8 back[80];
      gsize len;

      for (gsize i = 0; i < n; i++)
        data[i] = (guint8) (i * 37 + n);

      lower = bf_bech32_encode ("test", data, n, FALSE, &error);
      g_assert_no_error (error);
      upper = bf_bech32_encode ("test", data, n, TRUE, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (upper, "TEST1"));

      g_assert_true (bf_bech32_decode (lower, &hrp, back, sizeof back, &len, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (hrp, ==, "test");
      g_assert_cmpmem (back, len, data, n);
      g_clear_pointer (&hrp, g_free);

      g_assert_true (bf_bech32_decode (upper, &hrp, back, sizeof back, &len, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (hrp, ==, "TEST");
      g_assert_cmpmem (back, len, data, n);
    }
}

/* Every single-character substitution must be caught by the checksum. */
static void
test_checksum_catches_typos (void)
{
  static const char *key = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";
  g_autoptr(GError) error = NULL;
  guint8 buf[64];
  gsize len;

  g_assert_true (bf_bech32_decode (key, NULL, buf, sizeof buf, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 32);

  for (gsize i = 4; i < strlen (key); i++)
    {
      g_autofree char *typo = g_strdup (key);

      typo[i] = typo[i] == 'q' ? 'p' : 'q';
      g_assert_false (bf_bech32_decode (typo, NULL, buf, sizeof buf, &len, &error));
      g_assert_error (error, BF_BECH32_ERROR, BF_BECH32_ERROR_CHECKSUM);
      g_clear_error (&error);
    }
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (BF_BECH32_MAX_STRING + 10, 'q');
  guint8 data[32] = { 1, 2, 3 };
  guint8 small[8];
  g_autofree char *str = NULL;
  gsize len;

  huge[0] = 'a';
  huge[1] = '1';
  g_assert_false (bf_bech32_decode (huge, NULL, small, sizeof small, &len, &error));
  g_assert_error (error, BF_BECH32_ERROR, BF_BECH32_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* A buffer that is too small is an error, not an overflow. */
  str = bf_bech32_encode ("age", data, sizeof data, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (bf_bech32_decode (str, NULL, small, sizeof small, &len, &error));
  g_assert_error (error, BF_BECH32_ERROR, BF_BECH32_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* A mixed-case HRP cannot be encoded. */
  g_assert_null (bf_bech32_encode ("Age", data, sizeof data, FALSE, &error));
  g_assert_error (error, BF_BECH32_ERROR, BF_BECH32_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_true (bf_secure_init (NULL));

  g_test_add_func ("/bech32/bip173/valid", test_valid);
  g_test_add_func ("/bech32/bip173/valid-checksums", test_valid_checksums);
  g_test_add_func ("/bech32/bip173/invalid", test_invalid);
  g_test_add_func ("/bech32/round-trip", test_round_trip);
  g_test_add_func ("/bech32/checksum-catches-typos", test_checksum_catches_typos);
  g_test_add_func ("/bech32/limits", test_limits);

  return g_test_run ();
}
