/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BF_BECH32_ERROR (bf_bech32_error_quark ())

typedef enum {
  BF_BECH32_ERROR_INVALID,
  BF_BECH32_ERROR_CHECKSUM,
  BF_BECH32_ERROR_TOO_LONG,
} BfBech32Error;

/* The largest human-readable part BIP 173 allows. */
#define BF_BECH32_MAX_HRP 83

/* BIP 173 caps a string at 90 characters; age keys are longer and age does
 * not enforce that limit, so neither do we.  This cap only bounds the work
 * done on untrusted input. */
#define BF_BECH32_MAX_STRING 1024

GQuark    bf_bech32_error_quark (void);

char     *bf_bech32_encode      (const char    *hrp,
                                 const guint8  *data,
                                 gsize          len,
                                 gboolean       uppercase,
                                 GError       **error);
gboolean  bf_bech32_decode      (const char    *str,
                                 char         **out_hrp,
                                 guint8        *out,
                                 gsize          out_size,
                                 gsize         *out_len,
                                 GError       **error);

G_END_DECLS
