/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-bech32"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "bf-bech32.h"

/*
 * Bech32 as BIP 173 defines it, with the changes age makes: no limit on the
 * length of the data part, and the human-readable part keeps its case so
 * that callers can insist on "age" or "AGE-SECRET-KEY-".  The checksum is
 * always computed over the lowercase string.
 *
 * The 5-bit intermediate buffers may hold secret keys, so they are wiped.
 */

G_DEFINE_QUARK (bf-bech32-error-quark, bf_bech32_error)

static const char charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static guint32
polymod (const guint8 *values,
         gsize         len,
         guint32       chk)
{
  static const guint32 gen[5] = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };

  for (gsize i = 0; i < len; i++)
    {
      guint32 top = chk >> 25;

      chk = ((chk & 0x1ffffff) << 5) ^ values[i];
      for (guint j = 0; j < 5; j++)
        if ((top >> j) & 1)
          chk ^= gen[j];
    }

  return chk;
}

/* Runs the checksum over the expanded, lowercased human-readable part. */
static guint32
polymod_hrp (const char *hrp,
             gsize       hrp_len)
{
  guint32 chk = 1;
  guint8 v;

  for (gsize i = 0; i < hrp_len; i++)
    {
      v = g_ascii_tolower (hrp[i]) >> 5;
      chk = polymod (&v, 1, chk);
    }
  v = 0;
  chk = polymod (&v, 1, chk);
  for (gsize i = 0; i < hrp_len; i++)
    {
      v = g_ascii_tolower (hrp[i]) & 0x1f;
      chk = polymod (&v, 1, chk);
    }

  return chk;
}

static gboolean
hrp_is_valid (const char *hrp,
              gsize       len)
{
  gboolean lower = FALSE;
  gboolean upper = FALSE;

  if (len < 1 || len > BF_BECH32_MAX_HRP)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (hrp[i] < 33 || hrp[i] > 126)
        return FALSE;
      lower |= g_ascii_islower (hrp[i]);
      upper |= g_ascii_isupper (hrp[i]);
    }

  return !(lower && upper);
}

/**
 * bf_bech32_encode:
 * @hrp: the human-readable part, all lowercase or all uppercase
 * @data: the bytes to encode
 * @len: the length of @data
 * @uppercase: whether to produce an uppercase string
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the Bech32 string.  When @data is secret, free
 *   it with bf_str_wipe_free().
 */
char *
bf_bech32_encode (const char    *hrp,
                  const guint8  *data,
                  gsize          len,
                  gboolean       uppercase,
                  GError       **error)
{
  gsize hrp_len;
  gsize n5;
  gsize out_len;
  guint8 *values;
  char *out;
  guint32 acc = 0;
  guint bits = 0;
  gsize k = 0;
  guint32 chk;
  guint8 zeros[6] = { 0 };

  g_return_val_if_fail (hrp != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hrp_len = strlen (hrp);
  if (!hrp_is_valid (hrp, hrp_len))
    {
      g_set_error_literal (error, BF_BECH32_ERROR, BF_BECH32_ERROR_INVALID,
                           _("The key prefix is not valid"));
      return NULL;
    }

  n5 = (len * 8 + 4) / 5;
  out_len = hrp_len + 1 + n5 + 6;
  if (out_len > BF_BECH32_MAX_STRING)
    {
      g_set_error_literal (error, BF_BECH32_ERROR, BF_BECH32_ERROR_TOO_LONG,
                           _("The key is too long to encode"));
      return NULL;
    }

  values = g_malloc0 (n5 + 6);
  for (gsize i = 0; i < len; i++)
    {
      acc = (acc << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          values[k++] = (acc >> bits) & 0x1f;
        }
    }
  if (bits > 0)
    values[k++] = (acc << (5 - bits)) & 0x1f;
  g_assert (k == n5);

  chk = polymod_hrp (hrp, hrp_len);
  chk = polymod (values, n5, chk);
  chk = polymod (zeros, 6, chk) ^ 1;
  for (guint i = 0; i < 6; i++)
    values[n5 + i] = (chk >> (5 * (5 - i))) & 0x1f;

  out = g_malloc (out_len + 1);
  for (gsize i = 0; i < hrp_len; i++)
    out[i] = uppercase ? g_ascii_toupper (hrp[i]) : g_ascii_tolower (hrp[i]);
  out[hrp_len] = '1';
  for (gsize i = 0; i < n5 + 6; i++)
    {
      char c = charset[values[i]];

      out[hrp_len + 1 + i] = uppercase ? g_ascii_toupper (c) : c;
    }
  out[out_len] = '\0';

  sodium_memzero (values, n5 + 6);
  sodium_memzero (&acc, sizeof acc);
  g_free (values);

  return out;
}

/**
 * bf_bech32_decode:
 * @str: a Bech32 string
 * @out_hrp: (out) (optional): the human-readable part, in the case @str uses
 * @out: where the decoded bytes go, so that secrets can land in a #BfSecret
 * @out_size: the size of @out
 * @out_len: (out): the number of bytes written to @out
 * @error: return location for a #GError
 *
 * Decodes @str strictly: mixed case, characters outside the alphabet, a bad
 * checksum and non-zero or excess padding bits are all errors.
 *
 * Returns: %TRUE on success
 */
gboolean
bf_bech32_decode (const char    *str,
                  char         **out_hrp,
                  guint8        *out,
                  gsize          out_size,
                  gsize         *out_len,
                  GError       **error)
{
  const char *sep;
  gsize len;
  gsize hrp_len;
  gsize n5;
  guint8 values[BF_BECH32_MAX_STRING];
  gboolean lower = FALSE;
  gboolean upper = FALSE;
  guint32 chk;
  guint32 acc = 0;
  guint bits = 0;
  gsize k = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (str != NULL, FALSE);
  g_return_val_if_fail (out != NULL || out_size == 0, FALSE);
  g_return_val_if_fail (out_len != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_len = 0;

  len = strnlen (str, BF_BECH32_MAX_STRING + 1);
  if (len > BF_BECH32_MAX_STRING)
    {
      g_set_error_literal (error, BF_BECH32_ERROR, BF_BECH32_ERROR_TOO_LONG,
                           _("The key is too long"));
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      if (str[i] < 33 || str[i] > 126)
        goto invalid;
      lower |= g_ascii_islower (str[i]);
      upper |= g_ascii_isupper (str[i]);
    }
  if (lower && upper)
    goto invalid;

  sep = strrchr (str, '1');
  if (sep == NULL)
    goto invalid;
  hrp_len = sep - str;
  if (!hrp_is_valid (str, hrp_len) || len - hrp_len - 1 < 6)
    goto invalid;

  n5 = len - hrp_len - 1;
  for (gsize i = 0; i < n5; i++)
    {
      const char *p = strchr (charset, g_ascii_tolower (sep[1 + i]));

      if (p == NULL || *p == '\0')
        goto invalid;
      values[i] = (guint8) (p - charset);
    }

  chk = polymod_hrp (str, hrp_len);
  if (polymod (values, n5, chk) != 1)
    {
      g_set_error_literal (error, BF_BECH32_ERROR, BF_BECH32_ERROR_CHECKSUM,
                           _("The key is mistyped or damaged: its checksum does not match"));
      goto out;
    }

  n5 -= 6;
  for (gsize i = 0; i < n5; i++)
    {
      acc = (acc << 5) | values[i];
      bits += 5;
      if (bits >= 8)
        {
          bits -= 8;
          if (k >= out_size)
            {
              g_set_error_literal (error, BF_BECH32_ERROR, BF_BECH32_ERROR_TOO_LONG,
                                   _("The key is longer than expected"));
              goto out;
            }
          out[k++] = (acc >> bits) & 0xff;
        }
    }
  /* At most four padding bits, all zero: anything else is a second
   * spelling of the same bytes. */
  if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
    goto invalid;

  if (out_hrp != NULL)
    *out_hrp = g_strndup (str, hrp_len);
  *out_len = k;
  ok = TRUE;
  goto out;

invalid:
  g_set_error_literal (error, BF_BECH32_ERROR, BF_BECH32_ERROR_INVALID,
                       _("The key is not valid Bech32 text"));

out:
  if (!ok && k > 0)
    sodium_memzero (out, k);
  sodium_memzero (values, sizeof values);
  sodium_memzero (&acc, sizeof acc);
  return ok;
}
