/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void bf_password_row_make_secure (AdwPasswordEntryRow *row);
void bf_password_row_clear       (AdwPasswordEntryRow *row);

G_END_DECLS
