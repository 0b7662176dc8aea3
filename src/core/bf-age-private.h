/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bf-age.h"

G_BEGIN_DECLS

/* Exposed for the known-answer tests and for tests that need to build
 * ciphertexts no honest encrypter produces. */

void    bf_age_hkdf_sha256  (const guint8 *ikm,
                             gsize         ikm_len,
                             const guint8 *salt,
                             gsize         salt_len,
                             const guint8 *info,
                             gsize         info_len,
                             guint8       *out,
                             gsize         out_len);

GBytes *bf_age_encrypt_full (const guint8 *data,
                             gsize         len,
                             GPtrArray    *recipients,
                             const guint8 *file_key,
                             gboolean      add_empty_final_chunk,
                             GError      **error);

G_END_DECLS
