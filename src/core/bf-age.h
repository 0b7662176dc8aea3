/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bf-secure.h"

G_BEGIN_DECLS

#define BF_AGE_ERROR (bf_age_error_quark ())

typedef enum {
  BF_AGE_ERROR_NO_MATCH,
  BF_AGE_ERROR_BAD_HEADER,
  BF_AGE_ERROR_BAD_MAC,
  BF_AGE_ERROR_BAD_PAYLOAD,
  BF_AGE_ERROR_TRUNCATED,
  BF_AGE_ERROR_TRAILING_DATA,
  BF_AGE_ERROR_BAD_KEY,
  BF_AGE_ERROR_TOO_LARGE,
  BF_AGE_ERROR_UNSUPPORTED,
} BfAgeError;

/* An X25519 identity (secret) or recipient (public key). */
#define BF_AGE_KEY_SIZE       32

/* Records are small; these caps bound what untrusted input can cost. */
#define BF_AGE_MAX_PLAINTEXT  (16 * 1024 * 1024)
#define BF_AGE_MAX_HEADER     (64 * 1024)
#define BF_AGE_MAX_RECIPIENTS 256

GQuark    bf_age_error_quark                 (void);

BfSecret *bf_age_keypair_generate            (GBytes      **out_recipient);
GBytes   *bf_age_identity_get_recipient      (BfSecret     *identity,
                                              GError      **error);

BfSecret *bf_age_identity_from_string        (const char   *str,
                                              GError      **error);
char     *bf_age_identity_to_string          (BfSecret     *identity);
BfSecret *bf_age_identity_from_file_contents (const char   *contents,
                                              gssize        length,
                                              GError      **error);
char     *bf_age_identity_to_file_contents   (BfSecret     *identity,
                                              GError      **error);

GBytes   *bf_age_recipient_from_string       (const char   *str,
                                              GError      **error);
char     *bf_age_recipient_to_string         (GBytes       *recipient);

GBytes   *bf_age_encrypt                     (const guint8 *data,
                                              gsize         len,
                                              GPtrArray    *recipients,
                                              GError      **error);
GBytes   *bf_age_decrypt                     (GBytes       *ciphertext,
                                              BfSecret     *identity,
                                              GError      **error);

G_END_DECLS
