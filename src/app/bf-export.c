/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-export"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-export.h"
#include "bf-pdf.h"
#include "bf-window.h"

/*
 * Printing: load the agreement, then a GtkPrintOperation whose pages come
 * from BfPdfLayout (laid out in ::begin-print for the chosen paper, drawn
 * in ::draw-page).
 *
 * PDF export: first a dialog that says plainly that the file will not be
 * encrypted, then the save dialog (GtkFileChooserNative, so the portal's
 * under Flatpak), then the agreement is loaded and written in a thread by
 * bf_pdf_write_agreement_to_path_async(), which leaves no temporary file
 * outside the chosen folder. The agreement is loaded only after the user
 * has chosen, so no decrypted copy waits behind a dialog.
 */

typedef struct
{
  AdwApplicationWindow *window;
  BfAgreementStore     *store;
  char                 *id;
  char                 *path;
  GCancellable         *cancellable;
  BfAgreement          *agreement;
  BfPdfLayout          *layout;
  GtkFileChooserNative *chooser;
  gulong                cancelled_id;
} Export;

static Export *
export_new (AdwApplicationWindow *window,
            BfAgreementStore     *store,
            const char           *id,
            GCancellable         *cancellable)
{
  Export *export = g_new0 (Export, 1);

  export->window = g_object_ref (window);
  export->store = g_object_ref (store);
  export->id = g_strdup (id);
  export->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  return export;
}

static void
export_free (Export *export)
{
  g_cancellable_disconnect (export->cancellable, export->cancelled_id);
  if (export->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (export->chooser));
  g_clear_object (&export->chooser);
  g_clear_object (&export->layout);
  g_clear_object (&export->agreement);
  g_clear_object (&export->cancellable);
  g_clear_object (&export->store);
  g_clear_object (&export->window);
  g_free (export->path);
  g_free (export->id);
  g_free (export);
}

static void
export_toast (Export     *export,
              const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  bf_window_add_toast (BF_WINDOW (export->window), adw_toast_new (escaped));
}

static void
export_error_toast (Export       *export,
                    const char   *what,
                    const GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: "Could not print: <reason>" or "Could not export the PDF: <reason>". */
  message = g_strdup_printf ("%s: %s", what, error->message);
  export_toast (export, message);
}

/* Printing */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   Export            *export)
{
  g_clear_object (&export->layout);
  export->layout = bf_pdf_layout_new (export->agreement,
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context),
                                      NULL);
  gtk_print_operation_set_n_pages (operation, bf_pdf_layout_get_n_pages (export->layout));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 Export            *export)
{
  bf_pdf_layout_draw_page (export->layout, gtk_print_context_get_cairo_context (context), page);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  Export                  *export)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      export_error_toast (export, _("Could not print"), error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    export_toast (export, _("The agreement was sent to the printer"));

  g_signal_handlers_disconnect_by_data (operation, export);
  export_free (export);
  g_object_unref (operation);
}

static void
on_print_cancelled_cb (GCancellable      *cancellable,
                       GtkPrintOperation *operation)
{
  gtk_print_operation_cancel (operation);
}

static void
print_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation;
  GtkPrintOperationResult res;

  export->agreement = bf_agreement_store_load_finish (BF_AGREEMENT_STORE (object), result, &error);
  if (export->agreement == NULL)
    {
      export_error_toast (export, _("Could not print"), error);
      export_free (export);
      return;
    }

  operation = gtk_print_operation_new ();
  /* BfPdfLayout works in points over the whole sheet; it keeps its own
   * margins. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the print job's name, as a print queue shows it; no
   * tenant's name goes there. */
  gtk_print_operation_set_job_name (operation, _("Follow-up agreement"));
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), export);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), export);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb), export);
  export->cancelled_id = g_cancellable_connect (export->cancellable,
                                                G_CALLBACK (on_print_cancelled_cb),
                                                operation, NULL);

  gtk_print_operation_set_allow_async (operation, TRUE);
  res = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                 GTK_WINDOW (export->window), &error);
  if (res == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* ::done is not emitted for a failure to start. */
      export_error_toast (export, _("Could not print"), error);
      g_signal_handlers_disconnect_by_data (operation, export);
      export_free (export);
      g_object_unref (operation);
    }
}

/**
 * bf_export_print_agreement:
 *
 * Prints the saved version of the agreement, after the print dialog.
 */
void
bf_export_print_agreement (AdwApplicationWindow *window,
                           BfAgreementStore     *store,
                           const char           *agreement_id,
                           GCancellable         *cancellable)
{
  Export *export;

  g_return_if_fail (BF_IS_WINDOW (window));
  g_return_if_fail (BF_IS_AGREEMENT_STORE (store));
  g_return_if_fail (agreement_id != NULL);

  export = export_new (window, store, agreement_id, cancellable);
  bf_agreement_store_load_async (store, agreement_id, export->cancellable,
                                 print_loaded_cb, export);
}

/* PDF */

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;

  if (!bf_pdf_write_agreement_to_path_finish (result, &error))
    export_error_toast (export, _("Could not export the PDF"), error);
  else
    {
      g_autofree char *name = g_filename_display_basename (export->path);
      /* Translators: %s is the file name. */
      g_autofree char *message = g_strdup_printf (_("Saved “%s”. Delete it once the tenant has the copy."), name);

      export_toast (export, message);
    }

  export_free (export);
}

static void
pdf_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;

  export->agreement = bf_agreement_store_load_finish (BF_AGREEMENT_STORE (object), result, &error);
  if (export->agreement == NULL)
    {
      export_error_toast (export, _("Could not export the PDF"), error);
      export_free (export);
      return;
    }

  bf_pdf_write_agreement_to_path_async (export->agreement, export->path, NULL,
                                        export->cancellable, pdf_written_cb, export);
  /* The thread holds its own reference while it writes. */
  g_clear_object (&export->agreement);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        Export          *export)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file == NULL || g_cancellable_is_cancelled (export->cancellable)
      || (export->path = g_file_get_path (file)) == NULL)
    {
      if (file != NULL && export->path == NULL)
        export_toast (export, _("Choose a folder on this computer or a mounted drive"));
      export_free (export);
      return;
    }

  bf_agreement_store_load_async (export->store, export->id, export->cancellable,
                                 pdf_loaded_cb, export);
}

static void
on_warning_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Export           *export)
{
  g_autoptr(GtkFileFilter) filter = NULL;

  /* Otherwise the dialog frees it as it goes, also when it is destroyed
   * without an answer because the profile locked. */
  if (!g_str_equal (response, "continue") || g_cancellable_is_cancelled (export->cancellable))
    return;
  g_object_steal_data (G_OBJECT (dialog), "bf-export");

  export->chooser = gtk_file_chooser_native_new (_("Export PDF"),
                                                 GTK_WINDOW (export->window),
                                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                                 _("_Export"),
                                                 _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (export->chooser), TRUE);
  /* Translators: the suggested file name; it does not name the tenant,
   * because file names show in lists of recent files. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (export->chooser), _("Follow-up agreement.pdf"));

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (export->chooser), filter);

  g_signal_connect (export->chooser, "response", G_CALLBACK (on_chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (export->chooser));
}

/**
 * bf_export_pdf:
 *
 * Warns that the file will be unencrypted, asks where to save it, and
 * writes the saved version of the agreement there as a PDF.
 */
void
bf_export_pdf (AdwApplicationWindow *window,
               BfAgreementStore     *store,
               const char           *agreement_id,
               GCancellable         *cancellable)
{
  GtkWidget *dialog;
  Export *export;

  g_return_if_fail (BF_IS_WINDOW (window));
  g_return_if_fail (BF_IS_AGREEMENT_STORE (store));
  g_return_if_fail (agreement_id != NULL);

  export = export_new (window, store, agreement_id, cancellable);

  dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                   _("Export an Unencrypted Copy?"),
                                   _("The file will not be encrypted. Save it only where no unauthorised person can read it, and delete it when the tenant has received the copy."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "continue", _("C_ontinue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bf-export", export, (GDestroyNotify) export_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_warning_response_cb), export);
  gtk_window_present (GTK_WINDOW (dialog));
}
