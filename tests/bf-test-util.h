/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        bf_test_setup               (void);
GHashTable *bf_test_hash_tree           (const char  *dir);
void        bf_test_assert_same_tree    (GHashTable  *before,
                                         GHashTable  *after);
guint       bf_test_file_mode           (const char  *path);
gboolean    bf_test_tree_contains       (const char  *dir,
                                         const guint8 *needle,
                                         gsize        needle_len,
                                         char       **found_in);
void        bf_test_corrupt_file        (const char  *path,
                                         goffset      offset,
                                         gsize        len);

G_END_DECLS
