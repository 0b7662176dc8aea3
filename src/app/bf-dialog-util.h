/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-enums.h"

G_BEGIN_DECLS

/*
 * Small helpers shared by the log and signing dialogs: dates as a
 * Norwegian reader types them, text views, and fixed choices as a
 * GtkStringList for an AdwComboRow.
 */

char          *bf_dialog_today_iso        (void);
char          *bf_dialog_parse_date       (const char   *text);
char          *bf_dialog_format_date      (const char   *iso);
char          *bf_dialog_parse_time       (const char   *text);
char          *bf_dialog_format_time      (const char   *rfc3339);
gboolean       bf_dialog_check_date_row   (AdwEntryRow  *row,
                                           gboolean      optional,
                                           char        **out_iso);
gboolean       bf_dialog_check_time_row   (AdwEntryRow  *row,
                                           gboolean      optional,
                                           char        **out_time);
void           bf_dialog_add_calendar     (AdwEntryRow  *row);
char          *bf_dialog_dup_text         (GtkTextView  *view);
char          *bf_dialog_dup_row_text     (AdwEntryRow  *row);
GtkStringList *bf_dialog_enum_model       (BfEnumKind    kind);
void           bf_dialog_add_close_bindings (GtkWidgetClass *widget_class,
                                             const char     *save_action);
void           bf_dialog_set_parent       (GtkWindow    *dialog,
                                           GtkWidget    *parent);

G_END_DECLS
