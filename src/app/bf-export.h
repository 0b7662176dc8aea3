/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-agreement-store.h"

G_BEGIN_DECLS

/*
 * The tenant's copy of an agreement, on paper or as a PDF file. Both load
 * the saved agreement from the store and lay it out with BfPdfLayout, so
 * the paper and the PDF are the same document. Results are reported as
 * toasts on @window's toast overlay. Cancelling @cancellable (the profile
 * locks) abandons the work and drops the decrypted agreement.
 */

void bf_export_print_agreement (AdwApplicationWindow *window,
                                BfAgreementStore     *store,
                                const char           *agreement_id,
                                GCancellable         *cancellable);
void bf_export_pdf             (AdwApplicationWindow *window,
                                BfAgreementStore     *store,
                                const char           *agreement_id,
                                GCancellable         *cancellable);

G_END_DECLS
