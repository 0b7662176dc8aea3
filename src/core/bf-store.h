/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "bf-secure.h"

G_BEGIN_DECLS

/*
 * BfStore is the profile's SQLCipher database, bofast.db, opened with the raw
 * 256-bit key from the vault.
 *
 * Threads: one SQLite connection is used by one thread at a time. The async
 * unlock opens the store in a GTask worker and hands the finished object to
 * the main thread; the task's completion orders the two, so no lock is
 * needed for that hand-over. The store's own functions also hold an internal
 * mutex, so two threads calling them cannot interleave statements. Code that
 * uses bf_store_get_db() directly must wrap its work in
 * bf_store_lock()/bf_store_unlock() when more than one thread might use it.
 */

#define BF_STORE_ERROR (bf_store_error_quark ())

typedef enum
{
  BF_STORE_ERROR_DAMAGED,       /* the key did not open it, or it is not a database */
  BF_STORE_ERROR_UNSUPPORTED,   /* SQLCipher older than 4.6, or a newer schema */
  BF_STORE_ERROR_FAILED,        /* any other SQLite or file error */
} BfStoreError;

#define BF_STORE_FILE_NAME          "bofast.db"
#define BF_STORE_KEY_SIZE           32
#define BF_STORE_MIN_CIPHER_MAJOR   4
#define BF_STORE_MIN_CIPHER_MINOR   6

/* Sizes of the member's keys in the identity table. */
#define BF_STORE_SIGN_KEY_ID_SIZE   8    /* minisign key id */
#define BF_STORE_SIGN_PUBLIC_SIZE   32   /* Ed25519 */
#define BF_STORE_SIGN_SECRET_SIZE   64   /* libsodium's seed ‖ public key form */
#define BF_STORE_AGE_PUBLIC_SIZE    32   /* X25519 */
#define BF_STORE_AGE_SECRET_SIZE    32

#define BF_TYPE_STORE (bf_store_get_type ())

G_DECLARE_FINAL_TYPE (BfStore, bf_store, BF, STORE, GObject)

GQuark      bf_store_error_quark              (void);

gboolean    bf_store_parse_cipher_version     (const char     *version,
                                               guint          *major,
                                               guint          *minor,
                                               guint          *micro);
gboolean    bf_store_check_cipher_version     (const char     *version,
                                               GError        **error);

BfStore    *bf_store_create                   (const char     *path,
                                               const BfSecret *key,
                                               GError        **error);
BfStore    *bf_store_open                     (const char     *path,
                                               const BfSecret *key,
                                               GError        **error);
void        bf_store_close                    (BfStore        *self);
gboolean    bf_store_is_open                  (BfStore        *self);

const char *bf_store_get_path                 (BfStore        *self);
const char *bf_store_get_cipher_version       (BfStore        *self);
int         bf_store_get_schema_version       (BfStore        *self);
int         bf_store_get_latest_schema_version (void);

char       *bf_store_dup_meta                 (BfStore        *self,
                                               const char     *key,
                                               GError        **error);
gboolean    bf_store_set_meta                 (BfStore        *self,
                                               const char     *key,
                                               const char     *value,
                                               GError        **error);

gboolean    bf_store_create_identity          (BfStore        *self,
                                               GError        **error);
gboolean    bf_store_has_identity             (BfStore        *self);
GBytes     *bf_store_dup_signing_key_id       (BfStore        *self,
                                               GError        **error);
char       *bf_store_dup_minisign_public_key  (BfStore        *self,
                                               GError        **error);
GBytes     *bf_store_dup_signing_public_key   (BfStore        *self,
                                               GError        **error);
BfSecret   *bf_store_dup_signing_secret_key   (BfStore        *self,
                                               GError        **error);
GBytes     *bf_store_dup_age_public_key       (BfStore        *self,
                                               GError        **error);
BfSecret   *bf_store_dup_age_secret_key       (BfStore        *self,
                                               GError        **error);

sqlite3    *bf_store_get_db                   (BfStore        *self);
void        bf_store_lock                     (BfStore        *self);
void        bf_store_unlock                   (BfStore        *self);

G_END_DECLS
