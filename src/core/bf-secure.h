/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * BfSecret:
 *
 * A fixed-size buffer for key material. It lives in memory from
 * sodium_malloc(): locked against swapping, guarded by canaries and guard
 * pages, and wiped when freed.
 */
typedef struct _BfSecret BfSecret;

gboolean  bf_secure_init            (GError       **error);
gboolean  bf_secure_core_dumps_disabled (void);

BfSecret *bf_secret_new             (gsize          size);
BfSecret *bf_secret_new_random      (gsize          size);
BfSecret *bf_secret_new_from_data   (const guint8  *data,
                                     gsize          size);
BfSecret *bf_secret_dup             (const BfSecret *self);
guint8   *bf_secret_get_data        (BfSecret      *self);
const guint8 *bf_secret_peek        (const BfSecret *self);
gsize     bf_secret_get_size        (const BfSecret *self);
gboolean  bf_secret_equal           (const BfSecret *a,
                                     const BfSecret *b);
void      bf_secret_free            (BfSecret      *self);

void      bf_memzero                (gpointer       data,
                                     gsize          size);
void      bf_str_wipe_free          (char          *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfSecret, bf_secret_free)

G_END_DECLS
