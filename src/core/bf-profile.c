/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-profile"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bf-profile.h"
#include "bf-secure.h"
#include "bf-store.h"
#include "bf-vault.h"

struct _BfProfile
{
  GObject    parent_instance;

  /* Owned */
  char      *dir;
  char      *vault_path;
  char      *db_path;
  BfVault   *vault;
  BfStore   *store;
  GMutex     vault_mutex;   /* serialises rewraps of vault.json */
  guint      lock_serial;   /* bumped by bf_profile_lock() */
};

G_DEFINE_FINAL_TYPE (BfProfile, bf_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (bf-profile-error-quark, bf_profile_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_UNIT,
  PROP_DIR,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Async work carries its passphrases in sodium memory; they are wiped when
 * the task data is freed. */
typedef struct
{
  char      *root;
  char      *name;
  char      *unit;
  BfSecret  *passphrase;
  BfSecret  *new_passphrase;
  guint      lock_serial;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_pointer (&data->root, g_free);
  g_clear_pointer (&data->name, g_free);
  g_clear_pointer (&data->unit, g_free);
  g_clear_pointer (&data->passphrase, bf_secret_free);
  g_clear_pointer (&data->new_passphrase, bf_secret_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaskData, task_data_free)

static BfSecret *
secret_from_string (const char *str)
{
  return bf_secret_new_from_data ((const guint8 *) str, strlen (str) + 1);
}

/* Maps the vault's and the store's errors onto the contract's. */
static void
propagate_error (GError **error,
                 GError  *local_error)
{
  int code = BF_PROFILE_ERROR_DAMAGED_VAULT;

  if (local_error->domain == BF_VAULT_ERROR)
    {
      switch ((BfVaultError) local_error->code)
        {
        case BF_VAULT_ERROR_WRONG_PASSPHRASE: code = BF_PROFILE_ERROR_WRONG_PASSPHRASE; break;
        case BF_VAULT_ERROR_DAMAGED:          code = BF_PROFILE_ERROR_DAMAGED_VAULT; break;
        case BF_VAULT_ERROR_UNSUPPORTED:      code = BF_PROFILE_ERROR_UNSUPPORTED; break;
        case BF_VAULT_ERROR_INVALID:          code = BF_PROFILE_ERROR_INVALID; break;
        default:                              break;
        }
    }
  else if (local_error->domain == BF_STORE_ERROR)
    {
      switch ((BfStoreError) local_error->code)
        {
        case BF_STORE_ERROR_UNSUPPORTED: code = BF_PROFILE_ERROR_UNSUPPORTED; break;
        case BF_STORE_ERROR_DAMAGED:
        case BF_STORE_ERROR_FAILED:
        default:                         code = BF_PROFILE_ERROR_DAMAGED_DATABASE; break;
        }
    }
  else if (local_error->domain == BF_PROFILE_ERROR)
    code = local_error->code;

  g_set_error_literal (error, BF_PROFILE_ERROR, code, local_error->message);
  g_error_free (local_error);
}

static gboolean
check_passphrase_length (const char  *passphrase,
                         GError     **error)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL))
    {
      g_set_error_literal (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_INVALID,
                           _("The passphrase is not valid text"));
      return FALSE;
    }

  if (g_utf8_strlen (passphrase, -1) < BF_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_WEAK_PASSPHRASE,
                   ngettext ("The passphrase must be at least %d character long",
                             "The passphrase must be at least %d characters long",
                             BF_PASSPHRASE_MIN_LENGTH),
                   BF_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }

  return TRUE;
}

/* Creates @path as a directory with mode 0700, or makes an existing one
 * 0700. mkdir() filters the mode through the umask, which can only remove
 * bits, so a chmod() afterwards makes it exact without touching the
 * process-wide umask. */
static gboolean
make_private_dir (const char  *path,
                  gboolean     must_be_new,
                  GError     **error)
{
  if (g_mkdir (path, 0700) != 0)
    {
      int saved_errno = errno;

      if (must_be_new || saved_errno != EEXIST || !g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_INVALID,
                       _("The folder %s could not be created: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
    }

  if (g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_INVALID,
                   _("The folder %s could not be protected: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
make_root (const char  *root,
           GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (root);

  /* The parents ($XDG_DATA_HOME/bofast) are ours too, so they get 0700 when
   * they are new; existing parents are left alone. */
  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_INVALID,
                   _("The folder %s could not be created: %s"), parent, g_strerror (saved_errno));
      return FALSE;
    }

  return make_private_dir (root, FALSE, error);
}

static void
set_vault (BfProfile *self,
           BfVault   *vault)
{
  const char *old_name = self->vault ? bf_vault_get_name (self->vault) : NULL;
  const char *old_unit = self->vault ? bf_vault_get_unit (self->vault) : NULL;
  gboolean name_changed = g_strcmp0 (old_name, bf_vault_get_name (vault)) != 0;
  gboolean unit_changed = g_strcmp0 (old_unit, bf_vault_get_unit (vault)) != 0;

  g_set_object (&self->vault, vault);

  if (name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
  if (unit_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UNIT]);
}

/* Unwraps and opens the store. Runs in any thread and changes nothing on
 * disk when the passphrase is wrong: vault.json is only read, and bofast.db
 * is not opened until the key has unwrapped. */
static BfStore *
open_store (const char  *vault_path,
            const char  *db_path,
            const char  *passphrase,
            BfVault    **out_vault,
            GError     **error)
{
  g_autoptr(BfVault) vault = NULL;
  g_autoptr(BfSecret) key = NULL;
  g_autoptr(BfStore) store = NULL;
  GError *local_error = NULL;

  vault = bf_vault_load (vault_path, &local_error);
  if (vault == NULL)
    {
      propagate_error (error, local_error);
      return NULL;
    }

  key = bf_vault_unwrap (vault, passphrase, &local_error);
  if (key == NULL)
    {
      propagate_error (error, local_error);
      return NULL;
    }

  store = bf_store_open (db_path, key, &local_error);
  if (store == NULL)
    {
      propagate_error (error, local_error);
      return NULL;
    }

  /* sqlite_master decrypted, but a profile without its keys is no use:
   * this reads one more page and catches a damaged identity early. */
  if (!bf_store_has_identity (store))
    {
      g_set_error_literal (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_DATABASE,
                           _("The database opened, but the profile’s keys could not be read"));
      return NULL;
    }

  if (out_vault != NULL)
    *out_vault = g_steal_pointer (&vault);

  return g_steal_pointer (&store);
}

static gboolean
change_passphrase (const char  *vault_path,
                   GMutex      *mutex,
                   const char  *old_passphrase,
                   const char  *new_passphrase,
                   BfVault    **out_vault,
                   GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (mutex);
  g_autoptr(BfVault) vault = NULL;
  g_autoptr(BfSecret) key = NULL;
  GError *local_error = NULL;

  if (!check_passphrase_length (new_passphrase, error))
    return FALSE;

  /* Re-read the file: another process (bofastctl) may have rewrapped it. */
  vault = bf_vault_load (vault_path, &local_error);
  if (vault == NULL)
    {
      propagate_error (error, local_error);
      return FALSE;
    }

  key = bf_vault_unwrap (vault, old_passphrase, &local_error);
  if (key == NULL ||
      !bf_vault_wrap (vault, key, new_passphrase, &local_error) ||
      !bf_vault_save (vault, vault_path, &local_error))
    {
      propagate_error (error, local_error);
      return FALSE;
    }

  if (out_vault != NULL)
    *out_vault = g_steal_pointer (&vault);
  return TRUE;
}

static BfProfile *
profile_new (const char *dir,
             BfVault    *vault)
{
  BfProfile *self = g_object_new (BF_TYPE_PROFILE, NULL);

  self->dir = g_strdup (dir);
  self->vault_path = g_build_filename (dir, BF_VAULT_FILE_NAME, NULL);
  self->db_path = g_build_filename (dir, BF_STORE_FILE_NAME, NULL);
  self->vault = g_object_ref (vault);
  return self;
}

/* Removes what an unsuccessful create wrote, so no half-made profile stays
 * behind. Only the names create writes are removed. */
static void
remove_partial_profile (const char *dir)
{
  static const char * const names[] = {
    BF_VAULT_FILE_NAME, BF_STORE_FILE_NAME,
    BF_STORE_FILE_NAME "-wal", BF_STORE_FILE_NAME "-shm", BF_STORE_FILE_NAME "-journal",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }

  if (g_rmdir (dir) != 0)
    g_message ("Could not remove the incomplete profile %s: %s", dir, g_strerror (errno));
}

static BfProfile *
create_profile (const char  *root,
                const char  *name,
                const char  *unit,
                const char  *passphrase,
                GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *vault_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_unit = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(BfSecret) key = NULL;
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfVault) vault = NULL;
  BfProfile *self;
  GError *local_error = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL) ||
      (unit != NULL && !g_utf8_validate (unit, -1, NULL)))
    {
      g_set_error_literal (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_INVALID,
                           _("The name is not valid text"));
      return NULL;
    }

  clean_name = g_strstrip (g_strdup (name));
  clean_unit = g_strstrip (g_strdup (unit != NULL ? unit : ""));
  if (clean_name[0] == '\0')
    {
      g_set_error_literal (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_INVALID,
                           _("The profile needs a name"));
      return NULL;
    }

  if (!check_passphrase_length (passphrase, error))
    return NULL;

  if (!make_root (root, error))
    return NULL;

  id = g_uuid_string_random ();
  dir = g_build_filename (root, id, NULL);
  vault_path = g_build_filename (dir, BF_VAULT_FILE_NAME, NULL);
  db_path = g_build_filename (dir, BF_STORE_FILE_NAME, NULL);
  created = g_date_time_new_now_utc ();
  created_text = g_date_time_format_iso8601 (created);

  if (!make_private_dir (dir, TRUE, error))
    return NULL;

  key = bf_secret_new_random (BF_VAULT_KEY_SIZE);
  vault = bf_vault_new (id, clean_name, clean_unit, created);

  /* The database comes first and vault.json last: a profile directory
   * without vault.json is an interrupted creation, which listing skips. */
  store = bf_store_create (db_path, key, &local_error);
  if (store == NULL ||
      !bf_store_create_identity (store, &local_error) ||
      !bf_store_set_meta (store, "profile-id", id, &local_error) ||
      !bf_store_set_meta (store, "name", clean_name, &local_error) ||
      !bf_store_set_meta (store, "unit", clean_unit, &local_error) ||
      !bf_store_set_meta (store, "created", created_text, &local_error) ||
      !bf_vault_wrap (vault, key, passphrase, &local_error) ||
      !bf_vault_save (vault, vault_path, &local_error))
    {
      if (store != NULL)
        bf_store_close (store);
      remove_partial_profile (dir);
      propagate_error (error, local_error);
      return NULL;
    }

  self = profile_new (dir, vault);
  self->store = g_steal_pointer (&store);
  return self;
}

static void
bf_profile_dispose (GObject *object)
{
  BfProfile *self = (BfProfile *)object;

  if (self->store != NULL)
    {
      bf_store_close (self->store);
      g_clear_object (&self->store);
    }

  G_OBJECT_CLASS (bf_profile_parent_class)->dispose (object);
}

static void
bf_profile_finalize (GObject *object)
{
  BfProfile *self = (BfProfile *)object;

  g_clear_object (&self->vault);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->vault_path, g_free);
  g_clear_pointer (&self->db_path, g_free);
  g_mutex_clear (&self->vault_mutex);

  G_OBJECT_CLASS (bf_profile_parent_class)->finalize (object);
}

static void
bf_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BfProfile *self = BF_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, bf_profile_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, bf_profile_get_name (self));
      break;
    case PROP_UNIT:
      g_value_set_string (value, bf_profile_get_unit (self));
      break;
    case PROP_DIR:
      g_value_set_string (value, bf_profile_get_dir (self));
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, bf_profile_get_locked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_profile_class_init (BfProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bf_profile_dispose;
  object_class->finalize = bf_profile_finalize;
  object_class->get_property = bf_profile_get_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bf_profile_init (BfProfile *self)
{
  g_mutex_init (&self->vault_mutex);
}

/**
 * bf_profile_get_default_root:
 *
 * Returns `$XDG_DATA_HOME/bofast/profiles`.
 */
char *
bf_profile_get_default_root (void)
{
  return g_build_filename (g_get_user_data_dir (), "bofast", "profiles", NULL);
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b)
{
  BfProfile *pa = *(BfProfile **) a;
  BfProfile *pb = *(BfProfile **) b;
  int ret = g_utf8_collate (bf_profile_get_name (pa), bf_profile_get_name (pb));

  return ret != 0 ? ret : strcmp (bf_profile_get_id (pa), bf_profile_get_id (pb));
}

/**
 * bf_profile_list:
 *
 * Returns the profiles under @root (locked), sorted by name. A missing root
 * is an empty list. Directories without vault.json (an interrupted create)
 * are skipped; so are damaged vaults, with a message in the log, because
 * one damaged profile must not hide the others. Load such a directory with
 * bf_profile_load() to get its error.
 */
GPtrArray *
bf_profile_list (const char  *root,
                 GError     **error)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) gdir = NULL;
  const char *entry;

  g_return_val_if_fail (root != NULL, NULL);

  gdir = g_dir_open (root, 0, &local_error);
  if (gdir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&profiles);

      g_set_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_NOT_FOUND,
                   _("The profiles could not be listed: %s"), local_error->message);
      return NULL;
    }

  while ((entry = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *dir = NULL;
      g_autofree char *vault_path = NULL;
      g_autoptr(GError) load_error = NULL;
      BfProfile *profile;

      if (!g_uuid_string_is_valid (entry))
        continue;

      dir = g_build_filename (root, entry, NULL);
      vault_path = g_build_filename (dir, BF_VAULT_FILE_NAME, NULL);
      if (!g_file_test (vault_path, G_FILE_TEST_EXISTS))
        continue;

      profile = bf_profile_load (dir, &load_error);
      if (profile == NULL)
        {
          g_message ("Skipping profile %s: %s", dir, load_error->message);
          continue;
        }
      g_ptr_array_add (profiles, profile);
    }

  g_ptr_array_sort (profiles, compare_profiles);
  return g_steal_pointer (&profiles);
}

/**
 * bf_profile_load:
 *
 * Reads @dir/vault.json. The profile starts locked.
 */
BfProfile *
bf_profile_load (const char  *dir,
                 GError     **error)
{
  g_autofree char *vault_path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(BfVault) vault = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_NOT_FOUND,
                   _("There is no profile in %s"), dir);
      return NULL;
    }

  vault_path = g_build_filename (dir, BF_VAULT_FILE_NAME, NULL);
  vault = bf_vault_load (vault_path, &local_error);
  if (vault == NULL)
    {
      propagate_error (error, local_error);
      return NULL;
    }

  /* The directory is named after the uuid that the wrapped key is bound to;
   * a mismatch means files were moved between profiles. */
  base = g_path_get_basename (dir);
  if (g_uuid_string_is_valid (base) && g_ascii_strcasecmp (base, bf_vault_get_profile_id (vault)) != 0)
    {
      g_set_error_literal (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_DAMAGED_VAULT,
                           _("The vault file belongs to another profile"));
      return NULL;
    }

  return profile_new (dir, vault);
}

/**
 * bf_profile_find:
 *
 * With @name, the profile of that name (exact match); without, the only
 * profile under @root. %BF_PROFILE_ERROR_AMBIGUOUS when there is more than
 * one candidate, %BF_PROFILE_ERROR_NOT_FOUND when there is none.
 */
BfProfile *
bf_profile_find (const char  *root,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GPtrArray) profiles = NULL;
  BfProfile *found = NULL;
  guint matches = 0;

  g_return_val_if_fail (root != NULL, NULL);

  profiles = bf_profile_list (root, error);
  if (profiles == NULL)
    return NULL;

  for (guint i = 0; i < profiles->len; i++)
    {
      BfProfile *profile = g_ptr_array_index (profiles, i);

      if (name == NULL || g_strcmp0 (bf_profile_get_name (profile), name) == 0)
        {
          found = profile;
          matches++;
        }
    }

  if (matches == 0)
    {
      if (name != NULL)
        g_set_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_NOT_FOUND,
                     _("There is no profile named “%s”"), name);
      else
        g_set_error_literal (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_NOT_FOUND,
                             _("There is no profile yet"));
      return NULL;
    }

  if (matches > 1)
    {
      if (name != NULL)
        g_set_error (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_AMBIGUOUS,
                     _("More than one profile is named “%s”; choose one by its folder"), name);
      else
        g_set_error_literal (error, BF_PROFILE_ERROR, BF_PROFILE_ERROR_AMBIGUOUS,
                             _("There is more than one profile; choose one by name"));
      return NULL;
    }

  return g_object_ref (found);
}

/**
 * bf_profile_create:
 *
 * Creates a profile under @root (made 0700 if new): a random database key,
 * bofast.db with the member's identity keys and meta (name, unit, created),
 * and vault.json. The new profile is returned **unlocked**, since the user
 * has just typed the passphrase; call bf_profile_lock() if that is not
 * wanted.
 */
BfProfile *
bf_profile_create (const char  *root,
                   const char  *name,
                   const char  *unit,
                   const char  *passphrase,
                   GError     **error)
{
  g_return_val_if_fail (root != NULL, NULL);

  return create_profile (root, name, unit, passphrase, error);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  BfProfile *profile;

  profile = create_profile (data->root, data->name, data->unit,
                            (const char *) bf_secret_peek (data->passphrase), &error);
  if (profile == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, g_object_unref);
}

void
bf_profile_create_async (const char          *root,
                         const char          *name,
                         const char          *unit,
                         const char          *passphrase,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (root != NULL);
  g_return_if_fail (passphrase != NULL);

  data = g_new0 (TaskData, 1);
  data->root = g_strdup (root);
  data->name = g_strdup (name);
  data->unit = g_strdup (unit);
  data->passphrase = secret_from_string (passphrase);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_profile_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, create_thread);
}

BfProfile *
bf_profile_create_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bf_profile_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
install_store (BfProfile *self,
               BfStore   *store,
               BfVault   *vault)
{
  g_assert (self->store == NULL);

  self->store = g_object_ref (store);
  if (vault != NULL)
    set_vault (self, vault);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOCKED]);
}

/**
 * bf_profile_unlock:
 *
 * Unwraps the database key with @passphrase and opens the store. A wrong
 * passphrase gives %BF_PROFILE_ERROR_WRONG_PASSPHRASE and touches no file;
 * a good passphrase with a database that does not open gives
 * %BF_PROFILE_ERROR_DAMAGED_DATABASE. Unlocking an unlocked profile succeeds.
 */
gboolean
bf_profile_unlock (BfProfile   *self,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(BfStore) store = NULL;
  g_autoptr(BfVault) vault = NULL;

  g_return_val_if_fail (BF_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (self->store != NULL)
    return TRUE;

  store = open_store (self->vault_path, self->db_path, passphrase, &vault, error);
  if (store == NULL)
    return FALSE;

  install_store (self, store, vault);
  return TRUE;
}

typedef struct
{
  BfStore *store;
  BfVault *vault;
} UnlockResult;

static void
unlock_result_free (UnlockResult *result)
{
  if (result->store != NULL)
    bf_store_close (result->store);
  g_clear_object (&result->store);
  g_clear_object (&result->vault);
  g_free (result);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BfProfile *self = source_object;
  TaskData *data = task_data;
  g_autofree UnlockResult *result = g_new0 (UnlockResult, 1);
  GError *error = NULL;

  /* vault_path and db_path are set at construction and never change, so
   * reading them here is safe. */
  result->store = open_store (self->vault_path, self->db_path,
                              (const char *) bf_secret_peek (data->passphrase),
                              &result->vault, &error);
  if (result->store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) unlock_result_free);
}

/* Runs in the thread that called bf_profile_unlock_async(), before the
 * caller's callback, so that the caller sees the profile unlocked and
 * notify::locked is emitted in its own thread. */
static void
unlock_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BfProfile *self = BF_PROFILE (object);
  g_autoptr(GTask) outer = user_data;
  TaskData *data = g_task_get_task_data (G_TASK (result));
  UnlockResult *res;
  GError *error = NULL;

  res = g_task_propagate_pointer (G_TASK (result), &error);
  if (res == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  if (data->lock_serial != self->lock_serial)
    {
      /* bf_profile_lock() was called while the unlock ran: honour it. */
      unlock_result_free (res);
      g_task_return_new_error (outer, BF_PROFILE_ERROR, BF_PROFILE_ERROR_LOCKED,
                               "%s", _("The profile was locked while it was being unlocked"));
      return;
    }

  if (self->store == NULL)
    {
      install_store (self, res->store, res->vault);
      /* The profile holds the store now: only the result's reference
       * goes, the connection stays open. */
      g_clear_object (&res->store);
    }
  unlock_result_free (res);
  g_task_return_boolean (outer, TRUE);
}

void
bf_profile_unlock_async (BfProfile           *self,
                         const char          *passphrase,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  TaskData *data;

  g_return_if_fail (BF_IS_PROFILE (self));
  g_return_if_fail (passphrase != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, bf_profile_unlock_async);

  if (self->store != NULL)
    {
      g_task_return_boolean (outer, TRUE);
      return;
    }

  data = g_new0 (TaskData, 1);
  data->passphrase = secret_from_string (passphrase);
  data->lock_serial = self->lock_serial;

  inner = g_task_new (self, cancellable, unlock_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, unlock_thread);
  g_task_set_task_data (inner, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (inner, unlock_thread);
}

gboolean
bf_profile_unlock_finish (BfProfile     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (BF_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bf_profile_unlock_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bf_profile_lock:
 *
 * Closes the database (SQLCipher wipes its key and page cache) and emits
 * notify::locked. The profile holds no other key: the database key lives
 * only in sodium memory for the moment of unlock, and the identity keys are
 * read from the store on demand. An unlock in flight is abandoned.
 */
void
bf_profile_lock (BfProfile *self)
{
  g_return_if_fail (BF_IS_PROFILE (self));

  self->lock_serial++;

  if (self->store == NULL)
    return;

  bf_store_close (self->store);
  g_clear_object (&self->store);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOCKED]);
}

gboolean
bf_profile_get_locked (BfProfile *self)
{
  g_return_val_if_fail (BF_IS_PROFILE (self), TRUE);
  return self->store == NULL;
}

/**
 * bf_profile_change_passphrase:
 *
 * Rewraps the database key: unwrap with @old_passphrase, wrap with
 * @new_passphrase under a new salt, and replace vault.json atomically and
 * durably. The database is not touched. Works locked or unlocked. A crash at
 * any point leaves exactly one of the two passphrases working.
 */
gboolean
bf_profile_change_passphrase (BfProfile   *self,
                              const char  *old_passphrase,
                              const char  *new_passphrase,
                              GError     **error)
{
  g_autoptr(BfVault) vault = NULL;

  g_return_val_if_fail (BF_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  if (!change_passphrase (self->vault_path, &self->vault_mutex,
                          old_passphrase, new_passphrase, &vault, error))
    return FALSE;

  set_vault (self, vault);
  return TRUE;
}

static void
change_passphrase_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  BfProfile *self = source_object;
  TaskData *data = task_data;
  BfVault *vault = NULL;
  GError *error = NULL;

  if (!change_passphrase (self->vault_path, &self->vault_mutex,
                          (const char *) bf_secret_peek (data->passphrase),
                          (const char *) bf_secret_peek (data->new_passphrase),
                          &vault, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, vault, g_object_unref);
}

void
bf_profile_change_passphrase_async (BfProfile           *self,
                                    const char          *old_passphrase,
                                    const char          *new_passphrase,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (BF_IS_PROFILE (self));
  g_return_if_fail (old_passphrase != NULL);
  g_return_if_fail (new_passphrase != NULL);

  data = g_new0 (TaskData, 1);
  data->passphrase = secret_from_string (old_passphrase);
  data->new_passphrase = secret_from_string (new_passphrase);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_profile_change_passphrase_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, change_passphrase_thread);
}

gboolean
bf_profile_change_passphrase_finish (BfProfile     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autoptr(BfVault) vault = NULL;

  g_return_val_if_fail (BF_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bf_profile_change_passphrase_async, FALSE);

  vault = g_task_propagate_pointer (G_TASK (result), error);
  if (vault == NULL)
    return FALSE;

  set_vault (self, vault);
  return TRUE;
}

const char *
bf_profile_get_id (BfProfile *self)
{
  g_return_val_if_fail (BF_IS_PROFILE (self), NULL);
  return bf_vault_get_profile_id (self->vault);
}

const char *
bf_profile_get_dir (BfProfile *self)
{
  g_return_val_if_fail (BF_IS_PROFILE (self), NULL);
  return self->dir;
}

const char *
bf_profile_get_name (BfProfile *self)
{
  g_return_val_if_fail (BF_IS_PROFILE (self), NULL);
  return bf_vault_get_name (self->vault);
}

const char *
bf_profile_get_unit (BfProfile *self)
{
  g_return_val_if_fail (BF_IS_PROFILE (self), NULL);
  return bf_vault_get_unit (self->vault);
}

/**
 * bf_profile_get_store:
 *
 * The open store, or %NULL while the profile is locked.
 */
BfStore *
bf_profile_get_store (BfProfile *self)
{
  g_return_val_if_fail (BF_IS_PROFILE (self), NULL);
  return self->store;
}

/**
 * bf_profile_get_vault:
 *
 * The vault as last read or written: KDF parameters, format version,
 * creation time. It holds no key.
 */
BfVault *
bf_profile_get_vault (BfProfile *self)
{
  g_return_val_if_fail (BF_IS_PROFILE (self), NULL);
  return self->vault;
}

static gboolean
is_common_passphrase (const char *lower)
{
  static const char * const common[] = {
    "password", "passord", "passwort", "qwerty", "asdf", "123456", "12345678",
    "123456789", "1234567890", "abc123", "letmein", "welcome", "velkommen",
    "sommer", "vinter", "hoest", "høst", "vaar", "vår", "admin", "bofast",
    "iloveyou", "jegelskerdeg", "monkey", "dragon", "football", "fotball",
    "norge", "oslo", "bergen", "trondheim", "qwertz", "azerty", "hemmelig",
    "secret", "changeme",
  };

  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    if (strstr (lower, common[i]) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * bf_passphrase_estimate_strength:
 *
 * A deliberately simple, honest estimate for the hint under the passphrase
 * field: bits ≈ length × log2 (size of the character classes used), with
 * penalties for repeated characters, runs such as "abcd" or "1234" and a
 * few common passwords. It is no substitute for zxcvbn; it errs on the low
 * side. Below %BF_PASSPHRASE_MIN_LENGTH characters the result is at most 1.
 */
guint
bf_passphrase_estimate_strength (const char *passphrase)
{
  g_autofree char *lower = NULL;
  gboolean has_lower = FALSE, has_upper = FALSE, has_digit = FALSE;
  gboolean has_symbol = FALSE, has_other = FALSE;
  glong length = 0, effective = 0;
  gunichar prev = 0;
  gint prev_delta = G_MAXINT;
  double pool = 0, bits;
  guint score;

  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL) || *passphrase == '\0')
    return 0;

  for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gint delta = (gint) c - (gint) prev;

      length++;

      if (c < 0x80 && g_ascii_islower (c))
        has_lower = TRUE;
      else if (c < 0x80 && g_ascii_isupper (c))
        has_upper = TRUE;
      else if (c < 0x80 && g_ascii_isdigit (c))
        has_digit = TRUE;
      else if (c < 0x80)
        has_symbol = TRUE;
      else
        has_other = TRUE;

      /* A character that repeats the previous one, or continues a run with
       * the same step (abc, 1234, 9876), adds little. */
      if (prev != 0 && (delta == 0 || (delta == prev_delta && ABS (delta) == 1)))
        ;
      else
        effective++;

      prev_delta = delta;
      prev = c;
    }

  if (has_lower)  pool += 26;
  if (has_upper)  pool += 26;
  if (has_digit)  pool += 10;
  if (has_symbol) pool += 33;
  if (has_other)  pool += 40;

  bits = effective * log2 (MAX (pool, 2));

  lower = g_utf8_strdown (passphrase, -1);
  if (is_common_passphrase (lower))
    bits -= 20;

  if (bits < 30)
    score = 0;
  else if (bits < 45)
    score = 1;
  else if (bits < 60)
    score = 2;
  else if (bits < 80)
    score = 3;
  else
    score = 4;

  if (length < BF_PASSPHRASE_MIN_LENGTH)
    score = MIN (score, 1);

  bf_memzero (lower, strlen (lower));
  return score;
}
