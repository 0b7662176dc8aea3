/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-secure"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "bf-secure.h"

struct _BfSecret
{
  gsize   size;
  guint8 *data;   /* sodium_malloc() */
};

static gboolean core_dumps_disabled;

/**
 * bf_secure_init:
 *
 * Initialises libsodium and makes sure that no decrypted data or key can end
 * up in a core dump: the process becomes non-dumpable (which also keeps
 * ptrace-based readers of other users out) and its core size limit is zero.
 *
 * Safe to call more than once.
 */
gboolean
bf_secure_init (GError **error)
{
  struct rlimit no_core = { 0, 0 };

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The cryptography library could not be initialised"));
      return FALSE;
    }

  if (setrlimit (RLIMIT_CORE, &no_core) != 0 ||
      prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Core dumps could not be disabled: %s"), g_strerror (errno));
      return FALSE;
    }

  core_dumps_disabled = TRUE;
  return TRUE;
}

gboolean
bf_secure_core_dumps_disabled (void)
{
  struct rlimit lim;

  if (!core_dumps_disabled)
    return FALSE;
  if (getrlimit (RLIMIT_CORE, &lim) != 0 || lim.rlim_cur != 0)
    return FALSE;
  return prctl (PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
}

BfSecret *
bf_secret_new (gsize size)
{
  BfSecret *self;

  g_return_val_if_fail (size > 0, NULL);

  self = g_new0 (BfSecret, 1);
  self->size = size;
  self->data = sodium_malloc (size);
  if (self->data == NULL)
    g_error ("sodium_malloc(%" G_GSIZE_FORMAT ") failed", size);
  sodium_memzero (self->data, size);
  return self;
}

BfSecret *
bf_secret_new_random (gsize size)
{
  BfSecret *self = bf_secret_new (size);

  randombytes_buf (self->data, size);
  return self;
}

BfSecret *
bf_secret_new_from_data (const guint8 *data,
                         gsize         size)
{
  BfSecret *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = bf_secret_new (size);
  memcpy (self->data, data, size);
  return self;
}

BfSecret *
bf_secret_dup (const BfSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return bf_secret_new_from_data (self->data, self->size);
}

guint8 *
bf_secret_get_data (BfSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->data;
}

const guint8 *
bf_secret_peek (const BfSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->data;
}

gsize
bf_secret_get_size (const BfSecret *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

gboolean
bf_secret_equal (const BfSecret *a,
                 const BfSecret *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->size == b->size && sodium_memcmp (a->data, b->data, a->size) == 0;
}

void
bf_secret_free (BfSecret *self)
{
  if (self == NULL)
    return;

  /* sodium_free() wipes the buffer before it unmaps it. */
  sodium_free (self->data);
  g_free (self);
}

void
bf_memzero (gpointer data,
            gsize    size)
{
  if (data != NULL && size > 0)
    sodium_memzero (data, size);
}

/* Wipes and frees a NUL-terminated string that held a passphrase. */
void
bf_str_wipe_free (char *str)
{
  if (str == NULL)
    return;
  sodium_memzero (str, strlen (str));
  g_free (str);
}
