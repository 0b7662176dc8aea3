/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BF_TYPE_DATE_ROW (bf_date_row_get_type ())

G_DECLARE_FINAL_TYPE (BfDateRow, bf_date_row, BF, DATE_ROW, AdwEntryRow)

GtkWidget  *bf_date_row_new      (void);
const char *bf_date_row_get_date (BfDateRow  *self);
void        bf_date_row_set_date (BfDateRow  *self,
                                  const char *iso_date);
gboolean    bf_date_row_is_valid (BfDateRow  *self);

G_END_DECLS
