/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-password"

#include "config.h"

#include "bf-password.h"

/**
 * bf_password_row_make_secure:
 * @row: a password entry row
 *
 * Gives the row's text field a #GtkPasswordEntryBuffer, as GtkPasswordEntry
 * has: the passphrase then lives in non-pageable memory that is wiped when
 * it is freed, instead of in an ordinary heap string. libadwaita 1.2's
 * AdwPasswordEntryRow does not do this itself.
 */
void
bf_password_row_make_secure (AdwPasswordEntryRow *row)
{
  g_autoptr(GtkEntryBuffer) buffer = NULL;
  GtkEditable *delegate;

  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row));

  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  if (!GTK_IS_TEXT (delegate))
    return;

  buffer = gtk_password_entry_buffer_new ();
  gtk_text_set_buffer (GTK_TEXT (delegate), buffer);
}

/**
 * bf_password_row_clear:
 * @row: a password entry row
 *
 * Empties the row. With a secure buffer the old text is wiped.
 */
void
bf_password_row_clear (AdwPasswordEntryRow *row)
{
  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row));

  gtk_editable_set_text (GTK_EDITABLE (row), "");
}
