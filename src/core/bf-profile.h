/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A profile is one worker's encrypted local data:
 *   <root>/<uuid>/vault.json   the database key, wrapped with the passphrase
 *   <root>/<uuid>/bofast.db    SQLCipher, opened with that raw key
 * where <root> is normally $XDG_DATA_HOME/bofast/profiles.
 *
 * A loaded profile starts locked. Unlocking unwraps the key and opens the
 * store; locking closes the store and wipes every key.
 *
 * bf_profile_create() returns the new profile unlocked (the user has just
 * typed the passphrase). Async variants run the KDF and the file work in a
 * GTask thread; the unlocked state is installed, and notify::locked
 * emitted, in the calling thread before the callback runs.
 */

#define BF_PROFILE_ERROR (bf_profile_error_quark ())

typedef enum
{
  BF_PROFILE_ERROR_WRONG_PASSPHRASE,   /* the unwrap failed; nothing was changed */
  BF_PROFILE_ERROR_DAMAGED_VAULT,      /* vault.json is missing, unreadable or corrupt */
  BF_PROFILE_ERROR_DAMAGED_DATABASE,   /* the key unwrapped, but bofast.db did not open */
  BF_PROFILE_ERROR_WEAK_PASSPHRASE,    /* shorter than BF_PASSPHRASE_MIN_LENGTH */
  BF_PROFILE_ERROR_NOT_FOUND,
  BF_PROFILE_ERROR_AMBIGUOUS,          /* more than one profile and none was named */
  BF_PROFILE_ERROR_UNSUPPORTED,        /* SQLCipher older than 4.6, unknown vault format */
  BF_PROFILE_ERROR_LOCKED,
  BF_PROFILE_ERROR_INVALID,            /* bad argument, such as an empty name */
} BfProfileError;

/* Counted in Unicode characters. */
#define BF_PASSPHRASE_MIN_LENGTH 12

#define BF_TYPE_PROFILE (bf_profile_get_type ())

G_DECLARE_FINAL_TYPE (BfProfile, bf_profile, BF, PROFILE, GObject)

typedef struct _BfStore BfStore;
typedef struct _BfVault BfVault;

GQuark      bf_profile_error_quark          (void);

char       *bf_profile_get_default_root     (void);
GPtrArray  *bf_profile_list                 (const char          *root,
                                             GError             **error);
BfProfile  *bf_profile_load                 (const char          *dir,
                                             GError             **error);
BfProfile  *bf_profile_find                 (const char          *root,
                                             const char          *name,
                                             GError             **error);

BfProfile  *bf_profile_create               (const char          *root,
                                             const char          *name,
                                             const char          *unit,
                                             const char          *passphrase,
                                             GError             **error);
void        bf_profile_create_async         (const char          *root,
                                             const char          *name,
                                             const char          *unit,
                                             const char          *passphrase,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
BfProfile  *bf_profile_create_finish        (GAsyncResult        *result,
                                             GError             **error);

gboolean    bf_profile_unlock               (BfProfile           *self,
                                             const char          *passphrase,
                                             GError             **error);
void        bf_profile_unlock_async         (BfProfile           *self,
                                             const char          *passphrase,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    bf_profile_unlock_finish        (BfProfile           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        bf_profile_lock                 (BfProfile           *self);
gboolean    bf_profile_get_locked           (BfProfile           *self);

gboolean    bf_profile_change_passphrase    (BfProfile           *self,
                                             const char          *old_passphrase,
                                             const char          *new_passphrase,
                                             GError             **error);
void        bf_profile_change_passphrase_async  (BfProfile           *self,
                                                 const char          *old_passphrase,
                                                 const char          *new_passphrase,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean    bf_profile_change_passphrase_finish (BfProfile           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

const char *bf_profile_get_id               (BfProfile           *self);
const char *bf_profile_get_dir              (BfProfile           *self);
const char *bf_profile_get_name             (BfProfile           *self);
const char *bf_profile_get_unit             (BfProfile           *self);
BfStore    *bf_profile_get_store            (BfProfile           *self);
BfVault    *bf_profile_get_vault            (BfProfile           *self);

/* 0 = very weak … 4 = strong; for the hint under the passphrase field. */
guint       bf_passphrase_estimate_strength (const char          *passphrase);

G_END_DECLS
