/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bf-secure.h"

G_BEGIN_DECLS

/*
 * vault.json: the profile's random 256-bit database key, wrapped with
 * XChaCha20-Poly1305 under a key that Argon2id derives from the passphrase.
 * The associated data binds the wrapped key to the format version and the
 * profile uuid. The file also carries the profile's display name and unit
 * (the worker's own, never tenant data) so that the unlock page can show them.
 */

#define BF_VAULT_ERROR (bf_vault_error_quark ())

typedef enum
{
  BF_VAULT_ERROR_WRONG_PASSPHRASE,
  BF_VAULT_ERROR_DAMAGED,
  BF_VAULT_ERROR_UNSUPPORTED,
  BF_VAULT_ERROR_INVALID,
} BfVaultError;

#define BF_VAULT_FORMAT_VERSION 1
#define BF_VAULT_KEY_SIZE       32
#define BF_VAULT_FILE_NAME      "vault.json"

/* A vault.json is a few hundred bytes; anything larger is not ours. */
#define BF_VAULT_MAX_FILE_SIZE  (64 * 1024)

/*
 * Test-only: when this environment variable is "1", new vaults use the
 * cheapest Argon2id parameters libsodium allows, so that the test suite can
 * wrap hundreds of keys. Never set it for real profiles; `bofastctl profile
 * info` shows the parameters a vault was written with.
 */
#define BF_VAULT_TEST_PARAMS_ENV "BOFAST_KDF_TEST_PARAMS"

#define BF_TYPE_VAULT (bf_vault_get_type ())

G_DECLARE_FINAL_TYPE (BfVault, bf_vault, BF, VAULT, GObject)

GQuark      bf_vault_error_quark          (void);

void        bf_vault_get_default_kdf_params (guint64      *opslimit,
                                             gsize        *memlimit);

BfVault    *bf_vault_new                  (const char   *profile_id,
                                           const char   *name,
                                           const char   *unit,
                                           GDateTime    *created);
BfVault    *bf_vault_load                 (const char   *path,
                                           GError      **error);
gboolean    bf_vault_save                 (BfVault      *self,
                                           const char   *path,
                                           GError      **error);

gboolean    bf_vault_wrap                 (BfVault      *self,
                                           const BfSecret *key,
                                           const char   *passphrase,
                                           GError      **error);
BfSecret   *bf_vault_unwrap               (BfVault      *self,
                                           const char   *passphrase,
                                           GError      **error);
gboolean    bf_vault_is_wrapped           (BfVault      *self);

guint       bf_vault_get_format_version   (BfVault      *self);
const char *bf_vault_get_profile_id       (BfVault      *self);
const char *bf_vault_get_name             (BfVault      *self);
const char *bf_vault_get_unit             (BfVault      *self);
GDateTime  *bf_vault_get_created          (BfVault      *self);
const char *bf_vault_get_kdf_algorithm    (BfVault      *self);
guint64     bf_vault_get_opslimit         (BfVault      *self);
gsize       bf_vault_get_memlimit         (BfVault      *self);

G_END_DECLS
