/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BF_TYPE_PREFERENCES_WINDOW (bf_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BfPreferencesWindow, bf_preferences_window, BF, PREFERENCES_WINDOW, AdwPreferencesWindow)

BfPreferencesWindow *bf_preferences_window_new (GtkWindow *transient_for);

G_END_DECLS
