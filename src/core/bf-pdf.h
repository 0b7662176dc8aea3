/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "bf-agreement.h"

G_BEGIN_DECLS

/*
 * The agreement as a printed document: the copy every party, and above all
 * the tenant, gets to keep. The text is Norwegian Bokmål whatever the UI
 * language is, because the document is the agreement itself, not a view of
 * it; only the error messages are translated.
 *
 * The same layout code serves two outputs:
 *  - bf_pdf_write_agreement() and bf_pdf_write_agreement_to_path() write a
 *    PDF (A4) and nothing else: no temporary files outside the directory the
 *    user chose, no logs with personal data;
 *  - BfPdfLayout paginates once and draws any page to any cairo context, so
 *    a GtkPrintOperation can print exactly what the PDF shows. Create the
 *    layout in ::begin-print with gtk_print_context_get_width() and
 *    _get_height() (with the operation's unit set to GTK_UNIT_POINTS and
 *    use-full-page set), call gtk_print_operation_set_n_pages() with
 *    bf_pdf_layout_get_n_pages(), and call bf_pdf_layout_draw_page() from
 *    ::draw-page.
 */

#define BF_PDF_ERROR (bf_pdf_error_quark ())

typedef enum
{
  BF_PDF_ERROR_WRITE,    /* the file or stream could not be written */
  BF_PDF_ERROR_RENDER,   /* cairo could not produce the document */
} BfPdfError;

/* A4 in PostScript points (1/72 inch). */
#define BF_PDF_A4_WIDTH  595.2756
#define BF_PDF_A4_HEIGHT 841.8898

typedef struct
{
  /* The date printed on an agreement that has never been saved as a
   * version; %NULL means now. Saved versions print their own date. */
  GDateTime  *now;
  /* A Pango family list; %NULL means "Cantarell, DejaVu Sans, sans-serif". */
  const char *font_family;
} BfPdfOptions;

#define BF_TYPE_PDF_LAYOUT (bf_pdf_layout_get_type ())

G_DECLARE_FINAL_TYPE (BfPdfLayout, bf_pdf_layout, BF, PDF_LAYOUT, GObject)

GQuark       bf_pdf_error_quark             (void);

BfPdfLayout *bf_pdf_layout_new              (BfAgreement         *agreement,
                                             double               width,
                                             double               height,
                                             const BfPdfOptions  *opts);
double       bf_pdf_layout_get_width        (BfPdfLayout         *self);
double       bf_pdf_layout_get_height       (BfPdfLayout         *self);
guint        bf_pdf_layout_get_n_pages      (BfPdfLayout         *self);
void         bf_pdf_layout_draw_page        (BfPdfLayout         *self,
                                             cairo_t             *cr,
                                             guint                page);

gboolean     bf_pdf_write_agreement         (BfAgreement         *agreement,
                                             GOutputStream       *out,
                                             const BfPdfOptions  *opts,
                                             GCancellable        *cancellable,
                                             GError             **error);
gboolean     bf_pdf_write_agreement_to_path (BfAgreement         *agreement,
                                             const char          *path,
                                             const BfPdfOptions  *opts,
                                             GError             **error);
void         bf_pdf_write_agreement_to_path_async
                                            (BfAgreement         *agreement,
                                             const char          *path,
                                             const BfPdfOptions  *opts,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean     bf_pdf_write_agreement_to_path_finish
                                            (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
