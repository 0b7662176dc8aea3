/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bf-secure.h"

G_BEGIN_DECLS

#define BF_MINISIGN_ERROR (bf_minisign_error_quark ())

typedef enum {
  BF_MINISIGN_ERROR_BAD_KEY,
  BF_MINISIGN_ERROR_BAD_FORMAT,
  BF_MINISIGN_ERROR_UNSUPPORTED,
  BF_MINISIGN_ERROR_WRONG_KEY,
  BF_MINISIGN_ERROR_BAD_SIGNATURE,
  BF_MINISIGN_ERROR_BAD_COMMENT_SIGNATURE,
  BF_MINISIGN_ERROR_BAD_COMMENT,
  BF_MINISIGN_ERROR_TOO_LARGE,
} BfMinisignError;

#define BF_MINISIGN_KEY_ID_SIZE      8
/* "Ed" ‖ key id ‖ Ed25519 public key, as minisign stores it. */
#define BF_MINISIGN_PUBLIC_KEY_SIZE  (2 + BF_MINISIGN_KEY_ID_SIZE + 32)
/* Key id ‖ libsodium's 64-byte Ed25519 secret key. */
#define BF_MINISIGN_SECRET_KEY_SIZE  (BF_MINISIGN_KEY_ID_SIZE + 64)

/* Within what the stock minisign reads (1024- and 8192-byte lines). */
#define BF_MINISIGN_MAX_UNTRUSTED_COMMENT 1000
#define BF_MINISIGN_MAX_TRUSTED_COMMENT   8000
#define BF_MINISIGN_MAX_SIGNATURE         (10 * 1024)

GQuark    bf_minisign_error_quark                   (void);

BfSecret *bf_minisign_keypair_generate              (GBytes      **out_public_key);
BfSecret *bf_minisign_secret_key_from_data          (const guint8 *data,
                                                     gsize         len,
                                                     GError      **error);
GBytes   *bf_minisign_secret_key_get_public_key     (BfSecret     *secret_key);

char     *bf_minisign_public_key_to_string          (GBytes       *public_key);
GBytes   *bf_minisign_public_key_from_string        (const char   *str,
                                                     GError      **error);
char     *bf_minisign_public_key_to_file_contents   (GBytes       *public_key);
GBytes   *bf_minisign_public_key_from_file_contents (const char   *contents,
                                                     gssize        length,
                                                     GError      **error);
char     *bf_minisign_key_id_to_string              (GBytes       *public_key);

char     *bf_minisign_sign                          (const guint8 *data,
                                                     gsize         len,
                                                     BfSecret     *secret_key,
                                                     const char   *trusted_comment,
                                                     const char   *untrusted_comment,
                                                     GError      **error);
gboolean  bf_minisign_verify                        (const guint8 *data,
                                                     gsize         len,
                                                     GBytes       *public_key,
                                                     const char   *signature,
                                                     gssize        signature_len,
                                                     char        **out_trusted_comment,
                                                     GError      **error);

G_END_DECLS
